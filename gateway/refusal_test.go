package gateway_test

import (
	"errors"
	"strings"
	"testing"

	"ticketgate/gateway"
)

// Issue 13 item 10: a refused command mail applies nothing, and the
// refusal is a type, not a string.
func TestRefusedAgentMailAppliesNothing(t *testing.T) {
	f := lifecycleFixture(t)
	res := f.ingest("support", "To: support@helpdesk.example.com\nSubject: ???\nMessage-ID: <nofrom@x.example>\n\nbody\n")
	notices := f.outboxTo(team)
	if !res.NeedsHuman || len(notices) != 1 {
		t.Fatalf("%+v, notices %+v", res, notices)
	}
	f.ingest("support", agentMail("a1@helpdesk.example.com", notices[0].Mail.MessageID, "#assign bob\n#priority P1\n\nI'm on it."))
	tk, _, evs := f.ticket(res.Ticket)
	if tk.Assignee != "" || tk.Priority == 1 {
		t.Errorf("half applied: assignee %q priority %s", tk.Assignee, tk.Priority)
	}
	if n := countEvents(evs, gateway.EventAssign) + countEvents(evs, gateway.EventPriority); n != 0 {
		t.Errorf("%d events of commands that did not apply: %+v", n, evs)
	}
	errs := f.outboxTo(alex)
	if len(errs) != 1 || errs[0].Kind != "agent-error" || !strings.Contains(errs[0].Mail.Text, "no customer address") ||
		strings.Contains(errs[0].Mail.Text, "refused:") {
		t.Errorf("agent error %+v", errs)
	}

	_, err := f.gw.Act(f.ctx, res.Ticket, "root", gateway.Command{Verb: gateway.VerbAssign, Arg: "bob"}, "Done.")
	var refusal *gateway.RefusedError
	if !errors.As(err, &refusal) || !errors.Is(err, gateway.ErrRefused) || !strings.Contains(refusal.Reason, "no customer address") {
		t.Fatalf("Act: %v", err)
	}
	if tk, _, _ := f.ticket(res.Ticket); tk.Assignee != "" {
		t.Errorf("assignee %q after a refusal", tk.Assignee)
	}
}

func countEvents(evs []gateway.Event, kind string) int {
	n := 0
	for _, ev := range evs {
		if ev.Kind == kind {
			n++
		}
	}
	return n
}

// A note takes the mail's text with it, and checking that nothing is
// relayed comes before the note is written.
func TestNoteKeepsTheMailText(t *testing.T) {
	f := lifecycleFixture(t)
	ref, notice := f.opened()
	f.ingest("support", agentMail("n1@helpdesk.example.com", notice, "#note\n#assign bob\n\nThe customer called; logs on the way."))
	tk, _, evs := f.ticket(ref)
	if !hasEvent(evs, gateway.EventNote, "logs on the way") || tk.Assignee != "bob" || f.kinds(customer) != "ack" {
		t.Errorf("assignee %q, customer mail %q, timeline %+v", tk.Assignee, f.kinds(customer), evs)
	}
}
