package gateway_test

import (
	"testing"
	"time"

	"ticketgate/gateway"
)

// Issue 13 item 2: a signed agent notice proves an agent only for its own
// ticket, and only for a while.
func TestAgentProofIsForTheTicketAndAgesOut(t *testing.T) {
	f := lifecycleFixture(t)
	refA, noticeA := f.opened()
	res := f.ingest("support", "From: Bob <bob@other.example>\nTo: support@helpdesk.example.com\nSubject: My own issue\nMessage-ID: <b1@other.example>\n\nHello\n")
	refB := res.Ticket
	ackB := f.outboxTo("bob@other.example")[0].Mail.MessageID
	// Bob holds his acknowledgement and a leaked notice of ticket A: the
	// mail threads to B, the notice is A's.
	f.ingest("support", "From: "+alex+"\nTo: support@helpdesk.example.com\nSubject: Re: x\nMessage-ID: <forged@other.example>\n"+
		"In-Reply-To: <"+ackB+">\nReferences: <"+noticeA+">\n\n#close\n")
	tk, _, evs := f.ticket(refB)
	if tk.Status != gateway.StatusNew || !hasEvent(evs, gateway.EventIgnored, "proves nothing") {
		t.Fatalf("another ticket's notice proved an agent on %s: status %s", refB, tk.Status)
	}

	// A's own notice, 31 days later, proves nothing any more.
	f.now = f.now.Add(31 * 24 * time.Hour)
	f.ingest("support", agentMail("late@helpdesk.example.com", noticeA, "#note too late"))
	_, _, evs = f.ticket(refA)
	if hasEvent(evs, gateway.EventNote, "too late") || !hasEvent(evs, gateway.EventIgnored, "proves nothing") {
		t.Errorf("an expired notice proved an agent: %+v", evs)
	}
	// A longer configured age keeps it valid.
	cfg := lifecycleConfig(t)
	cfg.Agents.ProofMaxAge = 60 * 24 * time.Hour
	f.restart(cfg)
	f.ingest("support", agentMail("later@helpdesk.example.com", noticeA, "#note still valid"))
	if _, _, evs = f.ticket(refA); !hasEvent(evs, gateway.EventNote, "still valid") {
		t.Errorf("a notice within proof_max_age was refused: %+v", evs)
	}
}

// A forged agent's From naming a ticket in the subject, with no thread
// headers: kept on that ticket and ignored, never a new ticket whose
// customer is the agent.
func TestForgedAgentNamingATicketOpensNone(t *testing.T) {
	f := lifecycleFixture(t)
	ref, _ := f.opened()
	before := f.countTickets()
	res := f.ingest("support", "From: "+alex+"\nTo: support@helpdesk.example.com\nSubject: Re: ["+ref+"] Invoices do not print\nMessage-ID: <forged-ref@other.example>\n\n#close\n")
	if res.Ticket != ref || f.countTickets() != before {
		t.Fatalf("got %s on %q, %d tickets (was %d): want the mail kept on %s", res.Action, res.Ticket, f.countTickets(), before, ref)
	}
	tk, _, evs := f.ticket(ref)
	if tk.Status == gateway.StatusClosed || !hasEvent(evs, gateway.EventIgnored, "proves nothing") {
		t.Errorf("status %s, events %+v: want the command ignored", tk.Status, evs)
	}
	if n := f.count(alex, "ack"); n != 0 {
		t.Errorf("the agent was acknowledged as a customer %d time(s)", n)
	}
}
