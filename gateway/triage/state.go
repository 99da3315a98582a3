package triage

import (
	"time"

	"ticketgate/gateway"
)

// State of one SLA clock.
type State = gateway.SLAState

// SLA clock states.
const (
	StateNone     = gateway.SLANone
	StateOnTrack  = gateway.SLAOnTrack
	StateAtRisk   = gateway.SLAAtRisk
	StateBreached = gateway.SLABreached
	StateMet      = gateway.SLAMet
	StateMissed   = gateway.SLAMissed
)

// State tells where a clock stands at now: it started at start, is due at
// due (nil: no target) on the named calendar, and stopped at done (nil:
// still running).
func (p *Policy) State(calName string, start time.Time, due, done *time.Time, now time.Time) State {
	var cal gateway.BusinessCalendar
	if c, ok := p.calendars[calName]; ok {
		cal = c
	}
	return gateway.ClockState(cal, start, due, done, now)
}

// BusinessCalendar returns the named calendar, else the mailbox's own;
// nil when neither is known.
func (p *Policy) BusinessCalendar(mailbox, name string) gateway.BusinessCalendar {
	if c, ok := p.calendars[name]; ok {
		return c
	}
	if c, ok := p.calendars[p.mailboxes[mailbox].Calendar]; ok {
		return c
	}
	return nil
}
