package gateway

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"ticketgate/gateway/calendar"
	"ticketgate/templates"
)

// ResolutionPolicy times the resolution cycle, in business days of the
// mailbox's calendar. Every field means what it says, zero included; the
// configuration file's defaults are DefaultConfirmDays,
// DefaultReminderDays and DefaultReopenDays.
type ResolutionPolicy struct {
	// ConfirmDays is how long the customer has to object to a resolution
	// (0: DefaultConfirmDays, since a resolution must be objectable).
	ConfirmDays int
	// ReminderDays is how long before the deadline the reminder goes
	// (0: no reminder).
	ReminderDays int
	// ReopenDays is how long after closing a customer's reply reopens the
	// ticket; later it opens a new, linked ticket (0: never reopens).
	ReopenDays int
}

// Event kinds of the lifecycle.
const (
	EventStatus   = "status"   // the status changed
	EventNote     = "note"     // an internal note
	EventAssign   = "assign"   // the ticket was assigned
	EventRelayed  = "relayed"  // an agent's reply went to the customer
	EventIgnored  = "ignored"  // commands or mail not acted on, and why
	EventRefused  = "refused"  // an agent's mail was refused; the agent was told
	EventReminder = "reminder" // the reminder was sent or skipped

	EventSLAWarning = "sla-warning" // an SLA clock is at risk or late
)

// ErrRefused is what every RefusedError is (errors.Is): a command cannot
// apply to a ticket as it stands (resolving a closed ticket, reopening an
// open one).
var ErrRefused = errors.New("refused")

// RefusedError is a refusal of an agent's or an administrator's commands,
// with the reason to tell them. Nothing of the commands was applied.
type RefusedError struct {
	Reason string
}

func (e *RefusedError) Error() string { return "refused: " + e.Reason }

// Is makes a RefusedError match ErrRefused.
func (e *RefusedError) Is(target error) bool { return target == ErrRefused }

func refused(format string, a ...any) error {
	return &RefusedError{Reason: fmt.Sprintf(format, a...)}
}

// change is one step of a ticket's lifecycle inside a transaction: the
// state it changes and the mail it decides commit together.
type change struct {
	g      *Gateway
	ctx    context.Context
	tx     Tx
	now    time.Time
	t      *Ticket
	mb     Mailbox
	actor  string // an address, "admin NAME" or "scheduler"
	entry  int64  // the message that caused the change, 0 for none
	mailed *bool  // set when mail is queued: wake the notifier after commit
	saved  bool   // the ticket was written
	via    string // the mailbox the causing mail came through, if not the ticket's
}

func (g *Gateway) change(ctx context.Context, tx Tx, now time.Time, t *Ticket, actor string, mailed *bool) *change {
	return &change{g: g, ctx: ctx, tx: tx, now: now, t: t, mb: g.cfg.Mailboxes[t.Mailbox], actor: actor, mailed: mailed}
}

func (c *change) event(kind, detail string) error {
	return c.tx.AddEvent(c.ctx, &Event{TicketID: c.t.ID, EntryID: c.entry, At: c.now, Kind: kind, Actor: c.actor, Detail: detail})
}

func (c *change) save() error {
	c.t.UpdatedAt = c.now
	c.saved = true
	return c.tx.UpdateTicket(c.ctx, c.t)
}

func (c *change) queue(q queued) error {
	if q.to.Address == "" {
		// A ticket opened from unreadable mail may have no customer.
		return c.event(EventMailWithheld, fmt.Sprintf("no %s mail: no address to send it to", q.kind))
	}
	*c.mailed = true
	if q.ticket == nil {
		q.ticket = c.t
	}
	if q.mailbox.Name == "" {
		q.mailbox = c.mb
	}
	if q.quotes == 0 && q.message != "" {
		q.quotes = c.entry
	}
	if q.ticket == c.t && !toAgents(q.kind) && q.to.Address == c.t.Customer.Address {
		// The customer hears from us: the progress clock starts again.
		c.g.restartProgress(c.t, c.now)
	}
	return c.g.queue(c.ctx, c.tx, c.now, q)
}

func (c *change) setStatus(s Status, why string) error {
	old := c.t.Status
	c.t.Status = s
	return c.event(EventStatus, fmt.Sprintf("%s → %s (%s)", old, s, why))
}

// calendar returns a business calendar by name, else the mailbox's own,
// else a 24/7 one in UTC when no triage policy knows calendars.
func (g *Gateway) calendar(mailbox, name string) BusinessCalendar {
	if g.cfg.Triager != nil {
		if c := g.cfg.Triager.BusinessCalendar(mailbox, name); c != nil {
			return c
		}
	}
	return calendar.AlwaysOpen("always", time.UTC)
}

// pause stops the SLA clocks: the ticket waits on the customer.
func (c *change) pause() {
	if c.t.PausedAt == nil {
		at := c.now
		c.t.PausedAt = &at
	}
}

// resume restarts the SLA clocks and moves the running due times by the
// business time the pause lasted, on each clock's own calendar.
func (c *change) resume() {
	t := c.t
	if t.PausedAt == nil {
		return
	}
	from := *t.PausedAt
	t.PausedAt = nil
	c.g.shiftProgress(t, from, c.now)
	for _, k := range t.slaClocks() {
		if *k.due == nil || k.done != nil {
			continue
		}
		cal := c.g.calendar(t.Mailbox, k.calendar)
		d := cal.Between(from, c.now)
		due := cal.Add(**k.due, d)
		*k.due, *k.paused = &due, *k.paused+d
	}
}

// slaClock is one of a ticket's SLA clocks, as pauses move it.
type slaClock struct {
	due      **time.Time
	calendar string
	paused   *time.Duration
	done     *time.Time // nil while it runs
}

// slaClocks are the response and resolution clocks of t.
func (t *Ticket) slaClocks() [2]slaClock {
	return [2]slaClock{
		{due: &t.ResponseDue, calendar: t.ResponseCalendar, paused: &t.ResponsePaused, done: t.FirstResponseAt},
		{due: &t.ResolutionDue, calendar: t.ResolutionCalendar, paused: &t.ResolutionPaused, done: t.ResolvedAt},
	}
}

// local writes an instant in the mailbox's time zone, for the timeline.
func (c *change) local(at time.Time) string {
	return at.In(c.g.calendar(c.t.Mailbox, "").Location()).Format("2006-01-02 15:04 MST")
}

// responded records the first answer a person sent the customer: it meets
// the response target.
func (c *change) responded() {
	if c.t.FirstResponseAt == nil {
		at := c.now
		c.t.FirstResponseAt = &at
	}
}

// reply is an agent's answer to send the customer.
type reply struct {
	agent       string // the name it is signed with
	text        string
	attachments []OutgoingAttachment
}

func (r reply) empty() bool { return strings.TrimSpace(r.text) == "" && len(r.attachments) == 0 }

// relay sends an agent's reply to the customer from the mailbox's
// address, threaded on the customer's last message.
func (c *change) relay(r reply) error {
	last, err := c.lastFromCustomer()
	if err != nil {
		return err
	}
	q := queued{kind: templates.AgentReply, to: c.t.Customer, lang: c.t.Language, answering: last,
		message: r.text, agent: r.agent, attachments: r.attachments}
	if last != nil {
		q.quote = shortQuote(last)
	}
	if err := c.queue(q); err != nil {
		return err
	}
	c.responded()
	if c.t.Status == StatusNew {
		if err := c.setStatus(StatusOpen, "first answer sent"); err != nil {
			return err
		}
	}
	return c.event(EventRelayed, fmt.Sprintf("reply from %s relayed to %s", c.actor, c.t.Customer.Address))
}

// lastFromCustomer is the newest message of the customer's side, which
// our mail answers; nil when there is none.
func (c *change) lastFromCustomer() (*Entry, error) {
	es, err := c.tx.Entries(c.ctx, c.t.ID)
	if err != nil {
		return nil, err
	}
	for i := len(es) - 1; i >= 0; i-- {
		if es[i].Direction == Inbound && (es[i].AuthorKind == AuthorCustomer || es[i].AuthorKind == AuthorParticipant) {
			return &es[i], nil
		}
	}
	return nil, nil
}

// shortQuote is the start of a message: our own short quote replaces the
// history an agent's mail client appended.
func shortQuote(e *Entry) string {
	text := e.Reply
	if strings.TrimSpace(text) == "" {
		text = e.Text
	}
	var lines []string
	size := 0
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if len(lines) == 4 || size+len(l) > 400 {
			lines = append(lines, "[…]")
			break
		}
		lines = append(lines, l)
		size += len(l)
	}
	return strings.Join(lines, "\n")
}

// The steps below trust allowed to have refused what does not apply.

// resolve starts the confirmation window: the customer gets the resolved
// notice, with the agent's text when there is one, and the deadline.
func (c *change) resolve(r reply) error {
	t := c.t
	pol := c.g.cfg.Resolution
	cal := c.g.calendar(t.Mailbox, "")
	deadline := cal.AddDays(c.now, pol.ConfirmDays)
	t.ConfirmBy, t.RemindAt = &deadline, nil
	if pol.ReminderDays > 0 && pol.ReminderDays < pol.ConfirmDays {
		if at := cal.AddDays(c.now, pol.ConfirmDays-pol.ReminderDays); at.After(c.now) && at.Before(deadline) {
			t.RemindAt = &at
		}
	}
	now := c.now
	t.ResolvedAt = &now
	c.pause()
	last, err := c.lastFromCustomer()
	if err != nil {
		return err
	}
	kind := AutoGenerated
	if !r.empty() {
		c.responded()
		kind = "" // a person wrote it
	}
	if err := c.queue(queued{kind: templates.Resolved, to: t.Customer, lang: t.Language, answering: last,
		autoSubmitted: kind, message: r.text, agent: r.agent, attachments: r.attachments, deadline: &deadline}); err != nil {
		return err
	}
	return c.setStatus(StatusResolved, fmt.Sprintf("resolved by %s; closes without objection on %s", c.actor, c.local(deadline)))
}

// close ends the ticket and tells the customer.
func (c *change) close(reason string) error {
	t := c.t
	now := c.now
	t.ClosedAt, t.CloseReason = &now, reason
	t.ConfirmBy, t.RemindAt = nil, nil
	c.pause()
	// A reply reopens the ticket for a while after closing; the notice
	// says until when, so that it tells the truth about a reply.
	var reopenUntil *time.Time
	if days := c.g.cfg.Resolution.ReopenDays; days > 0 {
		v := c.g.calendar(t.Mailbox, "").AddDays(now, days)
		reopenUntil = &v
	}
	if err := c.queue(queued{kind: templates.Closed, to: t.Customer, lang: t.Language, autoSubmitted: AutoGenerated,
		deadline: reopenUntil}); err != nil {
		return err
	}
	return c.setStatus(StatusClosed, reason)
}

// reopen puts a waiting, resolved or closed ticket back in progress and
// restarts its clocks.
func (c *change) reopen(why string) error {
	t := c.t
	t.ResolvedAt, t.ClosedAt, t.CloseReason = nil, nil, ""
	t.ConfirmBy, t.RemindAt = nil, nil
	c.resume()
	return c.setStatus(StatusOpen, why)
}

// wait marks the ticket as waiting on the customer: its clocks pause.
func (c *change) wait() error {
	if c.t.Status == StatusWaiting {
		return nil
	}
	c.pause()
	return c.setStatus(StatusWaiting, "waiting on the customer, by "+c.actor)
}

// setPriority changes the priority and recomputes the due times.
func (c *change) setPriority(p Priority, why Reason, reason string) error {
	t := c.t
	old, oldReason := t.Priority, t.PriorityReason
	t.Priority, t.PriorityReason, t.PriorityWhy = p, reason, why
	detail := fmt.Sprintf("priority %s → %s (%s)", old, p, reason)
	if p > 1 && t.SLAMailbox != "" {
		// The on-call desk's targets came with the top priority (raise.go,
		// createTicket); below it the ticket's own mailbox's apply again.
		detail += fmt.Sprintf("; targets of mailbox %s again, not %s", t.Mailbox, t.SLAMailbox)
		t.SLAMailbox = ""
	}
	c.g.setDeadlines(t)
	if t.ProgressDue != nil || p != old {
		c.g.restartProgress(t, c.now)
	}
	if p != old && c.via == "" {
		// Beside what triage chose: the disagreement is data. A copy
		// through another mailbox is not a person's judgement.
		if err := c.tx.AddPriorityOverride(c.ctx, &PriorityOverride{TicketID: t.ID, At: c.now, Actor: c.actor,
			From: old, To: p, Triage: old, TriageReason: oldReason}); err != nil {
			return err
		}
	}
	if err := c.event(EventPriority, detail); err != nil {
		return err
	}
	if p == 1 && old > 1 {
		return c.raise(old, c.via)
	}
	return nil
}

// tellAgents sends the mailbox's agents a notice of the given template:
// a new ticket, or the customer's reply, confirmation or reopening.
func (c *change) tellAgents(kind, event, message string) error {
	message = clipQuote(message, maxAgentQuote)
	for _, a := range c.g.agentsOf(c.mb) {
		if kind == templates.AgentNotice {
			if why, err := c.g.noticeLimited(c.ctx, c.tx, c.now, c.t, a); err != nil {
				return err
			} else if why != "" {
				if err := c.event(EventMailWithheld, fmt.Sprintf("no %s mail to %s: %s", kind, a, why)); err != nil {
					return err
				}
				continue
			}
		}
		if err := c.queue(queued{kind: kind, to: Address{Address: a}, lang: c.g.cfg.Mail.AgentLanguage,
			autoSubmitted: AutoGenerated, message: message, event: event}); err != nil {
			return err
		}
	}
	return nil
}

// agentsOf lists who hears of a mailbox's tickets.
func (g *Gateway) agentsOf(mb Mailbox) []string {
	if g.cfg.Mail.Disabled {
		return nil
	}
	if len(mb.Notify) > 0 {
		return mb.Notify
	}
	return g.cfg.Mail.Agents
}

// Act applies one command to a ticket for an administrator, as an agent's
// mail would ('ticketgate tickets resolve|close|reopen|note|wait'): text
// is the note, or the reply sent to the customer with the command, signed
// with the administrator's name.
func (g *Gateway) Act(ctx context.Context, ref, admin string, cmd Command, text string) (*Ticket, error) {
	t, err := g.changeTicket(ctx, g.clock.Now().UTC(), "admin "+admin, byRef(ctx, ref), func(c *change) error {
		if err := c.run([]Command{cmd}, reply{agent: admin, text: text}); err != nil {
			return err
		}
		return c.save()
	})
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", cmd.Verb, ref, err)
	}
	return t, nil
}

// changeTicket runs fn as one change of the ticket load finds, committed
// with the mail it queues; fn saves the ticket when it changed it.
func (g *Gateway) changeTicket(ctx context.Context, now time.Time, actor string, load func(Tx) (*Ticket, error), fn func(*change) error) (*Ticket, error) {
	var (
		t      *Ticket
		mailed bool
	)
	err := g.update(ctx, func(ctx context.Context, tx Tx) error {
		mailed = false // fn may run again: only the last run counts
		var err error
		if t, err = load(tx); err != nil {
			return err
		}
		return fn(g.change(ctx, tx, now, t, actor, &mailed))
	})
	if mailed && err == nil {
		g.mailQueued()
	}
	return t, err
}

func byRef(ctx context.Context, ref string) func(Tx) (*Ticket, error) {
	return func(tx Tx) (*Ticket, error) { return tx.TicketByRef(ctx, ref) }
}

// Close reasons besides "closed by NAME".
const (
	CloseConfirmed = "confirmed by the customer"
	ClosePresumed  = "presumed resolved: no objection before the deadline"
)

// allowed tells whether a command applies to the ticket as it stands, so
// that a mail with several commands changes all or nothing.
func (c *change) allowed(cmd Command, r reply) error {
	t := c.t
	switch cmd.Verb {
	case VerbResolve:
		if t.Status == StatusClosed || t.Status == StatusResolved {
			return refused("%s is %s already; reopen it first", t.Reference, t.Status)
		}
	case VerbClose:
		if t.Status == StatusClosed {
			return refused("%s is closed already", t.Reference)
		}
	case VerbReopen:
		if t.Status == StatusNew || t.Status == StatusOpen {
			return refused("%s is %s, not waiting, resolved or closed", t.Reference, t.Status)
		}
	case VerbWait:
		if t.Status == StatusClosed || t.Status == StatusResolved {
			return refused("%s is %s; reopen it first", t.Reference, t.Status)
		}
	case VerbNote:
		if strings.TrimSpace(cmd.Arg) == "" && strings.TrimSpace(r.text) == "" {
			return refused("#note needs a text")
		}
	case VerbPriority:
		if _, err := ParsePriority(cmd.Arg); err != nil {
			return refused("%v", err)
		}
	case VerbEscalate:
		return c.canEscalate()
	case VerbAssign:
	default:
		return refused("%q is not an agent's command", "#"+string(cmd.Verb))
	}
	return nil
}

// run carries out an agent's (or an administrator's) commands and reply,
// all or nothing: a note keeps the text internal; a status command
// takes the reply with it (a resolution's text goes in the resolved
// notice); without one, the reply is relayed. Every check comes before
// the first change, so that a refusal leaves no trace but its own.
func (c *change) run(cmds []Command, r reply) error {
	var status *Command
	note := false
	for i := range cmds {
		if err := c.allowed(cmds[i], r); err != nil {
			return err
		}
		if statusVerbs[cmds[i].Verb] {
			status = &cmds[i]
		}
		note = note || cmds[i].Verb == VerbNote
	}
	relayed := r
	if note {
		relayed = reply{agent: r.agent} // the text was the note: never relayed
	}
	if !relayed.empty() && c.t.Customer.Address == "" {
		return refused("%s has no customer address to send the reply to", c.t.Reference)
	}
	for _, cmd := range cmds {
		if !statusVerbs[cmd.Verb] {
			if err := c.apply(cmd, r); err != nil {
				return err
			}
		}
	}
	r = relayed
	switch {
	case status == nil:
		if r.empty() {
			if len(cmds) > 0 {
				return nil
			}
			return c.event(EventIgnored, "mail from "+c.actor+" holds nothing to relay")
		}
		return c.relay(r)
	case status.Verb == VerbResolve:
		return c.resolve(r)
	case status.Verb == VerbReopen:
		if err := c.apply(*status, r); err != nil {
			return err
		}
		if !r.empty() {
			return c.relay(r)
		}
		return nil
	default: // close, wait: the reply goes first
		if !r.empty() {
			if err := c.relay(r); err != nil {
				return err
			}
		}
		return c.apply(*status, r)
	}
}

// apply runs one command. A resolution takes the reply with it; the
// others leave it to run.
func (c *change) apply(cmd Command, r reply) error {
	switch cmd.Verb {
	case VerbResolve:
		return c.resolve(r)
	case VerbClose:
		return c.close("closed by " + c.actor)
	case VerbReopen:
		return c.reopen("reopened by " + c.actor)
	case VerbWait:
		return c.wait()
	case VerbNote:
		note := strings.TrimSpace(strings.TrimSpace(cmd.Arg) + "\n" + r.text)
		if note == "" {
			return refused("#note needs a text")
		}
		return c.event(EventNote, note)
	case VerbEscalate:
		return c.escalate(cmd.Arg)
	case VerbAssign:
		old := c.t.Assignee
		c.t.Assignee = cmd.Arg
		return c.event(EventAssign, fmt.Sprintf("assigned to %s (was %q)", cmd.Arg, old))
	case VerbPriority:
		p, err := ParsePriority(cmd.Arg)
		if err != nil {
			return refused("%v", err)
		}
		why, reason := setBy(c.actor)
		return c.setPriority(p, why, reason)
	}
	return refused("%q is not an agent's command", "#"+string(cmd.Verb))
}

// maxAgentQuote bounds the customer's text quoted in a notice to the
// agents: a mail of megabytes (a log pasted, a file sent as text) would
// otherwise make a notice of megabytes to every agent, which their
// servers may refuse. The whole text is on the ticket.
const maxAgentQuote = 64 << 10

// clipQuote cuts text to at most max bytes, at the end of a line when one
// is near, else of a character, and marks the cut.
func clipQuote(text string, max int) string {
	if len(text) <= max {
		return text
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if nl := strings.LastIndexByte(text[:cut], '\n'); nl >= max/2 {
		cut = nl
	}
	return text[:cut] + "\n[…]"
}
