package triage

import "time"

// HasMailbox reports whether the policy knows a mailbox.
func (p *Policy) HasMailbox(name string) bool {
	_, ok := p.mailboxes[name]
	return ok
}

// HasTier reports whether a customer tier exists.
func (p *Policy) HasTier(name string) bool {
	for _, t := range p.tiers {
		if t.Name == name {
			return true
		}
	}
	return false
}

// Tiers lists the tier names in configuration order.
func (p *Policy) Tiers() []string {
	out := make([]string, 0, len(p.tiers))
	for _, t := range p.tiers {
		out = append(out, t.Name)
	}
	return out
}

// Location is the time zone of a mailbox's calendar, for showing times to
// the people of that desk.
func (p *Policy) Location(mailbox string) *time.Location {
	if c, ok := p.calendars[p.mailboxes[mailbox].Calendar]; ok {
		return c.Location()
	}
	return time.UTC
}
