package postgres

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"ticketgate/cmd/ticketgate/config"
	"ticketgate/gateway"
)

// TestTimersFireOnceAcrossInstances runs the schedulers of two gateways,
// on two pools of one database, over the same due reminders at once: each
// ticket's reminder goes once, the transaction of the one that lost the
// race having been run again on what the winner left.
func TestTimersFireOnceAcrossInstances(t *testing.T) {
	ctx := context.Background()
	a, dsn := openTest(t)
	b := openAgain(t, dsn)
	c, err := config.Parse("t.toml", []byte(`secret = "0123456789abcdef-sched-test"
hostname = "helpdesk.example.com"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
`), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu  sync.Mutex
		now = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) // a Monday
	)
	clock := gateway.ClockFunc(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
	g1, err := gateway.New(c.Gateway(), a, clock, nil)
	if err != nil {
		t.Fatal(err)
	}
	g2, err := gateway.New(c.Gateway(), b, clock, nil)
	if err != nil {
		t.Fatal(err)
	}
	const n = 12
	var refs []string
	for i := range n {
		res, err := g1.Ingest(ctx, gateway.Source{Mailbox: "support"}, []byte(fmt.Sprintf(
			"From: Customer %[1]d <c%[1]d@customer.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Case %[1]d\r\n"+
				"Message-ID: <case-%[1]d@customer.example>\r\n\r\nIt is broken.\r\n", i)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := g1.Act(ctx, res.Ticket, "root", gateway.Command{Verb: gateway.VerbResolve}, "Fixed."); err != nil {
			t.Fatal(err)
		}
		refs = append(refs, res.Ticket)
	}
	var remind time.Time
	if err := a.View(ctx, func(tx gateway.ReadTx) error {
		tk, err := tx.TicketByRef(ctx, refs[n-1])
		if err != nil {
			return err
		}
		if tk.RemindAt == nil {
			return fmt.Errorf("%s resolved without a reminder", tk.Reference)
		}
		remind = *tk.RemindAt
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = remind.Add(time.Minute)
	mu.Unlock()
	var wg sync.WaitGroup
	for _, g := range []*gateway.Gateway{g1, g2, g1, g2} {
		wg.Go(func() {
			if _, err := g.Tick(ctx); err != nil {
				t.Errorf("tick: %v", err)
			}
		})
	}
	wg.Wait()
	err = a.View(ctx, func(tx gateway.ReadTx) error {
		for _, ref := range refs {
			tk, err := tx.TicketByRef(ctx, ref)
			if err != nil {
				return err
			}
			evs, err := tx.Events(ctx, tk.ID)
			if err != nil {
				return err
			}
			reminders := 0
			for _, ev := range evs {
				if ev.Kind == gateway.EventReminder {
					reminders++
				}
			}
			mails, err := tx.CountMail(ctx, gateway.MailCount{TicketID: tk.ID, To: tk.Customer.Address, Since: remind})
			if err != nil {
				return err
			}
			if reminders != 1 || mails != 1 || tk.RemindAt != nil {
				t.Errorf("%s: %d reminder events, %d mails to the customer since the reminder was due, reminder still at %v",
					ref, reminders, mails, tk.RemindAt)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
