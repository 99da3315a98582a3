package config

import (
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
)

func TestSecurityDefaults(t *testing.T) {
	c, err := Parse("t.toml", []byte(`secret = "0123456789abcdef0123"`+mailbox), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	g := c.Gateway()
	if g.Agents.ProofMaxAge != 30*24*time.Hour || g.Mail.GlobalRateLimit != 300 || g.Mail.AgentNoticeLimit != 10 || g.Mail.MaxQuotedSubject != 150 {
		t.Errorf("defaults: %v %d %d %d", g.Agents.ProofMaxAge, g.Mail.GlobalRateLimit, g.Mail.AgentNoticeLimit, g.Mail.MaxQuotedSubject)
	}
	c, err = Parse("t.toml", []byte(`secret = "0123456789abcdef0123"
[agents]
proof_max_age = "7d"
[mail]
global_rate_limit = 50
`+mailbox), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if g := c.Gateway(); g.Agents.ProofMaxAge != 7*24*time.Hour || g.Mail.GlobalRateLimit != 50 {
		t.Errorf("set: %v %d", g.Agents.ProofMaxAge, g.Mail.GlobalRateLimit)
	}
	if _, err := Parse("t.toml", []byte(`secret = "0123456789abcdef0123"
[mail]
rate_limit = 10
global_rate_limit = 5
`+mailbox), noEnv); err == nil || !strings.Contains(err.Error(), "global_rate_limit") {
		t.Errorf("a global limit below the per-address one: %v", err)
	}
}

// Issue 15 item 2: the file's 0 reaches the gateway as 0, which means
// "none" there too; no -1 stands in for it on the way.
func TestZeroDaysReachTheGatewayAsZero(t *testing.T) {
	c, err := Parse("t.toml", []byte(`secret = "0123456789abcdef0123"
[resolution]
confirm_days = 3
reminder_days = 0
reopen_days = 0
`+mailbox), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Gateway().Resolution; r != (gateway.ResolutionPolicy{ConfirmDays: 3}) {
		t.Errorf("resolution %+v, want confirm 3, no reminder, never reopen", r)
	}
}

// A 0 the file writes is taken as written, not as "the default": where
// it makes no sense it is refused at its line, instead of silently
// becoming 5 or 64.
func TestWrittenZeroIsNotTheDefault(t *testing.T) {
	_, err := Parse("t.toml", []byte(`secret = "0123456789abcdef0123"
[ingest]
max_message_mb = 0
[mail]
rate_limit = 0
max_quoted_subject = 0
[serve]
tick = "0s"
[smtp]
host = "127.0.0.1"
port = 0
[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
imap = { host = "127.0.0.1", security = "plain", username = "u", password = "p", port = 0, idle_refresh = "0s" }
`), noEnv)
	want := []string{
		"t.toml:3: ingest.max_message_mb: must be at least 1",
		"t.toml:5: mail.rate_limit: must be at least 1 (set mail.disabled to send no automatic mail)",
		"t.toml:6: mail.max_quoted_subject: must be at least 20",
		"t.toml:8: serve.tick: must be at least 1s",
		"t.toml:11: smtp.port: must be a TCP port, 1 to 65535",
		"t.toml:15: mailboxes.support.imap.port: must be a TCP port, 1 to 65535",
		"t.toml:15: mailboxes.support.imap.idle_refresh: must be between 10s and 25m (servers end IDLE after 29 minutes)",
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("errors:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

// A mailbox refreshed less often than serve.stale_after would read stale
// while healthy: check says so at the key to change.
func TestRefreshLongerThanStaleAfter(t *testing.T) {
	_, err := Parse("t.toml", []byte(`secret = "0123456789abcdef0123"
[serve]
stale_after = "10m"
[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
[mailboxes.support.imap]
host = "127.0.0.1"
security = "plain"
username = "u"
password = "p"
idle_refresh = "20m"
`), noEnv)
	want := "t.toml:12: mailboxes.support.imap.idle_refresh: 20m0s is longer than serve.stale_after (10m0s): a quiet, healthy mailbox would be reported stale"
	if err == nil || err.Error() != want {
		t.Errorf("errors:\n%v\nwant:\n%s", err, want)
	}
	// The defaults (a 5 minute refresh, 15 minutes stale) agree.
	if _, err := Parse("t.toml", []byte(`secret = "0123456789abcdef0123"
[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
imap = { host = "127.0.0.1", security = "plain", username = "u", password = "p" }
`), noEnv); err != nil {
		t.Errorf("defaults refused: %v", err)
	}
}
