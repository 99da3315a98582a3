package gateway

import (
	"context"
	"errors"
	"io"
	"time"
)

// Store keeps tickets. Update runs fn in one write transaction that commits
// durably (the IMAP post-action follows the commit) or not at all; View runs
// fn on a consistent snapshot. Update may run fn more than once, each time
// on a fresh transaction, when the backend had to void a run (PostgreSQL,
// after a conflict with another process): fn does nothing but work through
// tx, and sets what it hands back afresh on each run.
type Store interface {
	Update(ctx context.Context, fn func(Tx) error) error
	View(ctx context.Context, fn func(ReadTx) error) error
}

// RowLocker is a Store that can also run a write transaction on row locks
// alone, for work that reads nothing but the rows it locks: the outbox's
// claims and reports. Where several processes share the database, such
// work then never aborts another's transaction over rows neither needs.
type RowLocker interface {
	UpdateLocked(ctx context.Context, fn func(Tx) error) error
}

// updateRows runs fn as UpdateLocked where the store has it, else as
// Update.
func updateRows(ctx context.Context, st Store, fn func(Tx) error) error {
	if rl, ok := st.(RowLocker); ok {
		return rl.UpdateLocked(ctx, fn)
	}
	return st.Update(ctx, fn)
}

// ReadTx reads within a transaction.
type ReadTx interface {
	TicketByRef(ctx context.Context, ref string) (*Ticket, error)
	TicketByID(ctx context.Context, id int64) (*Ticket, error)
	Tickets(ctx context.Context, f TicketFilter) ([]Ticket, error)
	// TicketsWaking returns the IDs of up to limit tickets whose WakeAt
	// has come at now, in order of WakeAt then ID, after the ticket
	// (afterAt, afterID) of the previous page (zero values: from the
	// start).
	TicketsWaking(ctx context.Context, now, afterAt time.Time, afterID int64, limit int) ([]Waking, error)
	Entries(ctx context.Context, ticketID int64) ([]Entry, error)
	Events(ctx context.Context, ticketID int64) ([]Event, error)
	// SeenAt returns the entry recorded for an IMAP position.
	SeenAt(ctx context.Context, src Source) (entryID int64, ok bool, err error)
	// EntryByRawSHA returns the entry whose raw bytes have this SHA-256.
	EntryByRawSHA(ctx context.Context, sha string) (*Entry, error)
	// EntriesByMessageID returns the entries with this Message-ID, oldest
	// first, without bodies.
	EntriesByMessageID(ctx context.Context, messageID string) ([]Entry, error)
	IsParticipant(ctx context.Context, ticketID int64, address string) (bool, error)
	// CopyRaw writes a raw message to w a piece at a time.
	CopyRaw(ctx context.Context, rawID int64, w io.Writer) error
	MailboxStates(ctx context.Context) ([]MailboxState, error)
	// CountMail counts outgoing mail; see MailCount.
	CountMail(ctx context.Context, q MailCount) (int, error)
	// OutboxByID reads one outgoing mail; in a RowLocker's UpdateLocked
	// it locks the row until the transaction ends.
	OutboxByID(ctx context.Context, id int64) (*OutboxMail, error)
	// OutboxRef returns what is known of a mail we sent, by its
	// Message-ID, without its content; ErrNotFound when we sent none.
	OutboxRef(ctx context.Context, messageID string) (OutboxRef, error)
	OutboxList(ctx context.Context, f OutboxFilter) ([]OutboxMail, error)
	// TriageOutcomes lists the tickets opened since a time with triage's
	// choice and the priority people left, oldest first.
	TriageOutcomes(ctx context.Context, since time.Time) ([]TriageOutcome, error)
	// TicketsOpened lists the tickets created in [from, to), oldest
	// first: the SLA report's month.
	TicketsOpened(ctx context.Context, from, to time.Time) ([]Ticket, error)
	// Template returns the current edit of a template; ErrNotFound when
	// the default is in use.
	Template(ctx context.Context, name, lang string) (Template, error)
	// TemplateVersions lists every stored version of a template.
	TemplateVersions(ctx context.Context, name string) ([]Template, error)
	// Backlog counts the tickets not closed and the mail not sent.
	Backlog(ctx context.Context) (Backlog, error)
}

// MailCount selects outgoing mail to count. Each set field narrows.
type MailCount struct {
	TicketID int64
	To       string
	Kinds    []string
	Status   OutboxStatus
	// Automatic counts only mail that rate limits apply to.
	Automatic bool
	Since     time.Time
	// AtMost stops the count there: the caller only asks whether a limit
	// is reached, and a busy hour must not make every mail count them
	// all. 0 counts all.
	AtMost int
}

// OutboxRef is an outgoing mail without its content: enough to thread a
// reply to it or to weigh it as an agent's proof.
type OutboxRef struct {
	ID, TicketID int64
	Kind         string
	CreatedAt    time.Time
}

// ErrTxBroken is returned by Savepoint when the transaction itself can no
// longer be used: it must be rolled back as a whole.
var ErrTxBroken = errors.New("transaction broken")

// Tx writes within a transaction.
type Tx interface {
	ReadTx
	// Savepoint runs fn nested in the transaction: when fn fails, what it
	// wrote is undone and its error returned, and the transaction goes on.
	Savepoint(ctx context.Context, fn func() error) error
	// NextReferenceNumber allocates the next number for prefix and year.
	NextReferenceNumber(ctx context.Context, prefix string, year int) (int64, error)
	// PutRaw stores a raw message once per SHA-256 and returns its row.
	// It reads r a piece at a time: a message need not fit in memory.
	PutRaw(ctx context.Context, sha string, r io.ReaderAt, size int64, at time.Time) (int64, error)
	CreateTicket(ctx context.Context, t *Ticket) error
	UpdateTicket(ctx context.Context, t *Ticket) error
	// SetWakeAt changes only a ticket's WakeAt.
	SetWakeAt(ctx context.Context, ticketID int64, at *time.Time) error
	AddEntry(ctx context.Context, e *Entry) error
	AddEvent(ctx context.Context, ev *Event) error
	AddParticipant(ctx context.Context, ticketID int64, address, role string) error
	MarkSeen(ctx context.Context, src Source, entryID int64) error
	SaveMailboxState(ctx context.Context, st MailboxState) error
	// AddPriorityOverride records a person's change of priority; the
	// store fills Triage and TriageReason from the ticket's first override
	// when it has one.
	AddPriorityOverride(ctx context.Context, o *PriorityOverride) error
	EnqueueMail(ctx context.Context, m *OutboxMail) error
	// ClaimOutbox returns up to limit pending mails due at now and not
	// claimed, oldest first, each claimed until then.
	ClaimOutbox(ctx context.Context, now, until time.Time, limit int) ([]OutboxMail, error)
	// UpdateOutbox saves a row's status, attempts, times, claim and error.
	UpdateOutbox(ctx context.Context, m *OutboxMail) error
	// SaveTemplate stores t as the next version of its template and sets
	// t.Version.
	SaveTemplate(ctx context.Context, t *Template) error
}

// Clock tells the time. Tests use a fixed or stepped clock.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now returns f().
func (f ClockFunc) Now() time.Time { return f() }

// SystemClock is the wall clock.
var SystemClock Clock = ClockFunc(time.Now)
