package triage

import (
	"time"

	"ticketgate/gateway"
)

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

// SetLabelsIn gives the priorities' names in each language that has its
// own (language → names, P1 first; "" where one has none).
func (p *Policy) SetLabelsIn(byLang map[string][]string) { p.labelsIn = byLang }

// LabelIn names a priority in lang when the configuration gives it a
// name in that language: "P1 critique".
func (p *Policy) LabelIn(pr gateway.Priority, lang string) (string, bool) {
	names := p.labelsIn[lang]
	if i := int(pr) - 1; i >= 0 && i < len(names) && names[i] != "" {
		return pr.String() + " " + names[i], true
	}
	return "", false
}
