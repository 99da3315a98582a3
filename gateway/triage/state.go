package triage

import "time"

// State of one SLA clock.
type State string

// SLA clock states.
const (
	StateNone     State = "none"     // the priority has no such target
	StateOnTrack  State = "on track" // running, more than AtRisk of the business time left
	StateAtRisk   State = "at risk"  // running, AtRisk or less of the business time left
	StateBreached State = "breached" // running and past due
	StateMet      State = "met"      // done in time
	StateMissed   State = "missed"   // done, but after the due time
)

// AtRisk is the share of a target's business time below which a running
// clock is "at risk": a quarter leaves an agent two hours on a one-day
// target and fifteen minutes on a one-hour one.
const AtRisk = 0.25

// State tells where a clock stands at now: it started at start, is due at
// due (nil: no target) on the named calendar, and stopped at done (nil:
// still running).
func (p *Policy) State(calName string, start time.Time, due, done *time.Time, now time.Time) State {
	switch {
	case due == nil:
		return StateNone
	case done != nil && !done.After(*due):
		return StateMet
	case done != nil:
		return StateMissed
	case now.After(*due):
		return StateBreached
	}
	c, ok := p.calendars[calName]
	if !ok {
		return StateOnTrack
	}
	total := c.Between(start, *due)
	left := c.Between(now, *due)
	if total > 0 && float64(left) <= AtRisk*float64(total) {
		return StateAtRisk
	}
	return StateOnTrack
}
