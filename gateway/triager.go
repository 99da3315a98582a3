package gateway

import (
	"time"

	"ticketgate/parser"
)

// Triager decides how a new ticket starts and when it is due. The gateway
// works without one (mailbox default priority, no due times).
type Triager interface {
	Triage(mailbox string, m *parser.Message) Decision
	Due(mailbox string, p Priority, tier string, at time.Time) Deadlines
	// Label names a priority for people: "P1 critical".
	Label(p Priority) string
	// StillMissing returns which of the details a ticket lacked (labels
	// from Decision.Missing) the message does not supply either.
	StillMissing(mailbox string, lacking []string, m *parser.Message) []string
	// BusinessCalendar returns the named calendar, else the mailbox's own
	// (name ""); nil when neither is known.
	BusinessCalendar(mailbox, name string) BusinessCalendar
}

// BusinessCalendar counts business time: open hours, closed days.
type BusinessCalendar interface {
	// Add returns the instant after d of open time from t.
	Add(t time.Time, d time.Duration) time.Time
	// AddDays returns the same clock time n business days after t.
	AddDays(t time.Time, n int) time.Time
	// Between returns the open time between a and b.
	Between(a, b time.Time) time.Duration
	Location() *time.Location
	// AllHours reports a 24/7 calendar, whose time is plain time.
	AllHours() bool
}

// Decision is the triage of a ticket's first message.
type Decision struct {
	Priority Priority
	Reason   string
	// Why is Reason in parts, to be said in another language; nil when
	// the triager gives none.
	Why  Reason
	Tier string
	// Missing lists what the customer should still send (labels).
	Missing []string
	// Unregistered is set when the mailbox takes registered senders only
	// and this sender is not one.
	Unregistered bool
}

// Deadlines are SLA due times; nil when the priority has no such target.
type Deadlines struct {
	ResponseDue, ResolutionDue           *time.Time
	ResponseCalendar, ResolutionCalendar string
	ResponseTarget, ResolutionTarget     string
	// ResponseRule and ResolutionRule name what gave each target:
	// "priority P1", "priority P2 outside hours", "plan gold".
	ResponseRule, ResolutionRule string
}

// LanguageLabeler is a Triager whose configuration names priorities in
// each language.
type LanguageLabeler interface {
	// LabelIn names p in lang ("P1 critique"); false when the
	// configuration gives no name in lang.
	LabelIn(p Priority, lang string) (string, bool)
}
