package gateway

import "time"

// warnClock is one SLA clock the scheduler warns about: at risk once,
// breached once.
type warnClock struct {
	name     string // "response" or "resolution", as templates know them
	what     string // for the timeline
	start    time.Time
	due      *time.Time
	calendar string
	warned   *string // the last warning sent about it
}

// warnClocks lists a ticket's running clocks worth a warning: the first
// response until it is given, the resolution until the ticket is
// resolved. A ticket waiting on the customer warns of nothing: its clocks
// are paused.
func warnClocks(t *Ticket) []warnClock {
	if t.PausedAt != nil || (t.Status != StatusNew && t.Status != StatusOpen) {
		return nil
	}
	var out []warnClock
	if t.FirstResponseAt == nil && t.ResponseDue != nil {
		out = append(out, warnClock{"response", "first response", t.CreatedAt, t.ResponseDue, t.ResponseCalendar, &t.SLAWarned})
	}
	if t.ResolvedAt == nil && t.ClosedAt == nil && t.ResolutionDue != nil {
		out = append(out, warnClock{"resolution", "resolution", t.CreatedAt, t.ResolutionDue, t.ResolutionCalendar, &t.SLAWarnedResolution})
	}
	return out
}

// due tells the warning clock k is due at now, or "" when none is (or it
// went already).
func (g *Gateway) due(t *Ticket, k warnClock, now time.Time) SLAState {
	st := ClockState(g.calendar(t.Mailbox, k.calendar), k.start, k.due, nil, now)
	switch {
	case st == SLABreached && *k.warned != string(SLABreached):
		return st
	case st == SLAAtRisk && *k.warned == "":
		return st
	}
	return ""
}

// next is when clock k's next warning comes due: "at risk" once
// SLAAtRiskShare of the business time is left, "breached" just past the
// due time; nil once both went.
func (g *Gateway) next(t *Ticket, k warnClock) *time.Time {
	// ClockState calls a clock breached once now is after the due time.
	breach := k.due.Add(time.Nanosecond)
	switch SLAState(*k.warned) {
	case SLABreached:
		return nil
	case SLAAtRisk:
		return &breach
	}
	cal := g.calendar(t.Mailbox, k.calendar)
	total := cal.Between(k.start, *k.due)
	if total <= 0 {
		return &breach
	}
	risk := cal.Add(k.start, total-time.Duration(SLAAtRiskShare*float64(total)))
	return &risk
}
