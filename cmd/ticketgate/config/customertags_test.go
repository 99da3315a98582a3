package config

import (
	"strings"
	"testing"

	"ticketgate/parser"
)

// triage.customer_tags decides whether "[P1]" over a font glitch is P1.
func TestCustomerTags(t *testing.T) {
	m := &parser.Message{Subject: "[P1] Wrong font on ticket header", Text: "The header uses Times instead of our brand font, it's just the look."}
	m.Reply = m.Text
	for mode, want := range map[string]int{"": 4, "weigh": 4, "ignore": 4, "obey": 1} {
		src := strings.Replace(string(Example()), "[mailboxes.support]", "[triage]\ncustomer_tags = \""+mode+"\"\n\n[mailboxes.support]", 1)
		if mode == "" {
			src = string(Example())
		}
		c, err := Parse("/etc/ticketgate/ticketgate.toml", []byte(src), noEnv)
		if err != nil {
			t.Fatalf("%q: %v", mode, err)
		}
		if d := c.Policy.Triage("support", m); int(d.Priority) != want {
			t.Errorf("customer_tags %q: %s (%s), want P%d", mode, d.Priority, d.Reason, want)
		}
	}
	src := strings.Replace(string(Example()), "[mailboxes.support]", "[triage]\ncustomer_tags = \"loud\"\n\n[mailboxes.support]", 1)
	if _, err := Parse("/etc/ticketgate/ticketgate.toml", []byte(src), noEnv); err == nil || !strings.Contains(err.Error(), "customer_tags") {
		t.Errorf("customer_tags = loud: %v", err)
	}
}
