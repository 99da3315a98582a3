package storetest

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"ticketgate/gateway"
)

var errBoom = errors.New("boom")

func (e *env) next(prefix string, year int) int64 {
	e.t.Helper()
	var n int64
	e.update(func(tx gateway.Tx) error {
		var err error
		n, err = tx.NextReferenceNumber(e.ctx, prefix, year)
		return err
	})
	return n
}

// References count from 1 per prefix and per year, each on its own.
func testReferences(t *testing.T, e *env) {
	for i, c := range []struct {
		prefix string
		year   int
		want   int64
	}{{"SUP", 2026, 1}, {"SUP", 2026, 2}, {"OC", 2026, 1}, {"SUP", 2027, 1}, {"SUP", 2026, 3}, {"OC", 2026, 2},
		{"SUP", 2027, 2}, {"SU", 2026, 1}} {
		if got := e.next(c.prefix, c.year); got != c.want {
			t.Errorf("allocation %d: %s-%d = %d, want %d", i, c.prefix, c.year, got, c.want)
		}
	}
	// Several in one transaction follow each other too.
	e.update(func(tx gateway.Tx) error {
		for want := int64(4); want <= 6; want++ {
			n, err := tx.NextReferenceNumber(e.ctx, "SUP", 2026)
			if err != nil {
				return err
			}
			if n != want {
				t.Errorf("in one transaction: %d, want %d", n, want)
			}
		}
		return nil
	})
}

// Updates racing from goroutines never share a number and leave no gap.
func testReferencesConcurrent(t *testing.T, e *env) {
	const workers, each = 6, 15
	var (
		mu  sync.Mutex
		got = map[int64]int{}
		wg  sync.WaitGroup
	)
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				err := e.s.Update(e.ctx, func(tx gateway.Tx) error {
					n, err := tx.NextReferenceNumber(e.ctx, "SUP", 2026)
					if err != nil {
						return err
					}
					// A ticket with the number, so that the transaction
					// also writes what the gateway writes with it.
					return tx.CreateTicket(e.ctx, &gateway.Ticket{Reference: gateway.FormatReference("SUP", 2026, n),
						Mailbox: "support", Status: gateway.StatusNew, Priority: 3, CreatedAt: base, UpdatedAt: base})
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent allocation: %v", err)
	}
	e.view(func(tx gateway.ReadTx) error {
		ts, err := tx.Tickets(e.ctx, gateway.TicketFilter{})
		for _, tk := range ts {
			n := refNumber(tk.Reference)
			mu.Lock()
			got[n]++
			mu.Unlock()
		}
		return err
	})
	for n := int64(1); n <= workers*each; n++ {
		if got[n] != 1 {
			t.Errorf("number %d allocated %d times", n, got[n])
		}
	}
	if len(got) != workers*each {
		t.Errorf("%d numbers allocated, want %d", len(got), workers*each)
	}
}

// A failed Update keeps nothing of what it wrote, whatever kind of row.
func testUpdateRollsBack(t *testing.T, e *env) {
	tk := e.ticket(nil)
	raw := "Subject: kept nowhere\r\n\r\nbody"
	err := e.s.Update(e.ctx, func(tx gateway.Tx) error {
		if _, err := tx.NextReferenceNumber(e.ctx, "SUP", 2026); err != nil {
			return err
		}
		nt := &gateway.Ticket{Reference: "SUP-2026-000099", Mailbox: "support", Status: gateway.StatusNew, Priority: 2,
			CreatedAt: base, UpdatedAt: base}
		if err := tx.CreateTicket(e.ctx, nt); err != nil {
			return err
		}
		changed := *tk
		changed.Subject, changed.Status = "changed", gateway.StatusOpen
		if err := tx.UpdateTicket(e.ctx, &changed); err != nil {
			return err
		}
		if err := tx.SetWakeAt(e.ctx, tk.ID, ptr(base)); err != nil {
			return err
		}
		rawID, err := tx.PutRaw(e.ctx, shaOf([]byte(raw)), stringsReader(raw), int64(len(raw)), base)
		if err != nil {
			return err
		}
		en := &gateway.Entry{TicketID: nt.ID, RawID: rawID, Mailbox: "support", Direction: gateway.Inbound,
			AuthorKind: gateway.AuthorCustomer, Kind: "human", MessageID: "rolled@back", Subject: "rolledback",
			Text: "rolledback words", CreatedAt: base}
		if err := tx.AddEntry(e.ctx, en); err != nil {
			return err
		}
		src := gateway.Source{Mailbox: "support", UIDValidity: 7, UID: 1}
		if err := tx.MarkSeen(e.ctx, src, en.ID); err != nil {
			return err
		}
		if err := tx.AddEvent(e.ctx, &gateway.Event{TicketID: tk.ID, At: base, Kind: gateway.EventMessage}); err != nil {
			return err
		}
		if err := tx.AddParticipant(e.ctx, tk.ID, "paul@other.example", "cc"); err != nil {
			return err
		}
		if err := tx.AddPriorityOverride(e.ctx, &gateway.PriorityOverride{TicketID: tk.ID, At: base, Actor: "alex",
			From: 3, To: 1, Triage: 3}); err != nil {
			return err
		}
		if err := tx.SaveMailboxState(e.ctx, gateway.MailboxState{Mailbox: "support", UIDValidity: 7, LastUID: 1}); err != nil {
			return err
		}
		if err := tx.EnqueueMail(e.ctx, mail(tk.ID, "ack", "rolled-ack@x", base)); err != nil {
			return err
		}
		tpl := template("ack", "en", "rolled back", base)
		if err := tx.SaveTemplate(e.ctx, &tpl); err != nil {
			return err
		}
		return errBoom
	})
	if !errors.Is(err, errBoom) {
		t.Fatalf("Update returned %v, want the function's error", err)
	}
	if n := e.next("SUP", 2026); n != 1 {
		t.Errorf("next number after the rollback = %d, want 1", n)
	}
	e.view(func(tx gateway.ReadTx) error {
		if _, err := tx.TicketByRef(e.ctx, "SUP-2026-000099"); !errors.Is(err, gateway.ErrNotFound) {
			t.Errorf("created ticket survived: %v", err)
		}
		got, err := tx.TicketByID(e.ctx, tk.ID)
		if err != nil {
			return err
		}
		equal(t, "updated ticket after rollback", got, tk)
		if _, err := tx.EntryByRawSHA(e.ctx, shaOf([]byte(raw))); !errors.Is(err, gateway.ErrNotFound) {
			t.Errorf("entry on the raw message survived: %v", err)
		}
		if es, err := tx.EntriesByMessageID(e.ctx, "rolled@back"); err != nil || len(es) != 0 {
			t.Errorf("entry survived: %v %v", es, err)
		}
		if _, ok, err := tx.SeenAt(e.ctx, gateway.Source{Mailbox: "support", UIDValidity: 7, UID: 1}); err != nil || ok {
			t.Errorf("seen position survived (%v)", err)
		}
		if evs, err := tx.Events(e.ctx, tk.ID); err != nil || len(evs) != 0 {
			t.Errorf("events survived: %v %v", evs, err)
		}
		if ok, err := tx.IsParticipant(e.ctx, tk.ID, "paul@other.example"); err != nil || ok {
			t.Errorf("participant survived (%v)", err)
		}
		if sts, err := tx.MailboxStates(e.ctx); err != nil || len(sts) != 0 {
			t.Errorf("mailbox state survived: %v %v", sts, err)
		}
		if _, err := tx.OutboxRef(e.ctx, "rolled-ack@x"); !errors.Is(err, gateway.ErrNotFound) {
			t.Errorf("queued mail survived: %v", err)
		}
		if _, err := tx.Template(e.ctx, "ack", "en"); !errors.Is(err, gateway.ErrNotFound) {
			t.Errorf("template survived: %v", err)
		}
		if vs, err := tx.TemplateVersions(e.ctx, "ack"); err != nil || len(vs) != 0 {
			t.Errorf("template versions survived: %v %v", vs, err)
		}
		if outs, err := tx.TriageOutcomes(e.ctx, time.Time{}); err != nil || len(outs) != 1 || outs[0].Overruled() {
			t.Errorf("priority override survived: %+v %v", outs, err)
		}
		if ws, err := tx.TicketsWaking(e.ctx, at(time.Hour), time.Time{}, 0, 10); err != nil || len(ws) != 0 {
			t.Errorf("timer survived: %v %v", ws, err)
		}
		return nil
	})
	if ids := e.tickets(gateway.TicketFilter{Search: "rolledback"}); len(ids) != 0 {
		t.Errorf("search finds rolled-back mail: %v", ids)
	}
}

// A function that panics leaves nothing behind, and the store serves the
// next transaction.
func testUpdatePanics(t *testing.T, e *env) {
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not reach the caller")
			}
		}()
		_ = e.s.Update(e.ctx, func(tx gateway.Tx) error {
			if _, err := tx.NextReferenceNumber(e.ctx, "SUP", 2026); err != nil {
				t.Error(err)
			}
			panic("boom")
		})
	}()
	if n := e.next("SUP", 2026); n != 1 {
		t.Errorf("next number after a panicking transaction = %d, want 1", n)
	}
}

// Update with a context already done runs nothing.
func testUpdateCancelled(t *testing.T, e *env) {
	ctx, cancel := context.WithCancel(e.ctx)
	cancel()
	ran := false
	err := e.s.Update(ctx, func(tx gateway.Tx) error { ran = true; return nil })
	if !errors.Is(err, context.Canceled) || ran {
		t.Errorf("Update on a cancelled context: %v, ran %v; want context.Canceled before the function", err, ran)
	}
}

// Once begun, an Update commits though its context is cancelled midway:
// shutdown lets in-flight work finish (the IMAP post-action follows).
func testUpdateOutlivesCancel(t *testing.T, e *env) {
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	err := e.s.Update(ctx, func(tx gateway.Tx) error {
		cancel()
		if _, err := tx.NextReferenceNumber(ctx, "SUP", 2026); err != nil {
			return err
		}
		return tx.CreateTicket(ctx, &gateway.Ticket{Reference: "SUP-2026-000001", Mailbox: "support",
			Status: gateway.StatusNew, Priority: 3, CreatedAt: base, UpdatedAt: base})
	})
	if err != nil {
		t.Fatalf("Update cancelled midway: %v", err)
	}
	if n := e.next("SUP", 2026); n != 2 {
		t.Errorf("next number = %d, want 2 (the cancelled transaction committed)", n)
	}
	if ids := e.tickets(gateway.TicketFilter{}); len(ids) != 1 {
		t.Errorf("tickets = %v, want the one the cancelled transaction made", ids)
	}
}

// A failing savepoint undoes only its own writes; the transaction goes on
// and commits the rest. Savepoints nest.
func testSavepoint(t *testing.T, e *env) {
	mk := func(tx gateway.Tx, ref string) error {
		return tx.CreateTicket(e.ctx, &gateway.Ticket{Reference: ref, Mailbox: "support", Status: gateway.StatusNew,
			Priority: 3, CreatedAt: base, UpdatedAt: base})
	}
	e.update(func(tx gateway.Tx) error {
		if err := mk(tx, "SUP-2026-000001"); err != nil {
			return err
		}
		err := tx.Savepoint(e.ctx, func() error {
			if _, err := tx.NextReferenceNumber(e.ctx, "SUP", 2026); err != nil {
				return err
			}
			if err := mk(tx, "SUP-2026-000002"); err != nil {
				return err
			}
			return errBoom
		})
		if !errors.Is(err, errBoom) {
			t.Errorf("failed savepoint returned %v, want its function's error", err)
		}
		if _, err := tx.TicketByRef(e.ctx, "SUP-2026-000002"); !errors.Is(err, gateway.ErrNotFound) {
			t.Errorf("inside the transaction, the undone ticket is still there: %v", err)
		}
		if err := tx.Savepoint(e.ctx, func() error { return mk(tx, "SUP-2026-000003") }); err != nil {
			return err
		}
		// Nested: the inner one fails, the outer one keeps its own work.
		return tx.Savepoint(e.ctx, func() error {
			if err := mk(tx, "SUP-2026-000004"); err != nil {
				return err
			}
			if err := tx.Savepoint(e.ctx, func() error {
				if err := mk(tx, "SUP-2026-000005"); err != nil {
					return err
				}
				return errBoom
			}); !errors.Is(err, errBoom) {
				t.Errorf("inner savepoint returned %v", err)
			}
			return mk(tx, "SUP-2026-000006")
		})
	})
	e.view(func(tx gateway.ReadTx) error {
		for ref, want := range map[string]bool{"SUP-2026-000001": true, "SUP-2026-000002": false, "SUP-2026-000003": true,
			"SUP-2026-000004": true, "SUP-2026-000005": false, "SUP-2026-000006": true} {
			_, err := tx.TicketByRef(e.ctx, ref)
			if got := err == nil; got != want {
				t.Errorf("%s kept = %v, want %v (%v)", ref, got, want, err)
			}
		}
		return nil
	})
	if n := e.next("SUP", 2026); n != 1 {
		t.Errorf("number allocated in the failed savepoint was kept: next = %d, want 1", n)
	}
}

// A statement that fails inside a savepoint (here a duplicate reference)
// is undone with it: the transaction stays usable. One bad message of a
// batch must not cost the others.
func testSavepointFailedStatement(t *testing.T, e *env) {
	e.ticket(nil) // SUP-2026-000001
	e.update(func(tx gateway.Tx) error {
		err := tx.Savepoint(e.ctx, func() error {
			return tx.CreateTicket(e.ctx, &gateway.Ticket{Reference: "SUP-2026-000001", Mailbox: "support",
				Status: gateway.StatusNew, Priority: 3, CreatedAt: base, UpdatedAt: base})
		})
		if err == nil {
			t.Error("a second ticket with the same reference was created")
		}
		if errors.Is(err, gateway.ErrTxBroken) {
			t.Errorf("the savepoint broke the transaction: %v", err)
			return nil
		}
		return tx.CreateTicket(e.ctx, &gateway.Ticket{Reference: "SUP-2026-000002", Mailbox: "support",
			Status: gateway.StatusNew, Priority: 3, CreatedAt: base, UpdatedAt: base})
	})
	if ids := e.tickets(gateway.TicketFilter{}); len(ids) != 2 {
		t.Errorf("tickets %v, want the first and the one made after the failed statement", ids)
	}
}

// View reads what committed, and a View begun before a commit finishes
// on its own snapshot without error.
func testViewSeesCommitted(t *testing.T, e *env) {
	tk := e.ticket(nil)
	e.update(func(tx gateway.Tx) error {
		c := *tk
		c.Subject = "second"
		return tx.UpdateTicket(e.ctx, &c)
	})
	if got := e.ticketByID(tk.ID); got.Subject != "second" {
		t.Errorf("View read %q after the commit, want %q", got.Subject, "second")
	}
}

// fullTicket sets every field a ticket has.
func fullTicket(tk *gateway.Ticket) {
	tk.Status, tk.Priority, tk.PriorityReason = gateway.StatusOpen, 2, "keyword \"urgent\" in subject"
	tk.Customer = gateway.Address{Name: "Zoë Ünal", Address: "zoe@customer.example"}
	tk.Subject, tk.Language = "Écran noir — 画面が黒い", "fr"
	tk.Flags, tk.Missing = []string{gateway.FlagNeedsHuman, "vip"}, []string{"order number", "serial"}
	tk.LinkedTicketID = 0
	tk.Tier, tk.SLAMailbox = "gold", "oncall"
	tk.Deadlines = gateway.Deadlines{ResponseDue: ptr(at(2 * time.Hour)), ResolutionDue: ptr(at(48*time.Hour + time.Nanosecond)),
		ResponseCalendar: "office", ResolutionCalendar: "24x7", ResponseTarget: "2h", ResolutionTarget: "2d",
		ResponseRule: "priority P2", ResolutionRule: "plan gold"}
	tk.FirstResponseAt, tk.ResolvedAt, tk.ClosedAt = ptr(at(time.Hour+1)), ptr(at(3*time.Hour+2)), ptr(at(4*time.Hour+3))
	tk.CloseReason, tk.Assignee, tk.Level = "confirmed by the customer", "alex", 2
	tk.PausedAt = ptr(at(90 * time.Minute))
	tk.ResponsePaused, tk.ResolutionPaused = 90*time.Minute+7, 26*time.Hour+11
	tk.ConfirmBy, tk.RemindAt = ptr(at(5*24*time.Hour)), ptr(at(3*24*time.Hour))
	tk.SLAWarned, tk.SLAWarnedResolution = "at risk", "breached"
	tk.ProgressDue, tk.ProgressTarget, tk.ProgressCalendar = ptr(at(6*time.Hour)), "4h", "office"
	tk.WakeAt = ptr(at(30 * time.Minute))
	tk.UpdatedAt = at(7 * time.Hour)
}

// Every field of a ticket reads back as written, by ID and by reference
// (in any case, with spaces around).
func testTicketRoundTrip(t *testing.T, e *env) {
	first := e.ticket(func(tk *gateway.Ticket) { tk.Level = 0 })
	tk := e.ticket(func(tk *gateway.Ticket) { fullTicket(tk); tk.LinkedTicketID = first.ID })
	e.view(func(tx gateway.ReadTx) error {
		got, err := tx.TicketByID(e.ctx, tk.ID)
		if err != nil {
			return err
		}
		equal(t, "ticket by ID", got, tk)
		for _, ref := range []string{tk.Reference, " " + tk.Reference + "\t", "sup-2026-000002"} {
			got, err := tx.TicketByRef(e.ctx, ref)
			if err != nil {
				t.Errorf("ticket by reference %q: %v", ref, err)
				continue
			}
			if got.ID != tk.ID {
				t.Errorf("reference %q found ticket #%d, want #%d", ref, got.ID, tk.ID)
			}
		}
		got, err = tx.TicketByID(e.ctx, first.ID)
		if err != nil {
			return err
		}
		if got.Level != 1 {
			t.Errorf("a ticket created at level 0 reads at level %d, want 1", got.Level)
		}
		equal(t, "plain ticket", got, func() *gateway.Ticket { c := *first; c.Level = 1; return &c }())
		return nil
	})
}

func testTicketNotFound(t *testing.T, e *env) {
	e.ticket(nil)
	e.view(func(tx gateway.ReadTx) error {
		_, err := tx.TicketByRef(e.ctx, "SUP-2026-000404")
		notFound(t, "unknown reference", err)
		_, err = tx.TicketByID(e.ctx, 1<<40)
		notFound(t, "unknown ID", err)
		return nil
	})
}

func testTicketUniqueReference(t *testing.T, e *env) {
	tk := e.ticket(nil)
	err := e.s.Update(e.ctx, func(tx gateway.Tx) error {
		return tx.CreateTicket(e.ctx, &gateway.Ticket{Reference: tk.Reference, Mailbox: "oncall", Status: gateway.StatusNew,
			Priority: 1, CreatedAt: base, UpdatedAt: base})
	})
	if err == nil {
		t.Error("two tickets share a reference")
	}
	if ids := e.tickets(gateway.TicketFilter{}); len(ids) != 1 {
		t.Errorf("tickets %v after the refused duplicate", ids)
	}
}

// UpdateTicket saves every field but the reference, mailbox and creation
// time, and clears the times set to nil.
func testTicketUpdate(t *testing.T, e *env) {
	tk := e.ticket(fullTicket)
	other := e.ticket(nil)
	c := *tk
	c.Mailbox, c.Reference, c.CreatedAt = "ignored", "IGNORED-1", at(999*time.Hour) // not updatable
	c.Status, c.Priority, c.PriorityReason = gateway.StatusWaiting, 4, "changed by alex"
	c.Customer = gateway.Address{Name: "Paul", Address: "paul@other.example"}
	c.Subject, c.Language, c.Flags, c.Missing = "New subject", "en", nil, nil
	c.LinkedTicketID, c.Tier, c.SLAMailbox = other.ID, "", ""
	c.Deadlines = gateway.Deadlines{ResponseDue: ptr(at(9 * time.Hour)), ResponseCalendar: "c2", ResponseTarget: "1h",
		ResponseRule: "priority P4"}
	c.FirstResponseAt, c.ResolvedAt, c.ClosedAt, c.PausedAt = nil, nil, nil, nil
	c.CloseReason, c.Assignee, c.Level = "", "sam", 1
	c.ResponsePaused, c.ResolutionPaused = 0, time.Second
	c.ConfirmBy, c.RemindAt, c.ProgressDue, c.WakeAt = nil, nil, nil, ptr(at(10*time.Hour))
	c.SLAWarned, c.SLAWarnedResolution, c.ProgressTarget, c.ProgressCalendar = "", "", "", ""
	c.UpdatedAt = at(8 * time.Hour)
	e.update(func(tx gateway.Tx) error { return tx.UpdateTicket(e.ctx, &c) })
	want := c
	want.Mailbox, want.Reference, want.CreatedAt = tk.Mailbox, tk.Reference, tk.CreatedAt
	equal(t, "updated ticket", e.ticketByID(tk.ID), &want)
	equal(t, "the other ticket", e.ticketByID(other.ID), func() *gateway.Ticket { x := *other; x.Level = 1; return &x }())
}

// Each filter keeps its tickets, newest first; filters combine.
func testTicketFilters(t *testing.T, e *env) {
	a := e.ticket(func(tk *gateway.Ticket) {
		tk.Status, tk.Priority, tk.Assignee, tk.Tier = gateway.StatusOpen, 1, "alex", "gold"
	})
	b := e.ticket(func(tk *gateway.Ticket) { tk.Mailbox, tk.Priority = "oncall", 1 })
	c := e.ticket(func(tk *gateway.Ticket) { tk.Status, tk.Assignee = gateway.StatusOpen, "sam" })
	d := e.ticket(func(tk *gateway.Ticket) { tk.Status, tk.Tier, tk.Mailbox = gateway.StatusClosed, "gold", "oncall" })
	f := e.ticket(func(tk *gateway.Ticket) { tk.Status, tk.Priority, tk.Assignee = gateway.StatusOpen, 1, "alex" })
	for _, c := range []struct {
		name string
		f    gateway.TicketFilter
		want []int64
	}{
		{"all", gateway.TicketFilter{}, []int64{f.ID, d.ID, c.ID, b.ID, a.ID}},
		{"status", gateway.TicketFilter{Status: gateway.StatusOpen}, []int64{f.ID, c.ID, a.ID}},
		{"priority", gateway.TicketFilter{Priority: 1}, []int64{f.ID, b.ID, a.ID}},
		{"mailbox", gateway.TicketFilter{Mailbox: "oncall"}, []int64{d.ID, b.ID}},
		{"assignee", gateway.TicketFilter{Assignee: "alex"}, []int64{f.ID, a.ID}},
		{"tier", gateway.TicketFilter{Tier: "gold"}, []int64{d.ID, a.ID}},
		{"status and priority", gateway.TicketFilter{Status: gateway.StatusOpen, Priority: 1}, []int64{f.ID, a.ID}},
		{"status, priority, assignee, tier", gateway.TicketFilter{Status: gateway.StatusOpen, Priority: 1, Assignee: "alex", Tier: "gold"}, []int64{a.ID}},
		{"mailbox and status", gateway.TicketFilter{Mailbox: "oncall", Status: gateway.StatusNew}, []int64{b.ID}},
		{"no match", gateway.TicketFilter{Mailbox: "sales"}, nil},
		{"limit", gateway.TicketFilter{Limit: 2}, []int64{f.ID, d.ID}},
		{"before", gateway.TicketFilter{Before: c.ID}, []int64{b.ID, a.ID}},
		{"before with a filter", gateway.TicketFilter{Before: f.ID, Priority: 1, Limit: 1}, []int64{b.ID}},
	} {
		if got := e.tickets(c.f); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// The listing carries whole tickets.
	e.view(func(tx gateway.ReadTx) error {
		ts, err := tx.Tickets(e.ctx, gateway.TicketFilter{Tier: "gold", Status: gateway.StatusClosed})
		if err != nil {
			return err
		}
		if len(ts) != 1 {
			t.Fatalf("listing: %d tickets", len(ts))
		}
		want := *d
		want.Level = 1
		equal(t, "listed ticket", &ts[0], &want)
		return nil
	})
}

// Paging with Before and Limit visits every ticket once, newest first.
func testTicketPaging(t *testing.T, e *env) {
	var all []int64
	for range 11 {
		all = append(all, e.ticket(nil).ID)
	}
	slices.Reverse(all)
	var got []int64
	before := int64(0)
	for pages := 0; pages < 20; pages++ {
		page := e.tickets(gateway.TicketFilter{Before: before, Limit: 3})
		if len(page) > 3 {
			t.Fatalf("page of %d with limit 3", len(page))
		}
		if len(page) == 0 {
			break
		}
		got = append(got, page...)
		before = page[len(page)-1]
	}
	if !slices.Equal(got, all) {
		t.Errorf("pages %v, want %v", got, all)
	}
}

// The SLA clock filters judge running tickets at Now: breached when the
// response is late and unanswered or the resolution is late; at risk as
// the scheduler recorded it, when not late.
func testTicketClockFilters(t *testing.T, e *env) {
	now := at(10 * time.Hour)
	past, future := ptr(now.Add(-time.Nanosecond)), ptr(now.Add(time.Hour))
	mk := func(st gateway.Status, resp, res, first *time.Time, warned, warnedRes string) int64 {
		return e.ticket(func(tk *gateway.Ticket) {
			tk.Status, tk.ResponseDue, tk.ResolutionDue, tk.FirstResponseAt = st, resp, res, first
			tk.SLAWarned, tk.SLAWarnedResolution = warned, warnedRes
		}).ID
	}
	lateResponse := mk(gateway.StatusOpen, past, future, nil, "", "")
	answered := mk(gateway.StatusOpen, past, future, ptr(at(0)), "", "")
	lateResolution := mk(gateway.StatusNew, future, past, nil, "", "")
	waiting := mk(gateway.StatusWaiting, past, past, nil, "", "")
	closed := mk(gateway.StatusClosed, past, past, nil, "", "")
	riskResponse := mk(gateway.StatusOpen, future, future, nil, "at risk", "")
	riskResolution := mk(gateway.StatusNew, future, future, nil, "", "at risk")
	riskButLate := mk(gateway.StatusOpen, past, future, nil, "at risk", "")
	dueExactlyNow := mk(gateway.StatusOpen, ptr(now), nil, nil, "", "")
	none := mk(gateway.StatusOpen, nil, nil, nil, "", "")
	_, _, _, _ = answered, waiting, closed, none
	if got, want := e.tickets(gateway.TicketFilter{Clock: gateway.SLABreached, Now: now}), []int64{riskButLate, lateResolution, lateResponse}; !slices.Equal(got, want) {
		t.Errorf("breached: %v, want %v", got, want)
	}
	if got, want := e.tickets(gateway.TicketFilter{Clock: gateway.SLAAtRisk, Now: now}), []int64{riskResolution, riskResponse}; !slices.Equal(got, want) {
		t.Errorf("at risk: %v, want %v", got, want)
	}
	if got, want := e.tickets(gateway.TicketFilter{Clock: gateway.SLABreached, Now: now, Status: gateway.StatusNew}), []int64{lateResolution}; !slices.Equal(got, want) {
		t.Errorf("breached and new: %v, want %v", got, want)
	}
	if got := e.tickets(gateway.TicketFilter{Clock: gateway.SLABreached, Now: now.Add(time.Nanosecond), Limit: 1}); !slices.Equal(got, []int64{dueExactlyNow}) {
		t.Errorf("breached a nanosecond after the due time, first: %v, want [%d]", got, dueExactlyNow)
	}
	err := e.s.View(e.ctx, func(tx gateway.ReadTx) error {
		_, err := tx.Tickets(e.ctx, gateway.TicketFilter{Clock: gateway.SLAOnTrack, Now: now})
		return err
	})
	if err == nil {
		t.Error("a clock state the store cannot judge was accepted")
	}
}

// TicketsOpened reads [from, to) in order of creation.
func testTicketsOpened(t *testing.T, e *env) {
	from, to := at(24*time.Hour), at(48*time.Hour)
	mk := func(created time.Time) int64 {
		return e.ticket(func(tk *gateway.Ticket) { tk.CreatedAt = created }).ID
	}
	late := mk(to.Add(-time.Nanosecond))
	_ = mk(to)
	atFrom := mk(from)
	_ = mk(from.Add(-time.Nanosecond))
	mid := mk(from.Add(time.Hour))
	sameMid := mk(from.Add(time.Hour))
	var got []int64
	e.view(func(tx gateway.ReadTx) error {
		ts, err := tx.TicketsOpened(e.ctx, from, to)
		for _, tk := range ts {
			got = append(got, tk.ID)
			if tk.CreatedAt.Before(from) || !tk.CreatedAt.Before(to) {
				t.Errorf("ticket created %s outside the period", tk.CreatedAt)
			}
		}
		return err
	})
	if want := []int64{atFrom, mid, sameMid, late}; !slices.Equal(got, want) {
		t.Errorf("opened: %v, want %v", got, want)
	}
}

func (e *env) waking(now time.Time, limit int) []gateway.Waking {
	e.t.Helper()
	var all []gateway.Waking
	var afterAt time.Time
	var afterID int64
	for pages := 0; pages < 100; pages++ {
		var page []gateway.Waking
		e.view(func(tx gateway.ReadTx) error {
			var err error
			page, err = tx.TicketsWaking(e.ctx, now, afterAt, afterID, limit)
			return err
		})
		if len(page) > limit {
			e.t.Fatalf("page of %d with limit %d", len(page), limit)
		}
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
		afterAt, afterID = page[len(page)-1].WakeAt, page[len(page)-1].ID
	}
	e.t.Fatal("TicketsWaking never ends")
	return nil
}

// The scheduler pages through the tickets whose timer has come, in order
// of the timer then ID, each once.
func testTicketsWaking(t *testing.T, e *env) {
	now := at(10 * time.Hour)
	mk := func(w *time.Time) int64 { return e.ticket(func(tk *gateway.Ticket) { tk.WakeAt = w }).ID }
	t3 := mk(ptr(now.Add(-time.Hour)))
	t1a := mk(ptr(now.Add(-3 * time.Hour)))
	_ = mk(nil)
	t2 := mk(ptr(now.Add(-2*time.Hour + time.Nanosecond)))
	_ = mk(ptr(now.Add(time.Nanosecond)))
	t1b := mk(ptr(now.Add(-3 * time.Hour)))
	tNow := mk(ptr(now))
	t1c := mk(ptr(now.Add(-3 * time.Hour)))
	want := []gateway.Waking{{ID: t1a, WakeAt: now.Add(-3 * time.Hour)}, {ID: t1b, WakeAt: now.Add(-3 * time.Hour)},
		{ID: t1c, WakeAt: now.Add(-3 * time.Hour)}, {ID: t2, WakeAt: now.Add(-2*time.Hour + time.Nanosecond)},
		{ID: t3, WakeAt: now.Add(-time.Hour)}, {ID: tNow, WakeAt: now}}
	for _, limit := range []int{1, 2, 4, 100} {
		equal(t, "waking, pages of "+itoa(limit), e.waking(now, limit), want)
	}
	// Resuming after a page's last instant, not only its ID.
	e.view(func(tx gateway.ReadTx) error {
		ws, err := tx.TicketsWaking(e.ctx, now, now.Add(-2*time.Hour+time.Nanosecond), 0, 10)
		if err != nil {
			return err
		}
		equal(t, "waking after t2's instant with ID 0", ws, want[3:])
		return nil
	})
}

// SetWakeAt moves or clears a timer and touches nothing else.
func testSetWakeAt(t *testing.T, e *env) {
	now := at(10 * time.Hour)
	tk := e.ticket(func(tk *gateway.Ticket) { fullTicket(tk); tk.WakeAt = ptr(now.Add(time.Hour)) })
	if ws := e.waking(now, 10); len(ws) != 0 {
		t.Fatalf("a future timer is due: %v", ws)
	}
	e.update(func(tx gateway.Tx) error { return tx.SetWakeAt(e.ctx, tk.ID, ptr(now.Add(-time.Minute))) })
	equal(t, "moved timer", e.waking(now, 10), []gateway.Waking{{ID: tk.ID, WakeAt: now.Add(-time.Minute)}})
	want := *tk
	want.WakeAt = ptr(now.Add(-time.Minute))
	equal(t, "ticket after SetWakeAt", e.ticketByID(tk.ID), &want)
	e.update(func(tx gateway.Tx) error { return tx.SetWakeAt(e.ctx, tk.ID, nil) })
	if ws := e.waking(now.Add(1000*time.Hour), 10); len(ws) != 0 {
		t.Errorf("a cleared timer is due: %v", ws)
	}
	want.WakeAt = nil
	equal(t, "ticket after clearing its timer", e.ticketByID(tk.ID), &want)
}
