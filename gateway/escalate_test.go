package gateway_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ticketgate/gateway"
)

const specialist = "expert@helpdesk.example.com"

func escalationFixture(t *testing.T, atRisk bool) *fixture {
	t.Helper()
	cfg := lifecycleConfig(t)
	cfg.Escalation = gateway.Escalation{Level2: []string{specialist}, AtRisk: atRisk}
	f := newFixture(t, func(g *gateway.Config) { *g = cfg })
	f.now = inParis("2026-11-06 16:00") // a Friday
	return f
}

func TestEscalateByMail(t *testing.T) {
	f := escalationFixture(t, false)
	ref, notice := f.opened()
	f.now = inParis("2026-11-09 10:00")
	f.ingest("support", agentMail("e1@helpdesk.example.com", notice, "#escalate the spooler crashes on every till"))
	tk, _, evs := f.ticket(ref)
	if tk.Level != 2 || !hasEvent(evs, gateway.EventEscalated, "escalated to level 2 ("+specialist+"): the spooler crashes on every till") {
		t.Fatalf("level %d, events %+v", tk.Level, evs)
	}
	mails := f.outboxTo(specialist)
	if len(mails) != 1 || mails[0].Kind != "escalation" {
		t.Fatalf("specialist got %q", f.kinds(specialist))
	}
	m := mails[0].Mail
	for _, want := range []string{"Ticket " + ref + " has been escalated to level 2 by " + alex, "Why: the spooler crashes on every till",
		"> Hello, the invoices stay in the print queue since this morning.", customer} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("escalation lacks %q:\n%s", want, m.Text)
		}
	}
	if got := f.kinds(customer); got != "ack" {
		t.Errorf("customer got %q: an escalation is internal", got)
	}
	// Twice is refused, with the reason to the agent.
	f.ingest("support", agentMail("e2@helpdesk.example.com", notice, "#escalader"))
	if got := f.kinds(alex); !strings.Contains(got, "agent-error") {
		t.Errorf("second escalation: alex got %q", got)
	}
	// The specialist answers the escalation: relayed to the customer.
	f.ingest("support", "From: Expert <"+specialist+">\nTo: support@helpdesk.example.com\nSubject: Re: escalated\nMessage-ID: <e3@helpdesk.example.com>\nIn-Reply-To: <"+
		strings.Trim(m.MessageID, "<>")+">\n\nHello Jane,\n\nPlease restart the spooler service; a fix follows.\n")
	if got := f.kinds(customer); got != "ack agent-reply" {
		t.Errorf("the specialist's answer: customer got %q", got)
	}
}

func TestEscalateFromTheConsole(t *testing.T) {
	cfg := lifecycleConfig(t)
	mb := cfg.Mailboxes["support"]
	mb.Escalate = []string{"Printers@helpdesk.example.com"}
	cfg.Mailboxes["support"] = mb
	cfg.Escalation.Level2 = []string{specialist}
	f := newFixture(t, func(g *gateway.Config) { *g = cfg })
	f.now = inParis("2026-11-06 16:00")
	ref, _ := f.opened()
	tk, err := f.gw.Escalate(context.Background(), ref, "admin Sam", "")
	if err != nil || tk.Level != 2 {
		t.Fatalf("Escalate: %v, level %v", err, tk)
	}
	if f.kinds("printers@helpdesk.example.com") != "escalation" || f.kinds(specialist) != "" {
		t.Errorf("the mailbox's list goes first: %q, %q", f.kinds("printers@helpdesk.example.com"), f.kinds(specialist))
	}
	if _, err := f.gw.Escalate(context.Background(), ref, "admin Sam", ""); !errors.Is(err, gateway.ErrRefused) {
		t.Errorf("second escalation: %v", err)
	}
}

func TestEscalateWithoutLevel2(t *testing.T) {
	f := lifecycleFixture(t)
	ref, _ := f.opened()
	_, err := f.gw.Escalate(context.Background(), ref, "admin Sam", "")
	if !errors.Is(err, gateway.ErrRefused) || !strings.Contains(err.Error(), "agents.level2") {
		t.Errorf("no level 2: %v", err)
	}
	if tk, _, _ := f.ticket(ref); tk.Level != 1 {
		t.Errorf("level %d after a refusal", tk.Level)
	}
}

// P3 on Friday 16:00: first response due Monday 11:00, at risk with a
// quarter of its four business hours left, Monday 10:00.
func TestEscalateWhenAtRisk(t *testing.T) {
	f := escalationFixture(t, true)
	ref, _ := f.opened()
	for _, step := range []struct {
		at    string
		level int
		mails int
	}{
		{"2026-11-09 09:30", 1, 0},
		{"2026-11-09 10:00", 2, 1},
		{"2026-11-09 11:01", 2, 1}, // breached: warned, not escalated again
	} {
		f.now = inParis(step.at)
		f.tick()
		tk, _, _ := f.ticket(ref)
		if tk.Level != step.level || f.count(specialist, "escalation") != step.mails {
			t.Errorf("at %s: level %d, %d escalations; want %d, %d", step.at, tk.Level, f.count(specialist, "escalation"), step.level, step.mails)
		}
	}
	m := f.outboxTo(specialist)[0].Mail
	if !strings.Contains(m.Text, "Why: automatic: the first response is at risk") {
		t.Errorf("automatic escalation:\n%s", m.Text)
	}
}
