package gateway

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"ticketgate/notifier"
	"ticketgate/parser"
	"ticketgate/templates"
)

// OutboxStatus is where an outgoing mail stands.
type OutboxStatus string

// Outbox statuses.
const (
	OutboxPending OutboxStatus = "pending" // waiting for its next attempt
	OutboxSent    OutboxStatus = "sent"    // accepted by the SMTP server
	OutboxDead    OutboxStatus = "dead"    // refused for good; a person must look
)

// OutboxMail is one row of the outbox: a mail decided in the transaction
// of the change that caused it (DESIGN.md invariant 3), with its content
// and Message-ID fixed then.
type OutboxMail struct {
	ID       int64
	TicketID int64 // 0 for mail about no ticket (an unregistered sender)
	Ticket   string
	Mailbox  string
	Kind     string // the template name
	// Automatic mail counts against the recipient's rate limit.
	Automatic bool
	// Quotes is the message whose text the mail repeats (an agents'
	// notice quotes the customer): the store need not keep it twice.
	Quotes        int64
	Mail          notifier.Mail
	Status        OutboxStatus
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	CreatedAt     time.Time
	SentAt        *time.Time
}

// OutboxFilter selects outbox rows for listing, newest first.
type OutboxFilter struct {
	Status   OutboxStatus
	TicketID int64
	// Before pages: only rows older than the one with this ID; 0 starts
	// at the newest.
	Before int64
	Limit  int // 0: all
}

// Template is an administrator's version of a template in one language.
// Version 0 is the embedded default, never stored.
type Template struct {
	Name, Lang string
	Version    int
	Doc        templates.Doc
	UpdatedBy  string
	UpdatedAt  time.Time
}

// MailPolicy settles what ticketgate sends on its own.
type MailPolicy struct {
	// Disabled stops all automatic mail (tickets are still created).
	Disabled bool
	// RateLimit is the most automatic mails one address gets per
	// RateWindow (0: DefaultRateLimit per DefaultRateWindow); the tickets
	// are still created.
	RateLimit  int
	RateWindow time.Duration
	// Agents get the "agent-new-ticket" notice of every new ticket and the
	// "agent-notice" of customers' replies, unless the mailbox names its
	// own (Mailbox.Notify).
	Agents []string
	// AgentLanguage is the language of notices to agents (empty:
	// DefaultAgentLanguage).
	AgentLanguage string
	// GlobalRateLimit is the most automatic mails per hour to all
	// addresses together (0: DefaultGlobalRateLimit): forged senders by
	// the thousand must not turn us into a mail cannon.
	GlobalRateLimit int
	// AgentNoticeLimit is the most agent-notice mails about one ticket
	// an agent gets per hour (0: DefaultAgentNoticeLimit).
	AgentNoticeLimit int
	// MaxQuotedSubject is how many characters of a sender's subject mail
	// to a customer quotes (0: DefaultMaxQuotedSubject).
	MaxQuotedSubject int
}

// Event kinds about outgoing mail.
const (
	EventMailQueued   = "mail-queued"
	EventMailWithheld = "mail-withheld"
	EventMailSent     = "mail-sent"
	EventMailFailed   = "mail-failed"
)

// automaticSender tells why an address must never get an automatic
// answer, or "" when it may.
func (g *Gateway) automaticSender(addr string) string {
	addr = strings.ToLower(addr)
	local, _, _ := strings.Cut(addr, "@")
	switch {
	case addr == "":
		return "no sender address"
	case g.isOurs(addr):
		// Our own mail coming back: answering would start a loop.
		return "the sender is one of our mailboxes"
	case local == "mailer-daemon" || local == "postmaster":
		return "the sender is a mail system"
	}
	for _, p := range []string{"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "bounce"} {
		if strings.HasPrefix(local, p) {
			return "the sender does not take replies (" + local + ")"
		}
	}
	return ""
}

// mayAnswer applies DESIGN.md invariant 4 to the message being ingested:
// it returns why no automatic answer may go to its sender, or "".
func (in *ingest) mayAnswer() (string, error) {
	m := in.msg
	if in.g.cfg.Mail.Disabled {
		return "automatic mail is disabled", nil
	}
	if m == nil || m.From == nil {
		return "no readable sender", nil
	}
	// RFC 3834 §2: never answer automatic mail; the parser read
	// Auto-Submitted, Precedence, List-Id and the other signs.
	if m.Kind != parser.KindHuman {
		return fmt.Sprintf("%s (%s)", m.Kind, m.KindReason), nil
	}
	// RFC 3834 §2: the null return path marks mail that must not be
	// answered, bounces above all.
	if rp := strings.TrimSpace(m.Header.Get("Return-Path")); rp == "<>" {
		return "empty Return-Path", nil
	}
	if why := in.g.automaticSender(m.From.Address); why != "" {
		return why, nil
	}
	return in.rateLimited(m.From.Address)
}

func (in *ingest) rateLimited(addr string) (string, error) {
	limit, window := in.g.cfg.Mail.RateLimit, in.g.cfg.Mail.RateWindow
	n, err := in.tx.AutomaticMailsSince(in.ctx, addr, in.now.Add(-window))
	if err != nil {
		return "", err
	}
	if n >= limit {
		return fmt.Sprintf("rate limit: %d automatic mails to %s in the last %s", n, addr, window), nil
	}
	return in.g.globalRateLimited(in.ctx, in.tx, in.now)
}

// outbound decides the mail a committed ingest sends: the acknowledgement
// of a new ticket (or the request for missing details), the notice to the
// agents, the polite refusal to an unregistered sender.
func (in *ingest) outbound(res Result, e *Entry) error {
	switch {
	case res.Action == ActionCreated && !res.NeedsHuman && e.AuthorKind == AuthorCustomer:
		t, err := in.tx.TicketByRef(in.ctx, res.Ticket)
		if err != nil {
			return err
		}
		if err := in.acknowledge(t, e); err != nil {
			return err
		}
		return in.notifyAgents(t, e)
	case res.Action == ActionCreated:
		t, err := in.tx.TicketByRef(in.ctx, res.Ticket)
		if err != nil {
			return err
		}
		return in.notifyAgents(t, e)
	case res.Action == ActionRecorded && e.AuthorKind == AuthorStranger && in.dec != nil && in.dec.Unregistered:
		return in.refuseUnregistered(e)
	}
	return nil
}

// acknowledge queues the customer's acknowledgement, once per ticket.
func (in *ingest) acknowledge(t *Ticket, e *Entry) error {
	why, err := in.mayAnswer()
	if err != nil {
		return err
	}
	if why == "" {
		sent, err := in.tx.TicketMailCount(in.ctx, t.ID, templates.Ack, templates.AckOncall, templates.MissingInfo)
		if err != nil {
			return err
		}
		if sent > 0 {
			why = "the ticket was acknowledged already"
		}
	}
	if why != "" {
		in.g.log.Info("no acknowledgement", "ticket", t.Reference, "reason", why)
		return in.tx.AddEvent(in.ctx, &Event{TicketID: t.ID, EntryID: e.ID, At: in.now, Kind: EventMailWithheld,
			Detail: "no acknowledgement: " + why})
	}
	kind := templates.Ack
	switch {
	case len(t.Missing) > 0:
		kind = templates.MissingInfo
	case in.mb.OnCall:
		kind = templates.AckOncall
	}
	return in.queue(queued{kind: kind, ticket: t, mailbox: in.mb, to: e.From,
		lang: t.Language, automatic: true, autoSubmitted: notifier.AutoReplied, answering: e})
}

// notifyAgents tells the agents of a new ticket.
func (in *ingest) notifyAgents(t *Ticket, e *Entry) error {
	c := in.g.change(in.ctx, in.tx, in.now, t, e.From.Address, &in.mailed)
	c.entry = e.ID
	return c.tellAgents(templates.AgentNewTicket, "", e.Text)
}

// refuseUnregistered answers a sender the mailbox does not take requests
// from, within the same loop protection as acknowledgements.
func (in *ingest) refuseUnregistered(e *Entry) error {
	why, err := in.mayAnswer()
	if err != nil || why != "" {
		if why != "" {
			in.g.log.Info("no answer to an unregistered sender", "mailbox", in.mb.Name, "reason", why)
		}
		return err
	}
	return in.queue(queued{kind: templates.Unregistered, mailbox: in.mb, to: e.From,
		lang: in.language(), automatic: true, autoSubmitted: notifier.AutoReplied, answering: e})
}

// queue renders and enqueues a mail in the ingest transaction, and
// remembers to wake the notifier once it commits.
func (in *ingest) queue(q queued) error {
	in.mailed = true
	return in.g.queue(in.ctx, in.tx, in.now, q)
}

// queued is a mail to render and enqueue.
type queued struct {
	kind          string
	ticket        *Ticket // nil for mail about no ticket
	mailbox       Mailbox
	to            Address
	lang          string
	automatic     bool
	autoSubmitted string
	answering     *Entry // the message this mail answers, for threading
	message       string // Data.Message
	quotes        int64  // the entry whose text message is, if any
	agent         string // Data.AgentName
	deadline      *time.Time
	clock, state  string
	due           *time.Time
	quote         string // Data.Quote
	event         string // Data.Event
	attachments   []notifier.Attachment
}

// queue renders a template and adds the mail to the outbox in tx. A
// template that fails to render is recorded on the ticket and sends
// nothing: the change that caused the mail still commits.
func (g *Gateway) queue(ctx context.Context, tx Tx, now time.Time, q queued) error {
	lang := q.lang
	if !templates.KnownLanguage(lang) {
		lang = "en"
	}
	doc, rerr, err := g.template(ctx, tx, q.kind, lang)
	if err != nil {
		return err
	}
	var r templates.Rendered
	if rerr == nil {
		var c *templates.Compiled
		if c, rerr = g.tpls.compile(doc); rerr == nil {
			r, rerr = c.Render(g.templateData(q, lang))
		}
	}
	ref, ticketID := "", int64(0)
	if q.ticket != nil {
		ref, ticketID = q.ticket.Reference, q.ticket.ID
	}
	if rerr != nil {
		g.log.Error("template failed; mail not sent", "template", q.kind, "lang", lang, "ticket", ref, "err", rerr)
		if ticketID == 0 {
			return nil
		}
		return tx.AddEvent(ctx, &Event{TicketID: ticketID, At: now, Kind: EventMailFailed,
			Detail: fmt.Sprintf("%s mail to %s not sent: %v", q.kind, q.to.Address, rerr)})
	}
	idRef := ref
	if idRef == "" {
		idRef = "none"
	}
	m := notifier.Mail{
		MessageID:     NewMessageID(g.cfg.Secret, idRef, g.cfg.Hostname),
		Date:          now,
		From:          notifier.Address{Name: q.mailbox.DisplayName, Address: q.mailbox.Address},
		EnvelopeFrom:  q.mailbox.Address,
		To:            []notifier.Address{{Name: g.recipientName(q), Address: q.to.Address}},
		ReplyTo:       q.mailbox.Address,
		Subject:       r.Subject,
		AutoSubmitted: q.autoSubmitted,
		Text:          r.Text,
		HTML:          r.HTML,
		Attachments:   q.attachments,
	}
	if a := q.answering; a != nil && a.MessageID != "" {
		m.InReplyTo = a.MessageID
		m.References = append(append([]string(nil), a.References...), a.MessageID)
	}
	row := &OutboxMail{TicketID: ticketID, Ticket: ref, Mailbox: q.mailbox.Name, Kind: q.kind, Automatic: q.automatic,
		Quotes: q.quotes, Mail: m, Status: OutboxPending, NextAttemptAt: now, CreatedAt: now}
	if err := tx.EnqueueMail(ctx, row); err != nil {
		return err
	}
	if ticketID == 0 {
		return nil
	}
	return tx.AddEvent(ctx, &Event{TicketID: ticketID, At: now, Kind: EventMailQueued,
		Detail: fmt.Sprintf("%s mail to %s queued (%s)", q.kind, q.to.Address, m.MessageID)})
}

// template returns the current version of a template: the administrator's
// last edit, else the default. A template that cannot be had (tplErr)
// costs the mail only; a store failure (err) fails the transaction.
func (g *Gateway) template(ctx context.Context, tx ReadTx, name, lang string) (d templates.Doc, tplErr, err error) {
	t, err := tx.Template(ctx, name, lang)
	if err == nil {
		return t.Doc, nil, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return d, nil, err
	}
	d, tplErr = g.tpls.defaultDoc(name, lang)
	return d, tplErr, nil
}

// templateData fills the template variables for q.
func (g *Gateway) templateData(q queued, lang string) templates.Data {
	loc := q.mailbox.Location
	if loc == nil {
		loc = time.UTC
	}
	at := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return templates.FormatTime(t.In(loc), lang)
	}
	d := templates.Data{Mailbox: q.mailbox.Address, CustomerName: q.to.Name, CustomerAddress: q.to.Address,
		AgentName: q.agent, Message: q.message, Clock: q.clock, State: q.state, Due: at(q.due), Quote: q.quote, Event: q.event}
	if q.deadline != nil {
		d.Deadline = templates.FormatDate(q.deadline.In(loc), lang)
	}
	if t := q.ticket; t != nil {
		d.Reference, d.Subject, d.Status = t.Reference, t.Subject, string(t.Status)
		if !toAgents(q.kind) {
			d.Subject = quotedSubject(d.Subject, g.cfg.Mail.MaxQuotedSubject)
		} else {
			// RFC 5322 §2.1.1: a line is at most 998 characters.
			d.Subject = quotedSubject(d.Subject, 998-80)
		}
		d.Priority, d.PriorityLabel, d.PriorityReason = t.Priority.String(), t.Priority.String(), t.PriorityReason
		if g.cfg.Triager != nil {
			d.PriorityLabel = g.cfg.Triager.Label(t.Priority)
		}
		d.ResponseDue, d.ResolutionDue = at(t.ResponseDue), at(t.ResolutionDue)
		d.ResponseTarget, d.ResolutionTarget = t.ResponseTarget, t.ResolutionTarget
		d.Missing = t.Missing
		if q.to.Address != t.Customer.Address {
			// Mail to an agent still names the customer.
			d.CustomerName, d.CustomerAddress = t.Customer.Name, t.Customer.Address
		}
	}
	if !toAgents(q.kind) {
		d.CustomerName = greetingName(d.CustomerName)
	}
	if d.CustomerName == "" {
		d.CustomerName = d.CustomerAddress
	}
	return d
}

// mailQueued wakes the notifier after a commit that queued mail, rather
// than leave the mail to its next poll.
func (g *Gateway) mailQueued() {
	if g.cfg.OnQueued != nil {
		g.cfg.OnQueued()
	}
}
