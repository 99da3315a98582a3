package triage

import "ticketgate/gateway"

// BusinessCalendar returns the named calendar, else the mailbox's own;
// nil when neither is known. Where a clock stands is the gateway's
// business (gateway.ClockState); the policy only knows the calendars.
func (p *Policy) BusinessCalendar(mailbox, name string) gateway.BusinessCalendar {
	if c, ok := p.calendars[name]; ok {
		return c
	}
	if c, ok := p.calendars[p.mailboxes[mailbox].Calendar]; ok {
		return c
	}
	return nil
}
