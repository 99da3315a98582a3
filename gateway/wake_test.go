package gateway_test

import (
	"testing"
	"time"

	"ticketgate/gateway"
)

// TestWakeAtFollowsTheTimers checks the instant the scheduler keeps per
// ticket: it is exactly when the first response turns at risk, then when
// it is late, then a resolved ticket's reminder; a tick before it does
// nothing and the ticket does not wake again until it.
func TestWakeAtFollowsTheTimers(t *testing.T) {
	f := lifecycleFixture(t)
	ref, _ := f.opened() // Friday 16:00, P3: response due Monday 11:00
	tk, _, _ := f.ticket(ref)
	// A quarter of four business hours left: Monday 10:00.
	sameTime(t, "wake for at risk", tk.WakeAt, inParis("2026-11-09 10:00").Format(time.RFC3339))

	f.now = inParis("2026-11-09 09:59")
	if n := f.tick(); n != 0 {
		t.Fatalf("tick before the instant changed %d tickets", n)
	}
	f.now = inParis("2026-11-09 10:00")
	if n := f.tick(); n != 1 {
		t.Fatalf("tick at the instant changed %d tickets, want the at-risk warning", n)
	}
	tk, _, _ = f.ticket(ref)
	if tk.SLAWarned != string(gateway.SLAAtRisk) || tk.WakeAt == nil || !tk.WakeAt.After(*tk.ResponseDue) ||
		tk.WakeAt.Sub(*tk.ResponseDue) > time.Second {
		t.Fatalf("after the warning: warned %q, wake %v, due %v", tk.SLAWarned, tk.WakeAt, tk.ResponseDue)
	}
	if n := f.tick(); n != 0 {
		t.Fatalf("second tick at the same instant changed %d tickets", n)
	}

	// A first response stops the warnings: nothing left to wake for
	// until the resolution cycle sets its reminder.
	tk, err := f.gw.Act(f.ctx, ref, "root", gateway.Command{Verb: gateway.VerbResolve}, "Restarted the spooler.")
	if err != nil {
		t.Fatal(err)
	}
	if tk.RemindAt == nil || tk.WakeAt == nil || !tk.WakeAt.Equal(*tk.RemindAt) {
		t.Fatalf("resolved: wake %v, reminder %v", tk.WakeAt, tk.RemindAt)
	}
	f.now = *tk.RemindAt
	if n := f.tick(); n != 1 {
		t.Fatalf("reminder tick changed %d tickets", n)
	}
	tk, _, _ = f.ticket(ref)
	if tk.WakeAt == nil || tk.ConfirmBy == nil || !tk.WakeAt.Equal(*tk.ConfirmBy) {
		t.Fatalf("after the reminder: wake %v, deadline %v", tk.WakeAt, tk.ConfirmBy)
	}
	f.now = *tk.ConfirmBy
	f.tick()
	tk, _, _ = f.ticket(ref)
	if tk.Status != gateway.StatusClosed || tk.WakeAt != nil {
		t.Fatalf("after the deadline: %s, wake %v", tk.Status, tk.WakeAt)
	}
}
