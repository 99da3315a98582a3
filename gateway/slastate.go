package gateway

import "time"

// SLAState is where one SLA clock stands.
type SLAState string

// SLA clock states.
const (
	SLANone     SLAState = "none"     // the priority has no such target
	SLAOnTrack  SLAState = "on track" // running, more than SLAAtRisk of the business time left
	SLAAtRisk   SLAState = "at risk"  // running, SLAAtRisk or less of the business time left
	SLABreached SLAState = "breached" // running and past due
	SLAMet      SLAState = "met"      // done in time
	SLAMissed   SLAState = "missed"   // done, but after the due time
)

// SLAAtRiskShare is the share of a target's business time below which a
// running clock is "at risk": a quarter leaves an agent two hours on a
// one-day target and fifteen minutes on a one-hour one.
const SLAAtRiskShare = 0.25

// ClockState tells where a clock stands at now: it started at start, is
// due at due (nil: no target) on cal (nil: no business time known), and
// stopped at done (nil: still running).
func ClockState(cal BusinessCalendar, start time.Time, due, done *time.Time, now time.Time) SLAState {
	switch {
	case due == nil:
		return SLANone
	case done != nil && !done.After(*due):
		return SLAMet
	case done != nil:
		return SLAMissed
	case now.After(*due):
		return SLABreached
	case cal == nil:
		return SLAOnTrack
	}
	total := cal.Between(start, *due)
	left := cal.Between(now, *due)
	if total > 0 && float64(left) <= SLAAtRiskShare*float64(total) {
		return SLAAtRisk
	}
	return SLAOnTrack
}
