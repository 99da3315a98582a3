package config

import (
	"strings"
	"testing"
	"time"
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
