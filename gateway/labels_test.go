package gateway_test

import (
	"strings"
	"testing"

	"ticketgate/cmd/ticketgate/config"
	"ticketgate/gateway"
)

// A priority named per language reads in the customer's language, and a
// plain name falls back to the built-in translation.
func TestPriorityLabelsPerLanguage(t *testing.T) {
	c, err := config.Parse("t.toml", []byte(`secret = "0123456789abcdef-test-secret"
priorities = [{ fr = "bloquant", en = "blocker" }, { fr = "majeur", en = "major" }, "medium"]
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
[[triage.rules]]
keywords = ["caisses"]
priority = "P2"
[[triage.rules]]
keywords = ["tills"]
priority = "P2"
[[triage.rules]]
keywords = ["imprimante"]
priority = "P3"
`), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg := c.Gateway()
	cfg.Secret = secret
	f := newFixture(t, func(g *gateway.Config) { *g = cfg })
	for i, m := range []struct{ lang, body, want string }{
		{"fr", "Les caisses sont en panne.", "Priorité : P2 majeur"},
		{"en", "The tills are down.", "Priority: P2 major"},
		{"fr", "L'imprimante est lente.", "Priorité : P3 moyenne"},
	} {
		addr := []string{"a@c.example", "b@c.example", "d@c.example"}[i]
		f.ingest("support", "From: "+addr+"\nTo: support@helpdesk.example.com\nSubject: x\nMessage-ID: <l"+addr+">\nContent-Language: "+m.lang+"\n\n"+m.body+"\n")
		ack := f.outboxTo(addr)
		if len(ack) != 1 || !strings.Contains(ack[0].Mail.Text, m.want) {
			t.Errorf("%s: %+v lacks %q", m.lang, ack, m.want)
		}
	}
}
