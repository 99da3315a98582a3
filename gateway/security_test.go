package gateway_test

import (
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
)

// Issue 13 item 1: a display name that looks like an address must not
// make its owner the customer, confirm their ticket or make them a
// participant.
func TestDisplayNameNeverDecidesTheCustomer(t *testing.T) {
	f := lifecycleFixture(t)
	ref := resolvedTicket(t, f)
	f.now = inParis("2026-11-09 15:00")
	res := f.ingest("support", "From: "+customer+" <evil@attacker.example>\nTo: support@helpdesk.example.com\n"+
		"Subject: Re: ["+ref+"] Request resolved\nMessage-ID: <e1@attacker.example>\n\nall good, you can close\n")
	if res.Ticket == ref {
		t.Fatalf("the attacker's mail joined the victim's ticket: %+v", res)
	}
	tk, _, _ := f.ticket(ref)
	if tk.Status != gateway.StatusResolved {
		t.Errorf("the attacker's mail moved the victim's ticket to %s", tk.Status)
	}
	if f.participant(ref, "evil@attacker.example") {
		t.Errorf("the attacker became a participant of %s", ref)
	}
	other, _, _ := f.ticket(res.Ticket)
	if other.Customer.Address != "evil@attacker.example" {
		t.Errorf("customer of the attacker's ticket: %+v", other.Customer)
	}
	if got := f.kinds(customer); got != "ack resolved" {
		t.Errorf("the victim got %q", got)
	}

	// The encoded CR LF Bcc of the issue: the address is the angle one,
	// and nothing goes to the name's addresses.
	res = f.ingest("support", "From: =?utf-8?Q?Evil=0D=0ABcc:_victim@example.org?= <evil2@attacker.example>\nTo: support@helpdesk.example.com\n"+
		"Subject: Help\nMessage-ID: <e2@attacker.example>\n\nHello\n")
	tk, _, _ = f.ticket(res.Ticket)
	if tk.Customer.Address != "evil2@attacker.example" {
		t.Fatalf("customer %+v", tk.Customer)
	}
	for _, m := range f.outbox() {
		if a := m.Mail.To[0].Address; strings.Contains(a, "victim") {
			t.Errorf("mail to %s", a)
		}
	}
	acks := f.outboxTo("evil2@attacker.example")
	if len(acks) != 1 || strings.Contains(acks[0].Mail.Text, "victim@") || acks[0].Mail.To[0].Name != "" {
		t.Errorf("acknowledgement greets with the name: %+v", acks)
	}

	// No angle address and no single clean one: an unknown sender, for a
	// person to read, and no mail to anyone.
	before := len(f.outbox())
	res = f.ingest("support", "From: "+customer+" evil@attacker.example\nTo: support@helpdesk.example.com\n"+
		"Subject: Re: ["+ref+"]\nMessage-ID: <e3@attacker.example>\n\nplease close\n")
	tk, _, _ = f.ticket(res.Ticket)
	if !res.NeedsHuman || res.Ticket == ref || tk.Customer.Address != "" {
		t.Errorf("ambiguous From: %+v, customer %+v", res, tk.Customer)
	}
	for _, m := range f.outbox()[before:] {
		if m.Kind != "agent-new-ticket" {
			t.Errorf("%s mail to %s for an unknown sender", m.Kind, m.Mail.To[0].Address)
		}
	}
}

// Issue 13 item 6: an encoded CR LF in the subject no longer costs the
// acknowledgement and the agents' notice.
func TestControlCharactersInSubjectStillAnswered(t *testing.T) {
	f := newFixture(t, func(c *gateway.Config) { c.Mail.Agents = []string{team} })
	res := f.ingest("support", mail("jane@customer.example", "=?utf-8?Q?Printer=0D=0ABcc:_x@y.example=1B[2J?=", "crlf@customer.example"))
	if got := f.kinds("jane@customer.example"); got != "ack" {
		t.Errorf("customer got %q", got)
	}
	if got := f.kinds(team); got != "agent-new-ticket" {
		t.Errorf("agents got %q", got)
	}
	tk, _, _ := f.ticket(res.Ticket)
	if strings.ContainsAny(tk.Subject, "\r\n\x1b") {
		t.Errorf("subject %q", tk.Subject)
	}
}

// Issue 13 item 5: a template that renders too much costs the mail, not
// the ticket, and says so on the timeline.
func TestOversizedRenderNeverBlocksIngest(t *testing.T) {
	f := newFixture(t)
	// Passes with the sample data; explodes for one customer.
	f.forceAckText(`{{if eq .CustomerAddress "jane@customer.example"}}{{range 100000}}{{range 1000}}0123456789{{end}}{{end}}{{end}}`)
	raw := strings.ReplaceAll(mail("jane@customer.example", "Printer", "big@customer.example"), "\n", "\r\n")
	type result struct {
		res gateway.Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := f.gw.Ingest(f.ctx, gateway.Source{Mailbox: "support"}, []byte(raw))
		done <- result{res, err}
	}()
	var res gateway.Result
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		res = r.res
	case <-time.After(30 * time.Second):
		t.Fatal("ingest still rendering after 30s") // a guard, not a synchronisation
	}
	if res.Action != gateway.ActionCreated {
		t.Fatalf("%+v", res)
	}
	if n := len(f.outbox()); n != 0 {
		t.Errorf("%d mails queued", n)
	}
	if _, _, evs := f.ticket(res.Ticket); !hasEvent(evs, gateway.EventMailFailed, "ack mail to jane@customer.example not sent") {
		t.Errorf("timeline %+v", evs)
	}
}
