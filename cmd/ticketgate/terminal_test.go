package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 13 item 6: nothing a mail holds reaches the administrator's
// terminal as a control sequence, whatever the command and format.
func TestNoControlSequenceReachesTheTerminal(t *testing.T) {
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	evil := "From: =?utf-8?Q?Jane=1B]0;pwned=07?= <jane@customer.example>\r\nTo: support@helpdesk.example.com\r\n" +
		"Subject: =?utf-8?Q?Printer=1B[2J=E2=80=AEfdp.exe?=\r\nMessage-ID: <esc-1@customer.example>\r\n\r\n" +
		"Hello \x1b[31mred\x1b[0m \x1b]8;;http://evil.example/\x07link\x1b]8;;\x07 \u202eright-to-left \xc2\x9b2J\r\n"
	out, errOut, code := cli(t, evil, env, "ingest")
	if code != 0 {
		t.Fatalf("ingest (%d): %s", code, errOut)
	}
	ref := strings.TrimSpace(strings.Split(out, "\t")[2])
	file := filepath.Join(t.TempDir(), "evil.eml")
	if err := os.WriteFile(file, []byte(evil), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"tickets", "show", ref}, {"tickets", "show", ref, "--json"}, {"tickets", "list"}, {"tickets", "list", "--json"},
		{"parse", file}, {"parse", "--json", file}, {"outbox", "list"}, {"tickets", "show", "NOPE-\x1b[2J"},
	} {
		out, errOut, _ := cli(t, "", env, args...)
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u009b"} {
			if strings.Contains(out+errOut, bad) {
				t.Errorf("%v prints %q:\n%s%s", args, bad, out, errOut)
			}
		}
	}
	out, _, _ = cli(t, "", env, "tickets", "show", ref)
	if !strings.Contains(out, `\u001b[31mred`) {
		t.Errorf("the escape is not shown for what it is:\n%s", out)
	}
}

func TestTermWriterKeepsCharactersCutAcrossWrites(t *testing.T) {
	var b bytes.Buffer
	w := &termWriter{w: &b}
	for _, p := range []string{"a\xe2\x80", "\xae b é\xc3", "\xa9 \x1b", "[0m\n"} {
		if n, err := w.Write([]byte(p)); n != len(p) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", p, n, err)
		}
	}
	if got := b.String(); got != `a\u202e b éé \u001b[0m`+"\n" {
		t.Errorf("got %q", got)
	}
}
