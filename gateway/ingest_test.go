package gateway_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
	"ticketgate/gateway/store/storetest"
)

var secret = []byte("0123456789abcdef-test-secret")

// fixture is a gateway on a fresh database with a fixed clock.
type fixture struct {
	t     *testing.T
	ctx   context.Context
	store *store.Store
	gw    *gateway.Gateway
	now   time.Time
}

// testStore opens a fresh database, closed when the test ends.
func testStore(t *testing.T) *store.Store {
	t.Helper()
	return storetest.OpenSQLite(t)
}

// supportOnly is a gateway configuration of one support mailbox.
func supportOnly() gateway.Config {
	return gateway.Config{Hostname: "helpdesk.example.com", Secret: secret, DefaultMailbox: "support",
		Mailboxes: map[string]gateway.Mailbox{"support": {Name: "support", Address: "support@helpdesk.example.com", Prefix: "SUP", Priority: 3, Language: "en"}}}
}

func newFixture(t *testing.T, mod ...func(*gateway.Config)) *fixture {
	t.Helper()
	ctx := context.Background()
	st := testStore(t)
	cfg := gateway.Config{
		Hostname: "helpdesk.example.com",
		Secret:   secret,
		Mailboxes: map[string]gateway.Mailbox{
			"support": {Name: "support", Address: "support@helpdesk.example.com", Prefix: "SUP", Priority: 3, Language: "fr"},
			"oncall":  {Name: "oncall", Address: "oncall@helpdesk.example.com", Prefix: "OC", Priority: 1, Language: "fr"},
		},
		DefaultMailbox: "support",
	}
	for _, m := range mod {
		m(&cfg)
	}
	f := &fixture{t: t, ctx: ctx, store: st, now: time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)}
	var err error
	f.gw, err = gateway.New(cfg, st, gateway.ClockFunc(func() time.Time { return f.now }), nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) ingest(mailbox string, raw string) gateway.Result {
	f.t.Helper()
	return f.ingestAt(gateway.Source{Mailbox: mailbox}, raw)
}

func (f *fixture) ingestAt(src gateway.Source, raw string) gateway.Result {
	f.t.Helper()
	res, err := f.gw.Ingest(f.ctx, src, []byte(strings.ReplaceAll(raw, "\n", "\r\n")))
	if err != nil {
		f.t.Fatalf("Ingest: %v", err)
	}
	return res
}

func (f *fixture) ticket(ref string) (*gateway.Ticket, []gateway.Entry, []gateway.Event) {
	f.t.Helper()
	var (
		t   *gateway.Ticket
		es  []gateway.Entry
		evs []gateway.Event
	)
	err := f.store.View(f.ctx, func(tx gateway.ReadTx) error {
		var err error
		if t, err = tx.TicketByRef(f.ctx, ref); err != nil {
			return err
		}
		if es, err = tx.Entries(f.ctx, t.ID); err != nil {
			return err
		}
		evs, err = tx.Events(f.ctx, t.ID)
		return err
	})
	if err != nil {
		f.t.Fatalf("ticket %s: %v", ref, err)
	}
	return t, es, evs
}

func (f *fixture) countTickets() int {
	var n int
	f.store.View(f.ctx, func(tx gateway.ReadTx) error {
		ts, err := tx.Tickets(f.ctx, gateway.TicketFilter{})
		n = len(ts)
		return err
	})
	return n
}

// mail builds a message; headers are "Key: value" lines.
func mail(from, subject, id string, headers ...string) string {
	h := fmt.Sprintf("From: %s\nTo: support@helpdesk.example.com\nSubject: %s\nMessage-ID: <%s>\nDate: Fri, 20 Nov 2026 16:00:00 +0100\n", from, subject, id)
	for _, x := range headers {
		h += x + "\n"
	}
	return h + "\nHello, the printer is broken.\n"
}

func want(t *testing.T, res gateway.Result, action gateway.Action, ref string) {
	t.Helper()
	if res.Action != action || res.Ticket != ref {
		t.Fatalf("got %s %q (%s), want %s %q", res.Action, res.Ticket, res.How, action, ref)
	}
}

func TestThreading(t *testing.T) {
	f := newFixture(t)
	first := f.ingest("support", mail("Jane Doe <jane@customer.example>", "Printer down", "m1@customer.example",
		"Cc: Bob <bob@customer.example>, support@helpdesk.example.com"))
	want(t, first, gateway.ActionCreated, "SUP-2026-000001")
	ref := first.Ticket

	t.Run("reply with reference from the customer", func(t *testing.T) {
		res := f.ingest("support", mail("jane@customer.example", "Re: ["+ref+"] Printer down", "m2@customer.example"))
		want(t, res, gateway.ActionAppended, ref)
	})
	t.Run("changed subject but References", func(t *testing.T) {
		res := f.ingest("support", mail("jane@customer.example", "another question", "m3@customer.example", "References: <m1@customer.example>"))
		want(t, res, gateway.ActionAppended, ref)
		if !strings.Contains(res.How, "recorded Message-ID") {
			t.Errorf("how = %q", res.How)
		}
	})
	t.Run("reply to our signed Message-ID", func(t *testing.T) {
		ours := gateway.NewMessageID(secret, ref, "helpdesk.example.com")
		res := f.ingest("support", mail("jane@customer.example", "no ref here", "m4@customer.example", "In-Reply-To: <"+ours+">"))
		want(t, res, gateway.ActionAppended, ref)
		if !strings.Contains(res.How, "signed") {
			t.Errorf("how = %q", res.How)
		}
	})
	t.Run("forged signed Message-ID opens a new ticket", func(t *testing.T) {
		forged := ref + ".aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbb@helpdesk.example.com"
		res := f.ingest("support", mail("eve@attacker.example", "no ref", "m5@attacker.example", "In-Reply-To: <"+forged+">"))
		if res.Action != gateway.ActionCreated || res.Ticket == ref {
			t.Fatalf("got %+v", res)
		}
	})
	t.Run("cc'd colleague with reference", func(t *testing.T) {
		res := f.ingest("support", mail("bob@customer.example", "Re: ["+ref+"] Printer down", "m6@customer.example"))
		want(t, res, gateway.ActionAppended, ref)
		_, es, _ := f.ticket(ref)
		if k := es[len(es)-1].AuthorKind; k != gateway.AuthorParticipant {
			t.Errorf("author kind = %s", k)
		}
	})
	t.Run("stranger quoting a reference gets a new linked ticket", func(t *testing.T) {
		res := f.ingest("support", mail("mallory@elsewhere.example", "Re: ["+ref+"] Printer down", "m7@elsewhere.example"))
		if res.Action != gateway.ActionCreated || res.Ticket == ref {
			t.Fatalf("got %+v", res)
		}
		nt, es, _ := f.ticket(res.Ticket)
		old, _, oldEvents := f.ticket(ref)
		if nt.LinkedTicketID != old.ID || es[0].AuthorKind != gateway.AuthorCustomer {
			t.Errorf("new ticket linked to %d (want %d), author %s", nt.LinkedTicketID, old.ID, es[0].AuthorKind)
		}
		if last := oldEvents[len(oldEvents)-1]; last.Kind != gateway.EventLinked || !strings.Contains(last.Detail, "mallory@elsewhere.example") {
			t.Errorf("old ticket's last event = %+v", last)
		}
	})
	t.Run("same subject alone never threads", func(t *testing.T) {
		res := f.ingest("support", mail("jane@customer.example", "Printer down", "m8@customer.example"))
		if res.Action != gateway.ActionCreated || res.Ticket == ref {
			t.Fatalf("got %+v", res)
		}
	})
	t.Run("Message-ID reused with another subject is not a duplicate", func(t *testing.T) {
		res := f.ingest("support", mail("jane@customer.example", "Something else", "m8@customer.example"))
		if res.Action != gateway.ActionCreated {
			t.Fatalf("got %+v", res)
		}
	})

	tk, es, _ := f.ticket(ref)
	if tk.Status != gateway.StatusNew || tk.Customer.Address != "jane@customer.example" || len(es) != 5 {
		t.Errorf("ticket %+v with %d messages", tk, len(es))
	}
}

func TestAutomaticMail(t *testing.T) {
	f := newFixture(t)
	ref := f.ingest("support", mail("jane@customer.example", "VPN down", "a1@customer.example")).Ticket
	ours := gateway.NewMessageID(secret, ref, "helpdesk.example.com")

	res := f.ingest("support", mail("jane@customer.example", "Automatic reply: ["+ref+"] VPN down", "a2@customer.example",
		"Auto-Submitted: auto-replied", "In-Reply-To: <"+ours+">"))
	want(t, res, gateway.ActionAppended, ref)
	tk, es, evs := f.ticket(ref)
	if tk.Status != gateway.StatusNew || es[1].AuthorKind != gateway.AuthorAutomatic || evs[len(evs)-1].Kind != gateway.EventAutomatic {
		t.Errorf("status %s author %s event %s", tk.Status, es[1].AuthorKind, evs[len(evs)-1].Kind)
	}

	// A quoted reference is not proof enough for a machine.
	res = f.ingest("support", mail("jane@customer.example", "Out of office: ["+ref+"]", "a3@customer.example", "Auto-Submitted: auto-replied"))
	if res.Action != gateway.ActionRecorded || res.Ticket != "" {
		t.Errorf("unthreaded auto-reply: %+v", res)
	}
	res = f.ingest("support", mail("news@vendor.example", "Newsletter", "a4@vendor.example", "List-Id: <news.vendor.example>"))
	if res.Action != gateway.ActionRecorded {
		t.Errorf("list mail: %+v", res)
	}
	if n := f.countTickets(); n != 1 {
		t.Errorf("%d tickets, want 1", n)
	}

	f2 := newFixture(t, func(c *gateway.Config) { c.TicketUnthreadedAutomatic = true })
	if res := f2.ingest("support", mail("news@vendor.example", "Newsletter", "a5@vendor.example", "List-Id: <x>")); res.Action != gateway.ActionCreated {
		t.Errorf("with ticket_unthreaded_automatic: %+v", res)
	}
}

func TestBounceAttachesToTicket(t *testing.T) {
	f := newFixture(t)
	ref := f.ingest("support", mail("jane@customer.example", "VPN down", "b1@customer.example")).Ticket
	ours := gateway.NewMessageID(secret, ref, "helpdesk.example.com")
	dsn := `From: MAILER-DAEMON@mx.customer.example
To: support@helpdesk.example.com
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn1@mx.customer.example>
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.customer.example

Final-Recipient: rfc822; jane@customer.example
Action: failed
Status: 5.2.2

--B
Content-Type: text/rfc822-headers

Message-ID: <` + ours + `>
Subject: [` + ref + `] VPN down

--B--
`
	res := f.ingest("support", dsn)
	want(t, res, gateway.ActionAppended, ref)
	_, es, evs := f.ticket(ref)
	last := evs[len(evs)-1]
	if es[1].AuthorKind != gateway.AuthorBounce || last.Kind != gateway.EventBounce || !strings.Contains(last.Detail, "5.2.2") {
		t.Errorf("author %s, last event %+v", es[1].AuthorKind, last)
	}
}

func TestDuplicates(t *testing.T) {
	f := newFixture(t)
	raw := mail("jane@customer.example", "Till frozen", "d1@customer.example")
	src := gateway.Source{Mailbox: "support", UIDValidity: 7, UID: 42}
	first := f.ingestAt(src, raw)
	want(t, first, gateway.ActionCreated, "SUP-2026-000001")

	if res := f.ingestAt(src, raw); res.Action != gateway.ActionDuplicate || res.EntryID != first.EntryID {
		t.Errorf("same position: %+v", res)
	}
	// Same bytes at another position (a re-delivery, a UIDVALIDITY change).
	if res := f.ingestAt(gateway.Source{Mailbox: "support", UIDValidity: 8, UID: 1}, raw); res.Action != gateway.ActionDuplicate || res.Ticket != first.Ticket {
		t.Errorf("same bytes: %+v", res)
	}
	// The same mail sent to support and on-call: other Received lines, same
	// Message-ID, sender, date and subject.
	copyRaw := "Received: from mx2 by oncall; Fri, 20 Nov 2026 15:00:01 +0000\n" + strings.Replace(raw, "To: support@", "To: oncall@", 1)
	res := f.ingestAt(gateway.Source{Mailbox: "oncall", UIDValidity: 1, UID: 5}, copyRaw)
	if res.Action != gateway.ActionDuplicate || res.Ticket != first.Ticket {
		t.Fatalf("copy to on-call: %+v", res)
	}
	tk, es, evs := f.ticket(first.Ticket)
	if tk.Priority != 1 || tk.PriorityReason != "mailbox oncall default" || len(es) != 1 {
		t.Errorf("priority %s (%s), %d messages", tk.Priority, tk.PriorityReason, len(es))
	}
	if !hasEvent(evs, gateway.EventDuplicate, "the same message also arrived at mailbox oncall") {
		t.Errorf("events %+v", evs)
	}
	// Its position is remembered too.
	if res := f.ingestAt(gateway.Source{Mailbox: "oncall", UIDValidity: 1, UID: 5}, copyRaw); res.Action != gateway.ActionDuplicate || res.How != "same mailbox position" {
		t.Errorf("copy again: %+v", res)
	}
	if n := f.countTickets(); n != 1 {
		t.Errorf("%d tickets, want 1", n)
	}
}

func TestNeedsHuman(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, raw, problem string
	}{
		{"no sender", "Subject: help\nMessage-ID: <n1@x>\n\nthe till is broken\n", "no-from"},
		{"garbage sender", "From: <<<>>>@@\nSubject: help\n\nbroken\n", "bad-address"},
		// No mail can be sent to alice@cust.example@evil.example: its
		// acknowledgement would be a dead letter any stranger could cause.
		{"quoted local part", "From: \"alice@cust.example\"@evil.example\nSubject: help\nMessage-ID: <q1@x>\n\nthe till is broken\n", "quoted local part"},
		{"two From fields", "From: alice@customer.example\nFrom: bob@attacker.example\nSubject: help\nMessage-ID: <q2@x>\n\nthe till is broken\n", "From fields"},
		{"empty input", "", "no message"},
		{"nothing decodable", "From: a@customer.example\nContent-Type: multipart/mixed; boundary=a\n\n" + strings.Repeat("--a\nContent-Type: multipart/mixed; boundary=a\n\n", 40), "nothing-decodable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := f.ingest("support", tt.raw)
			if res.Action != gateway.ActionCreated || !res.NeedsHuman {
				t.Fatalf("got %+v", res)
			}
			tk, es, evs := f.ticket(res.Ticket)
			if !tk.HasFlag(gateway.FlagNeedsHuman) || len(es) != 1 || !strings.Contains(strings.Join(es[0].Problems, ";"), tt.problem) {
				t.Errorf("flags %v problems %v", tk.Flags, es[0].Problems)
			}
			if evs[len(evs)-1].Kind != gateway.EventNeedsHuman {
				t.Errorf("events %+v", evs)
			}
			var raw []byte
			f.store.View(f.ctx, func(tx gateway.ReadTx) error {
				var err error
				raw, err = rawOf(f.ctx, tx, es[0].RawID)
				return err
			})
			if string(raw) != strings.ReplaceAll(tt.raw, "\n", "\r\n") {
				t.Errorf("raw bytes not kept: %q", raw)
			}
			for _, m := range f.outbox() {
				if m.Ticket == res.Ticket && m.Kind == "ack" {
					t.Errorf("an author no one knows was acknowledged: %+v", m)
				}
			}
		})
	}
}

func TestUnknownMailbox(t *testing.T) {
	f := newFixture(t)
	_, err := f.gw.Ingest(f.ctx, gateway.Source{Mailbox: "nope"}, []byte("From: a@b.example\n\nx"))
	if !errors.Is(err, gateway.ErrUnknownMailbox) {
		t.Errorf("err = %v", err)
	}
}

func TestMailboxFromRecipient(t *testing.T) {
	f := newFixture(t)
	raw := "From: a@customer.example\nTo: Oncall <OnCall@helpdesk.example.com>\nSubject: down\n\nall tills down\n"
	res := f.ingest("", raw)
	if !strings.HasPrefix(res.Ticket, "OC-2026-") {
		t.Errorf("piped mail to oncall filed as %s", res.Ticket)
	}
}

// TestConcurrentIngest ingests from many goroutines through two stores on
// the same file (two processes, in effect): every message gets a ticket and
// references never collide.
func TestConcurrentIngest(t *testing.T) {
	f := newFixture(t)
	other, err := store.Open(f.ctx, f.store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	cfg := gateway.Config{Hostname: "h", Secret: secret, DefaultMailbox: "support", Mailboxes: map[string]gateway.Mailbox{
		"support": {Name: "support", Address: "support@helpdesk.example.com", Prefix: "SUP", Priority: 3, Language: "fr"}}}
	gw2, err := gateway.New(cfg, other, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	const workers, each = 8, 25
	refs := make(chan string, workers*each)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			gw := f.gw
			if w%2 == 1 {
				gw = gw2
			}
			for i := 0; i < each; i++ {
				raw := mail(fmt.Sprintf("c%d-%d@customer.example", w, i), "help", fmt.Sprintf("c%d-%d@x", w, i))
				res, err := gw.Ingest(f.ctx, gateway.Source{Mailbox: "support"}, []byte(raw))
				if err != nil {
					t.Error(err)
					return
				}
				refs <- res.Ticket
			}
		}(w)
	}
	wg.Wait()
	close(refs)
	seen := map[string]bool{}
	for r := range refs {
		if seen[r] {
			t.Errorf("reference %s given twice", r)
		}
		seen[r] = true
	}
	if len(seen) != workers*each || f.countTickets() != workers*each {
		t.Errorf("%d distinct references, %d tickets; want %d", len(seen), f.countTickets(), workers*each)
	}
}

func TestVerifyMessageID(t *testing.T) {
	id := gateway.NewMessageID(secret, "SUP-2026-000001", "h.example")
	if ref, ok := gateway.VerifyMessageID(secret, "<"+id+">"); !ok || ref != "SUP-2026-000001" {
		t.Errorf("own id: %q %v", ref, ok)
	}
	if _, ok := gateway.VerifyMessageID([]byte("another-secret-0123456789"), id); ok {
		t.Error("verified with the wrong secret")
	}
	tampered := strings.Replace(id, "SUP-2026-000001", "SUP-2026-000002", 1)
	if _, ok := gateway.VerifyMessageID(secret, tampered); ok {
		t.Error("verified a tampered reference")
	}
}

// rawOf reads a whole raw message back.
func rawOf(ctx context.Context, tx gateway.ReadTx, id int64) ([]byte, error) {
	var b bytes.Buffer
	err := tx.CopyRaw(ctx, id, &b)
	return b.Bytes(), err
}

// A mail read only in part (more parts than the limit) is answered from
// what was read, and flagged so that a person reads the rest.
func TestIncompleteMailIsFlagged(t *testing.T) {
	f := newFixture(t)
	var b strings.Builder
	b.WriteString("From: jane@customer.example\nTo: support@helpdesk.example.com\nSubject: logs\nMessage-ID: <parts@customer.example>\nContent-Type: multipart/mixed; boundary=b\n\n")
	b.WriteString("--b\nContent-Type: text/plain\n\nThe kiosk crashes, logs attached.\n")
	for i := 0; i < 600; i++ {
		fmt.Fprintf(&b, "--b\nContent-Type: text/plain; name=\"log%d.txt\"\nContent-Disposition: attachment\n\nline %d\n", i, i)
	}
	b.WriteString("--b--\n")
	res := f.ingest("support", b.String())
	if res.Action != gateway.ActionCreated || !res.NeedsHuman {
		t.Fatalf("got %+v, want a new ticket flagged for a person", res)
	}
	if n := f.count("jane@customer.example", "ack"); n != 1 {
		t.Errorf("%d acknowledgements, want 1", n)
	}
	// A whole mail is not flagged.
	if res := f.ingest("support", mail("bob@customer.example", "Till", "whole@customer.example")); res.NeedsHuman {
		t.Errorf("a whole mail flagged: %+v", res)
	}
}
