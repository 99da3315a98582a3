// Package report computes SLA compliance for a month: per mailbox,
// priority and plan, how many response and resolution targets were met,
// missed or are still running, how long they took in business time, and
// what the misses cost under each plan's credit terms.
//
// Rules a maintainer must keep (the README states them to users):
//   - A ticket belongs to the month in which it was opened, in the time
//     zone of its mailbox's calendar.
//   - Each clock is judged on the target and due time recorded on the
//     ticket (never recomputed from today's configuration), in business
//     time on its own calendar; time paused waiting on the customer is not
//     counted, as the gateway moved the due time by it.
//   - A running clock already past its due time is missed: it can no
//     longer be met. A running clock in a pause is judged as if it
//     resumed at the report's instant.
//   - Resolving or closing a ticket stops both its clocks: one closed
//     without an answer needed none.
//   - Medians and 90th percentiles are nearest-rank over the clocks that
//     stopped: the smallest time that half (nine tenths) of them took at
//     most.
//
// The computation knows nothing of output formats; the renderers in this
// package (text, CSV, JSON, HTML) each read a Report.
package report

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"ticketgate/gateway"
)

// Source is what the report reads; *gateway.Gateway is one.
type Source interface {
	TicketsOpened(ctx context.Context, from, to time.Time) ([]gateway.Ticket, error)
	BusinessCalendar(mailbox, name string) gateway.BusinessCalendar
	PriorityLabel(p gateway.Priority) string
}

// Month is a calendar month, read in each mailbox's own zone.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads "2026-11".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", strings.TrimSpace(s))
	if err != nil {
		return Month{}, fmt.Errorf("month %q: want YYYY-MM, like 2026-11", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

// MonthBefore is the month before the one t falls in: the month a report
// is asked for when none is named.
func MonthBefore(t time.Time) Month {
	if t.Month() == time.January {
		return Month{t.Year() - 1, time.December}
	}
	return Month{t.Year(), t.Month() - 1}
}

func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// in is the month's first instant and the next month's in loc.
func (m Month) in(loc *time.Location) (time.Time, time.Time) {
	return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, loc), time.Date(m.Year, m.Month+1, 1, 0, 0, 0, 0, loc)
}

// Options select what a report covers.
type Options struct {
	Month Month
	// Mailbox, Tier and Customer narrow the report; empty: all. Customer
	// is an address or a mail domain ("example.com" or "@example.com").
	Mailbox, Tier, Customer string
	// AsOf is the instant running clocks are judged at.
	AsOf time.Time
	// Plans are the credit terms by tier name.
	Plans map[string]Plan
}

// Clock names.
const (
	Response   = "response"
	Resolution = "resolution"
)

// Report is one month's SLA compliance.
type Report struct {
	Month   Month
	AsOf    time.Time
	Filters Filters
	// Zones lists each mailbox's calendar and zone, by mailbox name.
	Zones  []Zone
	Groups []Group
	// Missed lists every missed clock, by reference then clock.
	Missed  []Miss
	Credits []Credit
	Totals  Group
}

// Filters repeats what narrowed the report.
type Filters struct {
	Mailbox, Tier, Customer string
}

// Zone is the calendar a mailbox's month is read in.
type Zone struct {
	Mailbox, Calendar, Location string
}

// Group is the figures of one mailbox, priority and plan.
type Group struct {
	Mailbox       string
	Priority      gateway.Priority
	PriorityLabel string
	Tier          string // "" for tickets on no plan
	Tickets       int
	Response      ClockFigures
	Resolution    ClockFigures
	// Paused is the business time the tickets waited on the customer.
	Paused time.Duration
}

// ClockFigures count one clock over a group.
type ClockFigures struct {
	Met, Missed, Running, NoTarget int
	// Median and P90 are over the clocks that stopped (Stopped of them);
	// zero when none did.
	Median, P90 time.Duration
	Stopped     int
	durations   []time.Duration
}

// Miss is one missed target.
type Miss struct {
	Reference, Mailbox string
	Priority           gateway.Priority
	Tier, Customer     string
	Subject            string
	Clock              string // Response or Resolution
	Target             string // as recorded: "4 business hours"
	Calendar           string
	// Due is the due time, moved by the pauses, in the calendar's zone;
	// Done is when the clock stopped, nil while it still runs.
	Due  time.Time
	Done *time.Time
	// Allowed is the target in business time, Actual what the clock ran
	// (so far, when it still runs), Late by how much it exceeded it.
	Allowed, Actual, Late time.Duration
}

// ErrMonth is returned for a month that has not begun at AsOf.
var ErrMonth = errors.New("month has not begun")

// Build computes the report from the tickets opened in the month.
func Build(ctx context.Context, src Source, o Options) (*Report, error) {
	if o.AsOf.IsZero() {
		return nil, errors.New("sla report: no instant to judge running clocks at")
	}
	// Every zone is within a day of UTC: read a day more on each side,
	// then keep each ticket by its own mailbox's zone.
	from, to := o.Month.in(time.UTC)
	if !o.AsOf.After(from.Add(-24 * time.Hour)) {
		return nil, fmt.Errorf("sla report for %s: %w", o.Month, ErrMonth)
	}
	ts, err := src.TicketsOpened(ctx, from.Add(-24*time.Hour), to.Add(24*time.Hour))
	if err != nil {
		return nil, fmt.Errorf("sla report for %s: %w", o.Month, err)
	}
	r := &Report{Month: o.Month, AsOf: o.AsOf, Filters: Filters{o.Mailbox, o.Tier, o.Customer}}
	groups := map[groupKey]*Group{}
	zones := map[string]Zone{}
	missedBy := map[creditKey]int{}
	customer := customerMatcher(o.Customer)
	for i := range ts {
		t := &ts[i]
		if (o.Mailbox != "" && t.Mailbox != o.Mailbox) || (o.Tier != "" && t.Tier != o.Tier) || !customer(t.Customer.Address) {
			continue
		}
		home := src.BusinessCalendar(t.Mailbox, "")
		start, end := o.Month.in(home.Location())
		if t.CreatedAt.Before(start) || !t.CreatedAt.Before(end) {
			continue
		}
		if _, ok := zones[t.Mailbox]; !ok {
			zones[t.Mailbox] = Zone{Mailbox: t.Mailbox, Calendar: calendarName(home), Location: home.Location().String()}
		}
		k := groupKey{t.Mailbox, t.Priority, t.Tier}
		g := groups[k]
		if g == nil {
			g = &Group{Mailbox: t.Mailbox, Priority: t.Priority, PriorityLabel: src.PriorityLabel(t.Priority), Tier: t.Tier}
			groups[k] = g
		}
		g.Tickets++
		missed := false
		for _, c := range clocksOf(t) {
			cal := src.BusinessCalendar(t.Mailbox, c.calendar)
			j := judge(cal, t, c, o.AsOf)
			fig := &g.Response
			if c.name == Resolution {
				fig = &g.Resolution
			}
			fig.count(j)
			if j.state == stateMissed {
				missed = true
				m := Miss{Reference: t.Reference, Mailbox: t.Mailbox, Priority: t.Priority, Tier: t.Tier,
					Customer: t.Customer.Address, Subject: t.Subject, Clock: c.name, Target: c.target,
					Calendar: c.calendar, Due: j.due.In(cal.Location()), Allowed: j.allowed, Actual: j.actual, Late: j.late}
				if j.done != nil {
					d := j.done.In(cal.Location())
					m.Done = &d
				}
				r.Missed = append(r.Missed, m)
			}
		}
		g.Paused += pausedTime(src, t, o.AsOf)
		if missed && t.Tier != "" {
			missedBy[creditKey{CustomerOf(t.Customer.Address), t.Tier}]++
		}
	}
	for _, g := range groups {
		g.Response.finish()
		g.Resolution.finish()
		r.Groups = append(r.Groups, *g)
	}
	sort.Slice(r.Groups, func(i, j int) bool {
		a, b := r.Groups[i], r.Groups[j]
		if a.Mailbox != b.Mailbox {
			return a.Mailbox < b.Mailbox
		}
		if a.Priority != b.Priority {
			return a.Priority < b.Priority
		}
		return a.Tier < b.Tier
	})
	sort.SliceStable(r.Missed, func(i, j int) bool {
		if r.Missed[i].Reference != r.Missed[j].Reference {
			return r.Missed[i].Reference < r.Missed[j].Reference
		}
		return r.Missed[i].Clock == Response && r.Missed[j].Clock != Response
	})
	for _, z := range zones {
		r.Zones = append(r.Zones, z)
	}
	sort.Slice(r.Zones, func(i, j int) bool { return r.Zones[i].Mailbox < r.Zones[j].Mailbox })
	r.Credits = credits(missedBy, o.Plans)
	r.Totals = total(r.Groups)
	return r, nil
}

type groupKey struct {
	mailbox  string
	priority gateway.Priority
	tier     string
}

// CustomerOf is who a credit is owed to: the mail domain of the
// customer's address, since plans are sold to organisations and name
// their senders by domain.
func CustomerOf(address string) string {
	address = strings.ToLower(address)
	if at := strings.LastIndexByte(address, '@'); at >= 0 {
		return address[at+1:]
	}
	return address
}

// customerMatcher selects by address (with an @ inside) or by domain.
func customerMatcher(q string) func(string) bool {
	q = strings.ToLower(strings.TrimSpace(q))
	switch {
	case q == "":
		return func(string) bool { return true }
	case strings.HasPrefix(q, "@") || !strings.Contains(q, "@"):
		dom := strings.TrimPrefix(q, "@")
		return func(a string) bool { return CustomerOf(a) == dom }
	default:
		return func(a string) bool { return strings.ToLower(a) == q }
	}
}

func calendarName(c gateway.BusinessCalendar) string {
	if n, ok := c.(interface{ Name() string }); ok {
		return n.Name()
	}
	return ""
}

// clock is one of a ticket's clocks as recorded.
type clock struct {
	name, target, calendar string
	due, done              *time.Time
	paused                 time.Duration
}

func clocksOf(t *gateway.Ticket) [2]clock {
	resolved := t.ResolvedAt
	if resolved == nil {
		resolved = t.ClosedAt // closed without a resolved notice
	}
	// A ticket resolved or closed without an answer (a duplicate, spam)
	// needed none: its response clock stopped there.
	responded := t.FirstResponseAt
	if responded == nil {
		responded = resolved
	}
	return [2]clock{
		{Response, t.ResponseTarget, t.ResponseCalendar, t.ResponseDue, responded, t.ResponsePaused},
		{Resolution, t.ResolutionTarget, t.ResolutionCalendar, t.ResolutionDue, resolved, t.ResolutionPaused},
	}
}

type state int

const (
	stateNoTarget state = iota
	stateMet
	stateMissed
	stateRunning
)

// judgement is where one clock stands at the report's instant.
type judgement struct {
	state                 state
	due                   time.Time
	done                  *time.Time
	allowed, actual, late time.Duration
	stopped               bool
}

// judge measures a clock: allowed is the business time from opening to
// the due time less the pauses that moved it; actual the business time
// from opening to the stop (or asOf) less the same pauses.
func judge(cal gateway.BusinessCalendar, t *gateway.Ticket, c clock, asOf time.Time) judgement {
	if c.due == nil {
		return judgement{state: stateNoTarget}
	}
	j := judgement{due: *c.due, done: c.done}
	paused := c.paused
	end := asOf
	if c.done != nil {
		end = *c.done
		j.stopped = true
	} else if t.PausedAt != nil && asOf.After(*t.PausedAt) {
		// As the gateway will when the customer answers: the due time
		// moves by the pause so far.
		p := cal.Between(*t.PausedAt, asOf)
		j.due, paused = cal.Add(j.due, p), paused+p
	}
	j.allowed = nonNegative(cal.Between(t.CreatedAt, *c.due) - c.paused)
	j.actual = nonNegative(cal.Between(t.CreatedAt, end) - paused)
	switch {
	case !end.After(j.due) && j.stopped:
		j.state = stateMet
	case !end.After(j.due):
		j.state = stateRunning
	default:
		j.state = stateMissed
		j.late = cal.Between(j.due, end)
	}
	return j
}

func nonNegative(d time.Duration) time.Duration { return max(d, 0) }

// pausedTime is the business time a ticket waited on the customer: the
// pauses that moved its resolution due time (its response one when it
// has no resolution target), and the pause still under way.
func pausedTime(src Source, t *gateway.Ticket, asOf time.Time) time.Duration {
	calName, d := t.ResolutionCalendar, t.ResolutionPaused
	if t.ResolutionDue == nil {
		calName, d = t.ResponseCalendar, t.ResponsePaused
	}
	if t.PausedAt != nil && t.ResolvedAt == nil && t.ClosedAt == nil && asOf.After(*t.PausedAt) {
		d += src.BusinessCalendar(t.Mailbox, calName).Between(*t.PausedAt, asOf)
	}
	return d
}

func (f *ClockFigures) count(j judgement) {
	switch j.state {
	case stateNoTarget:
		f.NoTarget++
		return
	case stateMet:
		f.Met++
	case stateMissed:
		f.Missed++
	case stateRunning:
		f.Running++
	}
	if j.stopped {
		f.durations = append(f.durations, j.actual)
	}
}

func (f *ClockFigures) finish() {
	f.Stopped = len(f.durations)
	f.Median, f.P90 = nearestRank(f.durations, 0.5), nearestRank(f.durations, 0.9)
}

// nearestRank is the value at rank ceil(q·n) of the sorted values.
func nearestRank(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	rank := int(math.Ceil(q * float64(len(s))))
	return s[max(rank, 1)-1]
}

// total sums every group; its percentiles are over all stopped clocks.
func total(gs []Group) Group {
	var t Group
	for _, g := range gs {
		t.Tickets += g.Tickets
		t.Paused += g.Paused
		for _, p := range [2][2]*ClockFigures{{&t.Response, &g.Response}, {&t.Resolution, &g.Resolution}} {
			to, from := p[0], p[1]
			to.Met += from.Met
			to.Missed += from.Missed
			to.Running += from.Running
			to.NoTarget += from.NoTarget
			to.durations = append(to.durations, from.durations...)
		}
	}
	t.Response.finish()
	t.Resolution.finish()
	return t
}
