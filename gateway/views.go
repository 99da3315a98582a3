package gateway

import (
	"context"
	"fmt"
	"time"
)

// Reads for the people who run the service (the console, the web admin):
// each runs on one consistent snapshot of the store.

// Ticket returns a ticket by its reference.
func (g *Gateway) Ticket(ctx context.Context, ref string) (*Ticket, error) {
	var t *Ticket
	err := g.store.View(ctx, func(tx ReadTx) error {
		var err error
		t, err = tx.TicketByRef(ctx, ref)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read ticket %s: %w", ref, err)
	}
	return t, nil
}

// Tickets lists tickets, newest first.
func (g *Gateway) Tickets(ctx context.Context, f TicketFilter) ([]Ticket, error) {
	var ts []Ticket
	err := g.store.View(ctx, func(tx ReadTx) error {
		var err error
		ts, err = tx.Tickets(ctx, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list tickets: %w", err)
	}
	return ts, nil
}

// TicketRecord is a ticket with everything that happened on it.
type TicketRecord struct {
	Ticket Ticket
	// LinkedTo is the reference of the ticket this one was linked to, if
	// any.
	LinkedTo string
	Entries  []Entry
	Events   []Event
}

// TicketRecord returns a ticket with its messages and timeline.
func (g *Gateway) TicketRecord(ctx context.Context, ref string) (*TicketRecord, error) {
	var r TicketRecord
	err := g.store.View(ctx, func(tx ReadTx) error {
		t, err := tx.TicketByRef(ctx, ref)
		if err != nil {
			return err
		}
		r.Ticket = *t
		if t.LinkedTicketID != 0 {
			lt, err := tx.TicketByID(ctx, t.LinkedTicketID)
			if err != nil {
				return fmt.Errorf("linked ticket: %w", err)
			}
			r.LinkedTo = lt.Reference
		}
		if r.Entries, err = tx.Entries(ctx, t.ID); err != nil {
			return err
		}
		r.Events, err = tx.Events(ctx, t.ID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read ticket %s: %w", ref, err)
	}
	return &r, nil
}

// SLAClock is one of a ticket's SLA clocks, judged at an instant.
type SLAClock struct {
	Target   string // "4 business hours"; "" without a target
	Calendar string
	// Rule is what gave the target: "priority P1", "plan gold".
	Rule string
	// Due and Done are in the calendar's zone; nil without a target or
	// while running.
	Due, Done *time.Time
	State     SLAState
}

// SLAExplanation is where a ticket's promises stand at an instant.
type SLAExplanation struct {
	Ticket        Ticket
	PriorityLabel string
	// Location is the mailbox calendar's zone.
	Location             *time.Location
	Response, Resolution SLAClock
	// Progress is when the customer must next hear from us: "on track",
	// "breached" (the reminder is due), or "none" when the clock is
	// stopped (no target, waiting on the customer, resolved, closed).
	Progress SLAClock
}

// ExplainSLA judges a ticket's clocks at now.
func (g *Gateway) ExplainSLA(ctx context.Context, ref string, now time.Time) (*SLAExplanation, error) {
	t, err := g.Ticket(ctx, ref)
	if err != nil {
		return nil, err
	}
	x := &SLAExplanation{Ticket: *t, PriorityLabel: g.label(t.Priority), Location: g.calendar(t.Mailbox, "").Location()}
	x.Response, x.Resolution = g.clocks(t, now)
	x.Progress = SLAClock{Target: t.ProgressTarget, Calendar: t.ProgressCalendar, State: SLANone}
	if progressRuns(t) {
		due := t.ProgressDue.In(g.calendar(t.Mailbox, t.ProgressCalendar).Location())
		x.Progress.Due, x.Progress.State = &due, SLAOnTrack
		if !now.Before(due) {
			x.Progress.State = SLABreached
		}
	}
	return x, nil
}

// clocks judges a ticket's response and resolution clocks at now. The
// resolution clock stops at the resolved notice, or at closing for a
// ticket closed without one.
func (g *Gateway) clocks(t *Ticket, now time.Time) (response, resolution SLAClock) {
	clock := func(target, calName, rule string, due, done *time.Time) SLAClock {
		c := SLAClock{Target: target, Calendar: calName, Rule: rule}
		cal := g.calendar(t.Mailbox, calName)
		in := func(v *time.Time) *time.Time {
			if v == nil {
				return nil
			}
			w := v.In(cal.Location())
			return &w
		}
		c.Due, c.Done = in(due), in(done)
		c.State = ClockState(cal, t.CreatedAt, due, done, now)
		return c
	}
	resolved := t.ResolvedAt
	if resolved == nil {
		resolved = t.ClosedAt
	}
	return clock(t.ResponseTarget, t.ResponseCalendar, t.ResponseRule, t.ResponseDue, t.FirstResponseAt),
		clock(t.ResolutionTarget, t.ResolutionCalendar, t.ResolutionRule, t.ResolutionDue, resolved)
}

// label names a priority for people: "P1 critical".
func (g *Gateway) label(p Priority) string {
	if g.cfg.Triager != nil {
		return g.cfg.Triager.Label(p)
	}
	return p.String()
}
