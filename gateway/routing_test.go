package gateway_test

import (
	"fmt"
	"strings"
	"testing"

	"ticketgate/gateway"
)

// Issue 13 item 8: support+anything@ is one of our addresses.
func TestSubaddressesAreOurs(t *testing.T) {
	f := newFixture(t)
	res := f.ingest("support", mail("Support <support+billing@helpdesk.example.com>", "Loop", "loop@helpdesk.example.com"))
	if n := len(f.outboxTo("support+billing@helpdesk.example.com")); n != 0 {
		t.Errorf("%d mails to our own subaddress: a loop", n)
	}
	if _, _, evs := f.ticket(res.Ticket); !hasEvent(evs, gateway.EventMailWithheld, "one of our mailboxes") {
		t.Errorf("no reason given: %+v", evs)
	}
	res = f.ingest("", "From: a@customer.example\nTo: OnCall+Urgent@helpdesk.example.com\nCc: support+x@helpdesk.example.com\nSubject: down\nMessage-ID: <sub2@customer.example>\n\nall down\n")
	if !strings.HasPrefix(res.Ticket, "OC-") {
		t.Errorf("mail to oncall+urgent@ filed as %s", res.Ticket)
	}
	if f.participant(res.Ticket, "support+x@helpdesk.example.com") {
		t.Errorf("our own subaddress became a participant")
	}
}

// Issue 13 item 9: the envelope recipient decides the mailbox, never a
// header the sender wrote.
func TestEnvelopeRecipientDecidesTheMailbox(t *testing.T) {
	f := newFixture(t)
	raw := "Delivered-To: oncall@helpdesk.example.com\nFrom: a@customer.example\nTo: oncall@helpdesk.example.com\nSubject: P1 please\nMessage-ID: <%d@customer.example>\n\nurgent!!!\n"
	for i, tt := range []struct{ recipient, prefix string }{
		{"support@helpdesk.example.com", "SUP-"},
		{"Support+Billing@helpdesk.example.com", "SUP-"},
		{"helpdesk@helpdesk.example.com", "SUP-"}, // unknown: the default mailbox, not the headers
		{"oncall@helpdesk.example.com", "OC-"},
	} {
		res := f.ingestAt(gateway.Source{Recipient: tt.recipient}, fmt.Sprintf(raw, i))
		if !strings.HasPrefix(res.Ticket, tt.prefix) {
			t.Errorf("recipient %s: filed as %s, want %s…", tt.recipient, res.Ticket, tt.prefix)
		}
	}
}

func (f *fixture) participant(ref, addr string) bool {
	f.t.Helper()
	var ok bool
	err := f.store.View(f.ctx, func(tx gateway.ReadTx) error {
		t, err := tx.TicketByRef(f.ctx, ref)
		if err != nil {
			return err
		}
		ok, err = tx.IsParticipant(f.ctx, t.ID, addr)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return ok
}
