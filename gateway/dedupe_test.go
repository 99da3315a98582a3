package gateway_test

import (
	"strings"
	"testing"

	"ticketgate/gateway"
)

// Issue 13 item 7: only a copy through another mailbox is the same mail.
func TestSameHeadersOtherMailIsKept(t *testing.T) {
	f := newFixture(t)
	first := f.ingest("support", mail("jane@customer.example", "Till frozen", "same@customer.example"))
	second := strings.Replace(mail("jane@customer.example", "Till frozen", "same@customer.example"),
		"Hello, the printer is broken.", "Please refund order 1234 to account FR76 0000.", 1)
	res := f.ingest("support", second)
	if res.Action == gateway.ActionDuplicate || res.EntryID == first.EntryID {
		t.Fatalf("a different mail with the same headers was dropped: %+v", res)
	}
	if res.Ticket == "" {
		t.Fatalf("no ticket: %+v", res)
	}
	var raw []byte
	f.store.View(f.ctx, func(tx gateway.ReadTx) error {
		tk, err := tx.TicketByRef(f.ctx, res.Ticket)
		if err != nil {
			return err
		}
		es, err := tx.Entries(f.ctx, tk.ID)
		if err != nil {
			return err
		}
		raw, err = rawOf(f.ctx, tx, es[len(es)-1].RawID)
		return err
	})
	if !strings.Contains(string(raw), "refund order 1234") {
		t.Errorf("the second mail's bytes were not stored")
	}
	if res.Ticket != first.Ticket {
		tk, _, evs := f.ticket(res.Ticket)
		orig, _, _ := f.ticket(first.Ticket)
		if tk.LinkedTicketID != orig.ID || !hasEvent(evs, gateway.EventLinked, "same Message-ID") {
			t.Errorf("not linked: %d, %+v", tk.LinkedTicketID, evs)
		}
	}
	// Through another mailbox but with other content: still another mail.
	third := strings.Replace(second, "refund order 1234", "refund order 9999", 1)
	if res := f.ingest("oncall", third); res.Action == gateway.ActionDuplicate {
		t.Errorf("other content through another mailbox dropped: %+v", res)
	}
}

// The same mail delivered twice to one mailbox (a Cc to an alias of it, a
// relay that delivered again) differs only in its trace fields: one
// ticket, one acknowledgement.
func TestSameMailTwiceThroughOneMailboxIsOneTicket(t *testing.T) {
	f := newFixture(t)
	base := mail("jane@customer.example", "Till frozen", "again@customer.example")
	first := f.ingest("support", "Received: from mx1.customer.example by mx.helpdesk.example.com; Fri, 20 Nov 2026 16:00:02 +0100\n"+base)
	again := f.ingest("support", "Delivered-To: support+billing@helpdesk.example.com\nReceived: from mx2.customer.example by mx.helpdesk.example.com; Fri, 20 Nov 2026 16:07:41 +0100\n"+base)
	if again.Action != gateway.ActionDuplicate || again.EntryID != first.EntryID || again.Ticket != first.Ticket {
		t.Fatalf("second delivery: %s %q entry %d (%s), want a duplicate of entry %d on %s",
			again.Action, again.Ticket, again.EntryID, again.How, first.EntryID, first.Ticket)
	}
	if n := f.countTickets(); n != 1 {
		t.Errorf("%d tickets, want 1", n)
	}
	if n := f.count("jane@customer.example", "ack"); n != 1 {
		t.Errorf("%d acknowledgements, want 1", n)
	}
}
