package gateway_test

import (
	"strings"
	"testing"

	"ticketgate/gateway"
)

// frenchAgents is the on-call desk of raiseFixture with agents who read
// French.
func frenchAgents(t *testing.T) *fixture {
	t.Helper()
	f := raiseFixture(t, func(c *gateway.Config) { c.Mail.AgentLanguage = "fr" })
	f.now = inParis("2026-11-06 17:30")
	return f
}

// Agents reading French get triage's reason in French: the evidence kinds
// and the words between them, the customer's words as written.
func TestTriageReasonInFrenchAgentMail(t *testing.T) {
	f := frenchAgents(t)
	res := f.ingest("support", tillsStopped)
	tk, _, _ := f.ticket(res.Ticket)
	const fr = `périmètre « Toutes nos caisses » + « en panne » (hors service) + « caisses » (ventes) + « ne pouvons plus encaisser » (activité arrêtée)`
	if len(tk.PriorityWhy) == 0 || !strings.HasPrefix(tk.PriorityReason, `scope "Toutes nos caisses"`) {
		t.Fatalf("stored reason %q, parts %+v", tk.PriorityReason, tk.PriorityWhy)
	}
	notice := f.outboxTo(team)[0].Mail
	if !strings.Contains(notice.Text, "Priorité : P1 critique ("+fr+")") {
		t.Errorf("new-ticket notice:\n%s", notice.Text)
	}
	page := f.outboxTo(pager)[0].Mail
	if !strings.Contains(page.Text, "Motif : "+fr+"\n") {
		t.Errorf("page:\n%s", page.Text)
	}
	for _, m := range []gateway.OutgoingMail{notice, page} {
		if strings.Contains(m.Text, "scope") || strings.Contains(m.Text, "(sales)") {
			t.Errorf("English in French agent mail:\n%s", m.Text)
		}
	}

	// A person's choice, by mail: "fixée par", in the page of the raise.
	id := notice.MessageID
	f.ingest("support", agentMail("fr-1@helpdesk.example.com", id, "#priority P3"))
	f.ingest("support", agentMail("fr-2@helpdesk.example.com", id, "#priority P1"))
	pages := f.outboxTo(pager)
	if len(pages) != 2 || !strings.Contains(pages[1].Mail.Text, "Motif : fixée par "+alex+"\n") {
		t.Fatalf("pages %d, last:\n%s", len(pages), pages[len(pages)-1].Mail.Text)
	}
	if tk, _, _ := f.ticket(res.Ticket); tk.PriorityReason != "set by "+alex {
		t.Errorf("stored reason %q", tk.PriorityReason)
	}
}

// Agents reading English get the reason as it always read.
func TestTriageReasonInEnglishAgentMail(t *testing.T) {
	f := raiseFixture(t)
	f.now = inParis("2026-11-06 17:30")
	f.ingest("support", tillsStopped)
	const en = `scope "Toutes nos caisses" + "en panne" (down) + "caisses" (sales) + "ne pouvons plus encaisser" (business stopped)`
	if m := f.outboxTo(pager)[0].Mail; !strings.Contains(m.Text, "Why: "+en+"\n") {
		t.Errorf("page:\n%s", m.Text)
	}
}

// A ticket stored before reasons had parts keeps its English text; a
// reason a person typed through SetPriority reads as typed.
func TestOldReasonFallsBackToItsText(t *testing.T) {
	f := frenchAgents(t)
	res := f.ingest("support", tillsStopped)
	preview := func() string {
		r, err := f.gw.PreviewTemplate(f.ctx, "agent-new-ticket", "fr", res.Ticket)
		if err != nil {
			t.Fatal(err)
		}
		return r.Text
	}
	if got := preview(); !strings.Contains(got, "(périmètre « Toutes nos caisses » + « en panne » (hors service)") {
		t.Errorf("preview of a new ticket:\n%s", got)
	}
	err := f.store.Update(f.ctx, func(tx gateway.Tx) error {
		tk, err := tx.TicketByRef(f.ctx, res.Ticket)
		if err != nil {
			return err
		}
		tk.PriorityWhy = nil
		return tx.UpdateTicket(f.ctx, tk)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := preview(); !strings.Contains(got, `(scope "Toutes nos caisses" + "en panne" (down)`) {
		t.Errorf("preview of an old ticket:\n%s", got)
	}
	if _, err := f.gw.SetPriority(f.ctx, res.Ticket, 2, "admin", "rappel du client : une seule caisse"); err != nil {
		t.Fatal(err)
	}
	if got := preview(); !strings.Contains(got, "P2 haute (rappel du client : une seule caisse)") {
		t.Errorf("preview after SetPriority:\n%s", got)
	}
}
