package gateway_test

import (
	"strings"
	"testing"

	"ticketgate/gateway"
)

// Every word of a mail to a French customer is French: the template's
// and the ones the gateway fills in (priority, targets, zone, details).
func TestFrenchCustomerReadsFrench(t *testing.T) {
	f := triagedFixture(t)
	mail := func(id, body string) gateway.OutgoingMail {
		t.Helper()
		f.ingest("support", "From: Marie Dupont <marie@client.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Imprimante\r\n"+
			"Message-ID: <"+id+"@client.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"+body)
		ms := f.outboxTo("marie@client.example")
		m := ms[len(ms)-1].Mail
		for _, part := range []string{m.Subject, m.Text, m.HTML} {
			for _, english := range []string{"business", "medium", "high", "low", "phone number", "serial number", "Europe/Paris", "Paris time"} {
				if strings.Contains(part, english) {
					t.Errorf("the French %s mail says %q:\n%s", ms[len(ms)-1].Kind, english, part)
				}
			}
		}
		return m
	}
	// Details missing: the request for them names them in French.
	m := mail("fr-1", "Bonjour,\r\n\r\nl'imprimante de l'accueil n'imprime plus les badges depuis ce matin.\r\n")
	for _, want := range []string{"heure de Paris", "numéro de téléphone", "numéro de série", "P3 moyenne"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("the request for details lacks %q:\n%s", want, m.Text)
		}
	}
	// Everything there: the acknowledgement states the target in French.
	m = mail("fr-2", "Bonjour,\r\n\r\nle lecteur de badges ne répond plus. Numéro de série : SN-48213, tél. 01 23 45 67 89.\r\n")
	if !strings.Contains(m.Text, "heures ouvrées") && !strings.Contains(m.Text, "jour ouvré") {
		t.Errorf("the acknowledgement does not say its target in French:\n%s", m.Text)
	}
}

// A target on a 24/7 clock is plain time: an on-call promise of one hour
// is not "one business hour".
func TestAroundTheClockTargetIsPlainTime(t *testing.T) {
	f := triagedFixture(t, func(g *gateway.Config) { g.Mail.Agents = []string{"alex@helpdesk.example.com"} })
	res := f.ingest("oncall", "From: Tom <tom@shop.example>\r\nTo: oncall@helpdesk.example.com\r\nSubject: All tills down\r\n"+
		"Message-ID: <oc-1@shop.example>\r\n\r\nNone of our tills can take payments.\r\n")
	tk, _, _ := f.ticket(res.Ticket)
	if tk.Priority != gateway.Priority(1) || tk.ResponseTarget == "" {
		t.Fatalf("on-call ticket %s with target %q", tk.Priority, tk.ResponseTarget)
	}
	notices := f.outboxTo("alex@helpdesk.example.com")
	if len(notices) != 1 {
		t.Fatalf("%d notices to the agent", len(notices))
	}
	text := notices[0].Mail.Text
	if strings.Contains(text, "business") || !strings.Contains(text, "Response: 1 hour") {
		t.Errorf("the agents' notice does not state the 24/7 target as plain time:\n%s", text)
	}
}
