package config

import (
	"strings"
	"testing"
)

// Issue 15 item 2: every error at once, in file order, each at its key's
// line, wherever TOML lets the key be written.
func TestAllErrorsInFileOrder(t *testing.T) {
	src := `secret = "0123456789abcdef0123"
log.level = "loud"
smtp = { host = "smtp.example.com", auth = "cram" }

[mail]
rate_limit = -1

[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
imap.host = "imap.example.com"
imap.security = "plain"
imap.username = "u"
imap.password = "p"

[[triage.rules]]
priority = "P1"
keywords = ["down"]

[[triage.rules]]
mailbox = "support"
priority = "P9"
colour = "red"
`
	_, err := Parse("t.toml", []byte(src), noEnv)
	if err == nil {
		t.Fatal("invalid configuration accepted")
	}
	want := []string{
		`t.toml:2: log.level: "loud" is not one of debug, info, warn, error`,
		`t.toml:3: smtp.auth: "cram" is not one of login, plain`,
		`t.toml:6: mail.rate_limit: must be at least 1 (set mail.disabled to send no automatic mail)`,
		`t.toml:12: mailboxes.support.imap.security: plain (unencrypted) IMAP is allowed only to a loopback host`,
		`t.toml:22: triage.rules[2].priority: P9 is beyond the 5 priorities configured`,
		`t.toml:23: triage.rules[2].colour: unknown key`,
	}
	if got := strings.Split(err.Error(), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

// An inline table may span lines (TOML 1.1); each key keeps its own line,
// and a key the file leaves out is placed at the table that lacks it.
func TestLinesInsideInlineTablesAndMissingKeys(t *testing.T) {
	src := `secret = "0123456789abcdef0123"
smtp = {
  host = "smtp.example.com",
  security = "ssl",
  username = "relay",
}

[mailboxes.support]
address = "support@example.com"
prefix = "SUP"

[mailboxes.support.imap]
host = "imap.example.com"
`
	_, err := Parse("t.toml", []byte(src), noEnv)
	if err == nil {
		t.Fatal("invalid configuration accepted")
	}
	for _, want := range []string{
		`t.toml:2: smtp.password: a username needs a password`,
		`t.toml:4: smtp.security: "ssl" is not one of tls, starttls, plain`,
		`t.toml:12: mailboxes.support.imap.username: is required`,
		`t.toml:12: mailboxes.support.imap.password: no password`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q; got:\n%v", want, err)
		}
	}
}

func TestPositionsNumberArrayTableEntries(t *testing.T) {
	ix := indexPositions([]byte(`[[a]]
x = 1
[a.b]
y = 2
[[a]]
x = 3
[[a.c]]
z = { w = [{ v = 4 }] }
`))
	for key, line := range map[string]int{"a[1].x": 2, "a[1].b.y": 4, "a[2]": 5, "a[2].x": 6,
		"a[2].c[1].z.w[1].v": 8, "a[2].c[1].q": 7, "nowhere": 0} {
		if got := ix.line(key); got != line {
			t.Errorf("line(%s) = %d, want %d", key, got, line)
		}
	}
	if u := unnumbered("triage.rules[12].tier"); u != "triage.rules.tier" {
		t.Errorf("unnumbered: %s", u)
	}
}
