package gateway

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"ticketgate/parser"
)

// ErrNotFound is returned by stores for a ticket, message or row that does
// not exist.
var ErrNotFound = errors.New("not found")

// Status is where a ticket stands in its lifecycle.
type Status string

// Ticket statuses.
const (
	StatusNew      Status = "new"      // no agent has answered yet
	StatusOpen     Status = "open"     // in progress
	StatusWaiting  Status = "waiting"  // waiting on the customer
	StatusResolved Status = "resolved" // resolved notice sent, confirmation window running
	StatusClosed   Status = "closed"
)

// ParseStatus reads a status name.
func ParseStatus(s string) (Status, error) {
	switch st := Status(strings.ToLower(s)); st {
	case StatusNew, StatusOpen, StatusWaiting, StatusResolved, StatusClosed:
		return st, nil
	}
	return "", fmt.Errorf("unknown status %q (want new, open, waiting, resolved or closed)", s)
}

// Priority is P1 (system down) to P5 (information request).
type Priority int

// The priority bounds: P1 is the highest; how many levels there are is
// configuration (five by default), up to nine.
const (
	PriorityHighest Priority = 1
	PriorityLowest  Priority = 9
)

func (p Priority) String() string { return fmt.Sprintf("P%d", int(p)) }

// ParsePriority reads "P2", "p2" or "2".
func ParsePriority(s string) (Priority, error) {
	t := strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "P")
	if len(t) == 1 && t[0] >= '1' && t[0] <= '9' {
		return Priority(t[0] - '0'), nil
	}
	return 0, fmt.Errorf("unknown priority %q (want P1, P2, …)", s)
}

// Address is a display name and a lower-cased mail address.
type Address = parser.Address

// Flags on a ticket.
const (
	// FlagNeedsHuman marks a ticket built from a message we could not read
	// well enough to act on (no sender, nothing decodable), or only in part
	// (more parts than the limit, cut off).
	FlagNeedsHuman = "needs-human"
)

// Ticket is one support case.
type Ticket struct {
	ID             int64
	Reference      string
	Mailbox        string
	Status         Status
	Priority       Priority
	PriorityReason string
	// PriorityWhy is PriorityReason in parts, said in each reader's
	// language; nil for tickets older than it and reasons people typed.
	PriorityWhy Reason
	Customer    Address
	Subject     string
	Language    string
	Flags       []string
	// LinkedTicketID points at an earlier ticket this one mentions, when
	// the mention could not thread (a stranger quoting a reference).
	LinkedTicketID int64
	Tier           string
	Missing        []string // what the first message lacked (labels)
	// SLAMailbox, when set, is the mailbox whose targets the clocks
	// follow: the on-call desk of a ticket raised to P1.
	SLAMailbox string
	Deadlines

	FirstResponseAt *time.Time
	ResolvedAt      *time.Time
	ClosedAt        *time.Time
	CloseReason     string
	// Assignee is who an agent's #assign named.
	Assignee string
	// Level is the support level: 1, or 2 once escalated to the
	// specialists (0 reads as 1).
	Level int
	// PausedAt is when the SLA clock stopped to wait on the customer (a
	// #wait, a resolved notice); nil while it runs.
	PausedAt *time.Time
	// ResponsePaused and ResolutionPaused are the business time the
	// pauses so far added to each due time, kept so that a new priority's
	// due times keep them too.
	ResponsePaused, ResolutionPaused time.Duration
	// ConfirmBy ends the confirmation window of a resolved ticket; at it
	// the ticket closes as presumed resolved. RemindAt is when the
	// reminder goes, cleared once it has gone or been skipped.
	ConfirmBy, RemindAt *time.Time
	// SLAWarned is the last warning sent about the response due time:
	// "", "at risk" or "breached".
	SLAWarned string
	// SLAWarnedResolution is the same for the resolution due time.
	SLAWarnedResolution string
	// ProgressDue is when the customer of this open ticket must next
	// hear from us (its priority's update target after our last mail),
	// with that target and its calendar; nil without such a target.
	ProgressDue                      *time.Time
	ProgressTarget, ProgressCalendar string
	// WakeAt is the next instant the scheduler has something to do for
	// the ticket (a reminder, a close, an SLA warning); nil when nothing
	// is pending. The gateway sets it whenever it saves the ticket, so the
	// scheduler reads only what is due.
	WakeAt    *time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// HasFlag reports whether the ticket carries flag.
func (t *Ticket) HasFlag(flag string) bool {
	for _, f := range t.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// AddFlag sets flag once.
func (t *Ticket) AddFlag(flag string) {
	if !t.HasFlag(flag) {
		t.Flags = append(t.Flags, flag)
	}
}

// Direction of a message relative to us.
type Direction string

// Directions.
const (
	Inbound  Direction = "in"
	Outbound Direction = "out"
)

// AuthorKind says who wrote a message, as far as threading could tell.
type AuthorKind string

// Author kinds.
const (
	AuthorCustomer    AuthorKind = "customer"    // the ticket's customer
	AuthorParticipant AuthorKind = "participant" // someone else in the thread (a cc'd colleague)
	AuthorStranger    AuthorKind = "stranger"    // wrote on a thread without being part of it
	AuthorAutomatic   AuthorKind = "automatic"   // auto-reply or list mail
	AuthorBounce      AuthorKind = "bounce"      // delivery failure report
	AuthorUnknown     AuthorKind = "unknown"     // no usable sender
)

// Entry is one message recorded by the gateway, on a ticket or not.
type Entry struct {
	ID          int64
	TicketID    int64 // 0 when recorded without a ticket
	RawID       int64
	Mailbox     string
	Direction   Direction
	AuthorKind  AuthorKind
	Kind        parser.Kind
	KindReason  string
	MessageID   string
	InReplyTo   []string
	References  []string
	From        Address
	To          []Address
	Cc          []Address
	Subject     string
	SentAt      time.Time
	Text        string
	Reply       string
	HTML        string
	Problems    []string
	Attachments []Attachment
	CreatedAt   time.Time
}

// Attachment is the record of one attachment; its bytes stay in the raw
// message.
type Attachment struct {
	Filename    string
	ContentType string
	Disposition string
	ContentID   string
	Size        int64
	SHA256      string
}

// Event is one line of a ticket's timeline.
type Event struct {
	ID       int64
	TicketID int64
	EntryID  int64 // 0 when not about a message
	At       time.Time
	Kind     string
	Actor    string
	Detail   string
}

// Event kinds written by ingest.
const (
	EventCreated    = "created"
	EventMessage    = "message"
	EventDuplicate  = "duplicate"
	EventAutomatic  = "automatic"
	EventBounce     = "bounce"
	EventLinked     = "linked"
	EventNeedsHuman = "needs-human"
	EventPriority   = "priority"
	EventRaised     = "raised"
	EventPaged      = "paged" // a ticket opened at P1: the on-call list was paged, its clocks moved
	EventProgress   = "progress"
	EventEscalated  = "escalated"
	EventDetails    = "details" // the customer sent details the ticket lacked
)

// Source is where a message came from: an IMAP position, or only a mailbox
// name for mail piped in by an MTA (UID 0).
type Source struct {
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	// Recipient is the envelope recipient an MTA delivered the mail to
	// (piped mail); when set it decides the mailbox, never the headers.
	Recipient string
}

func (s Source) hasPosition() bool { return s.UID != 0 }

// TicketFilter selects tickets for listing, newest first.
type TicketFilter struct {
	Status   Status
	Priority Priority
	Mailbox  string
	// Assignee and Tier narrow to one value each.
	Assignee string
	Tier     string
	// Clock narrows to tickets with an SLA clock in this state at Now:
	// SLAAtRisk (warned at risk and not yet late) or SLABreached.
	Clock SLAState
	Now   time.Time
	// Search keeps the tickets whose mail holds every word (subject,
	// text, addresses, attachment names), each as a word's start.
	Search string
	// Before pages: only tickets older than the one with this ID (the
	// last of the previous page); 0 starts at the newest.
	Before int64
	Limit  int // 0: all
}
