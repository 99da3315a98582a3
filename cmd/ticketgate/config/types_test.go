package config

import (
	"strings"
	"testing"
)

// TestTypeErrorsNameKeyAndLine: a value of the wrong type or a bad
// duration is reported at its key and line in our words, never in the
// TOML library's.
func TestTypeErrorsNameKeyAndLine(t *testing.T) {
	base := `secret = "0123456789abcdef0123"
[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
`
	for _, tc := range []struct{ name, extra, want string }{
		{"quoted integer", "[mail]\nrate_limit = \"5\"\n", `t.toml:6: mail.rate_limit: must be an integer, not a string ("5"); write it without quotes`},
		{"boolean as string", "[ingest]\nsame_domain_participants = \"yes\"\n", `t.toml:6: ingest.same_domain_participants: must be true or false, not a string ("yes")`},
		{"string as integer", "[mailboxes.support.imap]\nhost = 143\n", `t.toml:6: mailboxes.support.imap.host: must be a string, not an integer`},
		{"list as string", "[mail]\nagents = \"team@example.com\"\n", `t.toml:6: mail.agents: must be an array, not a string`},
		{"value as table", "[mailboxes.support.imap]\npost_action = { a = 1 }\n", `t.toml:6: mailboxes.support.imap.post_action: must be a string, not a table`},
		{"bad duration", "[serve]\ntick = \"5x\"\n", `t.toml:6: serve.tick: not a duration (like 30s, 5m or 30d): "5x"`},
		{"duration as boolean", "[serve]\nstale_after = true\n", `t.toml:6: serve.stale_after: must be a string, not a boolean`},
		{"array of tables entry", "[[triage.rules]]\npriority = \"P1\"\n[[triage.rules]]\npriority = 2\n", `t.toml:8: triage.rules[2].priority: must be a string, not an integer`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.toml", []byte(base+tc.extra), noEnv)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error:\n%v\nwant:\n%s", err, tc.want)
			}
			if strings.Contains(err.Error(), "TOML value") || strings.Contains(err.Error(), "incompatible") {
				t.Errorf("the TOML library's message shows through: %v", err)
			}
		})
	}
}
