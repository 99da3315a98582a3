package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ticketgate/cmd/ticketgate/config"
	"ticketgate/gateway/imapsource/imaptest"
	"ticketgate/notifier/smtpsink"
)

// commentedTOML is a commented line that is TOML once uncommented: a
// table header or a key/value. Prose comments are not.
var commentedTOML = regexp.MustCompile(`^# (\[\[?[A-Za-z0-9_.]+\]\]?|[A-Za-z0-9_]+ = .+)$`)

// commentedBlocks finds the runs of consecutive commented TOML lines of
// the example: each is what a user uncomments at once.
func commentedBlocks(lines []string) [][2]int {
	var blocks [][2]int
	for i := 0; i < len(lines); i++ {
		if !commentedTOML.MatchString(lines[i]) {
			continue
		}
		j := i
		for j < len(lines) && commentedTOML.MatchString(lines[j]) {
			j++
		}
		blocks = append(blocks, [2]int{i, j})
		i = j
	}
	return blocks
}

// TestInitBlocksUncomment uncomments each commented block of the file
// 'init' writes, alone, and runs 'check' on the result: it must pass.
// The example's servers are replaced by servers in the process, the only
// change beside the uncommenting.
func TestInitBlocksUncomment(t *testing.T) {
	imapSrv := imaptest.NewMemServer(t)
	user, pass := imapSrv.NewUser(t)
	ihost, iport, _ := strings.Cut(imapSrv.Addr(), ":")
	sink := startSink(t, smtpsink.Options{})
	env := map[string]string{"TICKETGATE_SUPPORT_PASSWORD": pass}
	local := strings.NewReplacer(
		`host = "imap.example.com"`, fmt.Sprintf("host = %q\n# port = %s", ihost, iport),
		`host = "smtp.example.com"`, fmt.Sprintf("host = \"127.0.0.1\"\n# port = %d", sink.Port()),
		`security = "tls"  `, `security = "plain"`,
		`security = "starttls"`, `security = "plain"`,
		"# username = \"support@helpdesk.example.com\"\n# password_env = \"TICKETGATE_SUPPORT_PASSWORD\"",
		fmt.Sprintf("# username = %q\n# password_env = \"TICKETGATE_SUPPORT_PASSWORD\"", user),
		// The local sink takes mail without authentication.
		"\n# username = \"support@helpdesk.example.com\"\n# password_env = \"TICKETGATE_SMTP_PASSWORD\"", "",
	)
	lines := strings.Split(local.Replace(string(config.Example())), "\n")
	blocks := commentedBlocks(lines)
	if len(blocks) < 8 {
		t.Fatalf("only %d commented blocks found; the test no longer reads the example", len(blocks))
	}
	var headers int
	for _, b := range blocks {
		name := strings.TrimPrefix(lines[b[0]], "# ")
		if strings.HasPrefix(name, "[") {
			headers++
		}
		t.Run(name, func(t *testing.T) {
			doc := append([]string(nil), lines...)
			for i := b[0]; i < b[1]; i++ {
				doc[i] = strings.TrimPrefix(doc[i], "# ")
			}
			dir := t.TempDir()
			cfg := filepath.Join(dir, "ticketgate.toml")
			if err := os.WriteFile(cfg, []byte(strings.Join(doc, "\n")), 0o600); err != nil {
				t.Fatal(err)
			}
			out, errOut, code := cli(t, "", env, "check", "--config", cfg)
			if code != 0 {
				t.Errorf("check after uncommenting lines %d-%d (%d):\n%s\n%s\n%s", b[0]+1, b[1], code, strings.Join(doc[b[0]:b[1]], "\n"), out, errOut)
			}
		})
	}
	if headers < 5 {
		t.Errorf("only %d commented tables found (smtp, metrics, imap, tiers, triage...)", headers)
	}
}
