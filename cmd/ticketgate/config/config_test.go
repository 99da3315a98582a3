package config

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func noEnv(string) string { return "" }

func TestExampleIsValid(t *testing.T) {
	c, err := Parse("/etc/ticketgate/ticketgate.toml", Example(), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if c.DefaultMailbox != "support" || c.Database != "/etc/ticketgate/ticketgate.db" {
		t.Errorf("default mailbox %q, database %q", c.DefaultMailbox, c.Database)
	}
	g := c.Gateway()
	if g.Mailboxes["oncall"].Priority != 1 || g.Mailboxes["support"].Prefix != "SUP" || g.Mailboxes["oncall"].Prefix != "OC" {
		t.Errorf("gateway config %+v", g.Mailboxes)
	}
	if a, b := string(Example()), string(Example()); a == b {
		t.Error("two examples share a secret")
	}
}

func TestErrorsNameKeyAndLine(t *testing.T) {
	src := `secret = "0123456789abcdef0123"

[mailboxes.support]
address = "support@example.com"
prefix = "sup"
colour = "blue"

[mailboxes.oncall]
address = "support@example.com"
prefix = "OC"
priority = "P6"

[mailboxes.oncall.imap]
host = "imap.example.com"
security = "plain"
username = "u"
`
	_, err := Parse("t.toml", []byte(src), noEnv)
	if err == nil {
		t.Fatal("invalid configuration accepted")
	}
	for _, want := range []string{
		"t.toml:6: mailboxes.support.colour: unknown key",
		`t.toml:5: mailboxes.support.prefix: "sup" must be 2 to 10 capital letters`,
		"t.toml:11: mailboxes.oncall.priority: P6 is beyond the 5 priorities configured",
		"t.toml:4: mailboxes.support.address: same address as mailbox oncall",
		"t.toml:15: mailboxes.oncall.imap.security: plain (unencrypted) IMAP is allowed only to a loopback host",
		"mailboxes.oncall.imap.password: no password",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q; got:\n%v", want, err)
		}
	}
}

func TestSyntaxErrorHasLine(t *testing.T) {
	_, err := Parse("t.toml", []byte("secret = \"0123456789abcdef0\"\n[mailboxes.support\n"), noEnv)
	if err == nil || !regexp.MustCompile(`^t\.toml:[23]: `).MatchString(err.Error()) {
		t.Errorf("err = %v", err)
	}
}

func TestSecretsFromEnvironment(t *testing.T) {
	src := `[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
[mailboxes.support.imap]
host = "127.0.0.1"
security = "plain"
username = "support"
password_env = "SUPPORT_PW"
`
	env := map[string]string{EnvSecret: "from-the-environment-0123", "SUPPORT_PW": "pw"}
	c, err := Parse("t.toml", []byte(src), func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Secret != env[EnvSecret] || c.Mailboxes["support"].IMAP.Password != "pw" || c.Mailboxes["support"].IMAP.Port != 143 {
		t.Errorf("secret %q imap %+v", c.Secret, c.Mailboxes["support"].IMAP)
	}
	if _, err := Parse("t.toml", []byte(src), noEnv); err == nil || !strings.Contains(err.Error(), "secret: must be at least 16") {
		t.Errorf("missing secret: %v", err)
	}
}

func TestResolvePath(t *testing.T) {
	env := func(k string) string {
		if k == EnvConfig {
			return "/from/env.toml"
		}
		return ""
	}
	if p := ResolvePath("", env); p != "/from/env.toml" {
		t.Errorf("env: %s", p)
	}
	if p := ResolvePath("x.toml", env); p != "x.toml" {
		t.Errorf("flag: %s", p)
	}
	if p := ResolvePath("", noEnv); p != DefaultPath {
		t.Errorf("default: %s", p)
	}
}

func TestSMTPAndMailErrors(t *testing.T) {
	src := `secret = "0123456789abcdef0123"
[mail]
rate_limit = -1
agents = ["Agents <a@example.com>"]
[agents]
domains = ["@example.com"]
oncall = ["not an address"]
[resolution]
confirm_days = 3
reminder_days = 3
[smtp]
host = "smtp.example.com"
security = "plain"
auth = "cram"
username = "relay"
[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
`
	_, err := Parse("t.toml", []byte(src), noEnv)
	if err == nil {
		t.Fatal("invalid configuration accepted")
	}
	for _, want := range []string{
		"t.toml:3: mail.rate_limit: must be at least 1",
		`t.toml:4: mail.agents: "Agents <a@example.com>" is not a plain mail address`,
		`t.toml:6: agents.domains: "@example.com" is not a mail domain`,
		`t.toml:7: agents.oncall: "not an address" is not a plain mail address`,
		"t.toml:10: resolution.reminder_days: must be 0 (no reminder) or fewer than confirm_days",
		"t.toml:13: smtp.security: plain (unencrypted) SMTP is allowed only to a loopback host",
		`t.toml:14: smtp.auth: "cram" is not one of login, plain`,
		"smtp.password: a username needs a password",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q; got:\n%v", want, err)
		}
	}
	c, err := Parse("t.toml", []byte("secret = \"0123456789abcdef0123\"\n[smtp]\nhost = \"127.0.0.1\"\nsecurity = \"plain\"\n[mailboxes.support]\naddress = \"s@example.com\"\nprefix = \"SUP\"\n"), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if nc, ok := c.Notifier(); !ok || nc.Port != 25 || nc.MinBackoff != time.Minute || nc.GiveUpAfter != 72*time.Hour {
		t.Errorf("defaults %+v", nc)
	}
	if r := c.Gateway().Resolution; r.ConfirmDays != 5 || r.ReminderDays != 1 || r.ReopenDays != 10 {
		t.Errorf("resolution defaults %+v", r)
	}
}
