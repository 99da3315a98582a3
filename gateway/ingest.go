package gateway

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"ticketgate/parser"
)

// Action is what Ingest did with a message.
type Action string

// Ingest actions.
const (
	ActionCreated   Action = "created"   // opened a new ticket
	ActionAppended  Action = "appended"  // added to an existing ticket
	ActionDuplicate Action = "duplicate" // already recorded; nothing changed
	ActionRecorded  Action = "recorded"  // stored without a ticket (automatic mail)
)

// Result tells the caller what became of a message.
type Result struct {
	Action     Action
	Ticket     string // reference, empty when recorded without a ticket
	EntryID    int64
	NeedsHuman bool
	// How explains the threading decision ("signed Message-ID", "[REF] from
	// a participant", ...).
	How string
}

// ErrUnknownMailbox is returned for a source naming no configured mailbox.
var ErrUnknownMailbox = errors.New("unknown mailbox")

// Ingest records one inbound message in one transaction: dedupe, store the
// raw bytes, thread or open a ticket, record the message and the timeline.
// Whatever the message holds, it is stored; an error means nothing was
// committed and the caller must keep the message to retry (the IMAP
// post-action must not run, the MTA must get a temporary failure).
//
// A Source without a mailbox name (mail piped in by an MTA) goes to the
// mailbox the message is addressed to.
func (g *Gateway) Ingest(ctx context.Context, src Source, raw []byte) (Result, error) {
	return g.IngestMessage(ctx, src, bytes.NewReader(raw))
}

// IngestMessage is Ingest for a message that may be too large to hold in
// memory: it is read from raw a piece at a time.
func (g *Gateway) IngestMessage(ctx context.Context, src Source, raw RawMessage) (Result, error) {
	out, err := g.IngestBatch(ctx, []Incoming{{Source: src, Raw: raw}})
	if err != nil {
		return Result{}, err
	}
	return out[0].Result, out[0].Err
}

// Incoming is one message handed to IngestBatch.
type Incoming struct {
	Source Source
	Raw    RawMessage
}

// RawMessage is a message's bytes as received: in memory (a
// *bytes.Reader) or spooled to a file (an *io.SectionReader), so that a
// large message is parsed and stored without ever being held whole.
type RawMessage interface {
	io.ReaderAt
	Size() int64
}

// Outcome is what became of one message of a batch: its Result once
// committed, or the error that kept it out of the commit.
type Outcome struct {
	Result
	Err error
}

// IngestBatch records messages fetched together in one transaction, each
// in a savepoint of its own: one durable commit for the batch (group
// commit), while a message that fails is rolled back alone and reported
// in its Outcome. Only an Outcome without Err is committed; an error
// means nothing was. Messages are parsed in parallel before the
// transaction, since parsing needs no database.
func (g *Gateway) IngestBatch(ctx context.Context, msgs []Incoming) ([]Outcome, error) {
	now := g.clock.Now().UTC()
	began := time.Now()
	ps := g.prepareAll(msgs, now)
	out := make([]Outcome, len(msgs))
	defer func() { g.observeBatch(ps, out, time.Since(began)) }()
	mailed := make([]bool, len(msgs))
	err := g.update(ctx, func(ctx context.Context, tx Tx) error {
		clear(mailed) // fn may run again: only the last run counts
		held := heldLog(ctx)
		for i, p := range ps {
			if p.err != nil {
				out[i] = Outcome{Err: p.err}
				continue
			}
			in := &ingest{g: g, tx: tx, ctx: ctx, mb: p.mb, src: p.src, msg: p.msg, parseErr: p.parseErr, now: now}
			var res Result
			mark := held.mark()
			err := tx.Savepoint(ctx, func() error {
				var err error
				res, err = in.run(p.sha, p.raw)
				return err
			})
			if errors.Is(err, ErrTxBroken) {
				return err
			}
			if err != nil {
				held.truncate(mark)
				out[i] = Outcome{Err: fmt.Errorf("ingest %s message %s: %w", p.src.Mailbox, describeSource(p.src, p.msg), err)}
				continue
			}
			out[i], mailed[i] = Outcome{Result: res}, in.mailed
		}
		return nil
	})
	if err != nil {
		err = fmt.Errorf("ingest %d messages: %w", len(msgs), err)
		for i := range out {
			out[i] = Outcome{Err: err}
		}
		return out, err
	}
	if slices.Contains(mailed, true) {
		g.mailQueued()
	}
	for i, o := range out {
		if o.Err != nil {
			continue
		}
		p := ps[i]
		g.log.Info("message ingested", "mailbox", p.src.Mailbox, "uid", p.src.UID, "message_id", messageID(p.msg),
			"ticket", o.Ticket, "action", string(o.Action), "how", o.How, "needs_human", o.NeedsHuman)
	}
	return out, nil
}

// prepared is a message parsed and routed, ready for its transaction.
type prepared struct {
	src      Source
	mb       Mailbox
	raw      RawMessage
	sha      string
	msg      *parser.Message
	parseErr error
	err      error // the message cannot be taken in at all
}

// prepareAll parses msgs, on every core when there are several.
func (g *Gateway) prepareAll(msgs []Incoming, now time.Time) []prepared {
	ps := make([]prepared, len(msgs))
	workers := min(len(msgs), runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i, m := range msgs {
			ps[i] = g.prepare(m, now)
		}
		return ps
	}
	var (
		wg   sync.WaitGroup
		next atomic.Int64
	)
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(msgs); i = int(next.Add(1) - 1) {
				ps[i] = g.prepare(msgs[i], now)
			}
		})
	}
	wg.Wait()
	return ps
}

func (g *Gateway) prepare(m Incoming, now time.Time) prepared {
	p := prepared{src: m.Source, raw: m.Raw}
	sha, err := hashRaw(m.Raw)
	if err != nil {
		p.err = fmt.Errorf("read message: %w", err)
		return p
	}
	p.sha = sha
	p.msg, p.parseErr = g.parse(m.Raw)
	if errors.Is(p.parseErr, parser.ErrRead) {
		// Our own spool or pipe failed, not the message: retry it later.
		p.err = p.parseErr
		return p
	}
	if p.msg != nil && p.msg.DateSource == "none" {
		p.msg.Date, p.msg.DateSource = now, "fallback"
	}
	if p.src.Mailbox == "" {
		p.src.Mailbox = g.routeMail(p.src, p.msg)
	}
	mb, ok := g.cfg.Mailboxes[p.src.Mailbox]
	if !ok {
		p.err = fmt.Errorf("ingest into %q: %w", p.src.Mailbox, ErrUnknownMailbox)
		return p
	}
	p.mb = mb
	return p
}

func describeSource(src Source, m *parser.Message) string {
	if src.hasPosition() {
		return fmt.Sprintf("uid %d", src.UID)
	}
	return fmt.Sprintf("<%s>", messageID(m))
}

func messageID(m *parser.Message) string {
	if m == nil {
		return ""
	}
	return m.MessageID
}

// ingest is the state of one Ingest transaction.
type ingest struct {
	g        *Gateway
	tx       Tx
	ctx      context.Context
	mb       Mailbox
	src      Source
	msg      *parser.Message // nil when the input held no message
	parseErr error
	now      time.Time
	dec      *Decision
	mailed   bool // mail was queued: wake the notifier after the commit
	// opened is the ticket this ingest created, which has no mail yet.
	opened int64
	// sameID holds the entries that had the message's Message-ID before
	// it was recorded, when sameIDRead: linkSameMessageID needs them again.
	sameID     []Entry
	sameIDRead bool
}

func (in *ingest) run(sha string, raw RawMessage) (Result, error) {
	ctx, tx := in.ctx, in.tx
	if in.src.hasPosition() {
		if id, ok, err := tx.SeenAt(ctx, in.src); err != nil || ok {
			return Result{Action: ActionDuplicate, EntryID: id, How: "same mailbox position"}, err
		}
	}
	if e, err := tx.EntryByRawSHA(ctx, sha); err == nil {
		return in.duplicate(e, "same bytes")
	} else if !errors.Is(err, ErrNotFound) {
		return Result{}, err
	}
	if e, err := in.sameMailAgain(); err != nil || e != nil {
		if err != nil {
			return Result{}, err
		}
		return in.duplicate(e, "same Message-ID, sender, date and subject")
	}

	rawID, err := tx.PutRaw(ctx, sha, raw, raw.Size(), in.now)
	if err != nil {
		return Result{}, err
	}
	entry := in.entry(rawID)

	var res Result
	switch m := in.msg; {
	case m == nil || m.From == nil || m.HasProblem(parser.ProblemNothingDecodable) || m.HasProblem(parser.ProblemInternal):
		res, err = in.needsHuman(entry)
	case m.Kind == parser.KindBounce:
		res, err = in.bounce(entry)
	case m.Kind == parser.KindAutoReply || m.Kind == parser.KindList:
		res, err = in.automatic(entry)
	default:
		res, err = in.human(entry)
	}
	if err == nil {
		err = in.linkSameMessageID(res)
	}
	if err == nil && in.src.hasPosition() {
		err = tx.MarkSeen(ctx, in.src, res.EntryID)
	}
	return res, err
}

// sameMailAgain finds the same mail already received, through another
// mailbox or this one: a repeated Message-ID counts only with the same
// sender, date, subject and content, since senders do reuse Message-IDs.
func (in *ingest) sameMailAgain() (*Entry, error) {
	m := in.msg
	if m == nil || m.MessageID == "" || m.From == nil {
		return nil, nil
	}
	es, err := in.tx.EntriesByMessageID(in.ctx, m.MessageID)
	if err != nil {
		return nil, err
	}
	in.sameID, in.sameIDRead = es, true
	for i := range es {
		e := &es[i]
		if e.Direction == Inbound && e.From.Address == m.From.Address && e.SentAt.Equal(m.Date) && e.Subject == m.Subject {
			if same, err := in.sameMail(e); err != nil || same {
				return e, err
			}
		}
	}
	return nil, nil
}

// duplicate records that the source position holds a message already
// stored, and raises the ticket's priority when the copy came through a
// mailbox that starts tickets higher (support and on-call both written to).
func (in *ingest) duplicate(e *Entry, why string) (Result, error) {
	ctx, tx := in.ctx, in.tx
	res := Result{Action: ActionDuplicate, EntryID: e.ID, How: why}
	if in.src.hasPosition() {
		if err := tx.MarkSeen(ctx, in.src, e.ID); err != nil {
			return res, err
		}
	}
	if e.TicketID == 0 {
		return res, nil
	}
	t, err := tx.TicketByID(ctx, e.TicketID)
	if err != nil {
		return res, err
	}
	res.Ticket = t.Reference
	if e.Mailbox == in.mb.Name {
		return res, nil
	}
	detail := fmt.Sprintf("the same message also arrived at mailbox %s", in.mb.Name)
	if err := tx.AddEvent(ctx, &Event{TicketID: t.ID, EntryID: e.ID, At: in.now, Kind: EventDuplicate, Actor: in.mb.Name, Detail: detail}); err != nil {
		return res, err
	}
	if d := in.decision(); d.Priority < t.Priority {
		c := in.g.change(ctx, tx, in.now, t, in.mb.Name, &in.mailed)
		c.entry, c.via = e.ID, in.mb.Name
		if err := c.setPriority(d.Priority, d.Why, d.Reason); err != nil {
			return res, err
		}
		return res, c.save()
	}
	return res, nil
}

// entry builds the record of the message; TicketID and AuthorKind are set
// by the caller.
func (in *ingest) entry(rawID int64) *Entry {
	e := &Entry{RawID: rawID, Mailbox: in.mb.Name, Direction: Inbound, CreatedAt: in.now, Kind: parser.KindHuman}
	m := in.msg
	if m == nil {
		e.Problems = []string{fmt.Sprintf("no message: %v", in.parseErr)}
		return e
	}
	e.Kind, e.KindReason = m.Kind, m.KindReason
	e.MessageID, e.InReplyTo, e.References = m.MessageID, m.InReplyTo, m.References
	if m.From != nil {
		e.From = *m.From
	}
	e.To, e.Cc, e.Subject, e.SentAt = m.To, m.Cc, m.Subject, m.Date
	e.Text, e.Reply, e.HTML = m.Text, m.Reply, m.HTML
	for _, p := range m.Problems {
		e.Problems = append(e.Problems, p.String())
	}
	for _, a := range m.Attachments {
		e.Attachments = append(e.Attachments, Attachment{Filename: a.Filename, ContentType: a.ContentType,
			Disposition: a.Disposition, ContentID: a.ContentID, Size: a.Size, SHA256: a.SHA256})
	}
	return e
}

// thread finds the ticket a message belongs to, in layers: our signed
// Message-IDs, any stored Message-ID, then [REF] in the subject from a
// participant. It never threads on subject text alone. mentioned is a
// ticket whose [REF] the message quoted without being allowed to join it.
func (in *ingest) thread(ids []string, byRef bool) (t *Ticket, how string, mentioned *Ticket, err error) {
	ctx, tx := in.ctx, in.tx
	for _, id := range ids {
		if ref, ok := VerifyMessageID(in.g.cfg.Secret, id); ok {
			if t, err := tx.TicketByRef(ctx, ref); err == nil {
				return t, "reply to our signed Message-ID", nil, nil
			} else if !errors.Is(err, ErrNotFound) {
				return nil, "", nil, err
			}
		}
	}
	for _, id := range ids {
		es, err := tx.EntriesByMessageID(ctx, id)
		if err != nil {
			return nil, "", nil, err
		}
		for _, e := range es {
			if e.TicketID != 0 {
				t, err := tx.TicketByID(ctx, e.TicketID)
				return t, "reply to a recorded Message-ID", nil, err
			}
		}
		if r, err := tx.OutboxRef(ctx, id); err == nil && r.TicketID != 0 {
			t, err := tx.TicketByID(ctx, r.TicketID)
			return t, "reply to a mail we sent", nil, err
		} else if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, "", nil, err
		}
	}
	if !byRef || in.msg == nil || in.msg.From == nil {
		return nil, "", nil, nil
	}
	for _, ref := range in.msg.TicketRefs {
		t, err := tx.TicketByRef(ctx, ref)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, "", nil, err
		}
		ok, err := in.participant(t, in.msg.From.Address)
		if err != nil {
			return nil, "", nil, err
		}
		if ok {
			return t, "[" + ref + "] in the subject, from a participant", nil, nil
		}
		// An agent our own receiving server authenticated may act on any
		// ticket it names; the address alone proves nothing.
		if in.g.isAgent(in.msg.From.Address) && authenticated(in.msg, in.g.cfg.Agents.TrustedServers) != "" {
			return t, "[" + ref + "] in the subject, from an authenticated agent", nil, nil
		}
		// DESIGN.md invariant 5: a reference is not a key.
		if mentioned == nil {
			mentioned = t
		}
	}
	return nil, "", mentioned, nil
}

func (in *ingest) participant(t *Ticket, addr string) (bool, error) {
	ok, err := in.tx.IsParticipant(in.ctx, t.ID, addr)
	if err != nil || ok {
		return ok, err
	}
	if in.g.cfg.SameDomainParticipants {
		return sameDomain(t.Customer.Address, addr), nil
	}
	return false, nil
}

func sameDomain(a, b string) bool {
	_, da, ok1 := strings.Cut(a, "@")
	_, db, ok2 := strings.Cut(b, "@")
	return ok1 && ok2 && da != "" && strings.EqualFold(da, db)
}

// threadIDs lists the IDs a message answers: In-Reply-To first (the most
// direct parent), then References from newest to oldest.
func threadIDs(m *parser.Message) []string {
	if m == nil {
		return nil
	}
	ids := append([]string(nil), m.InReplyTo...)
	for i := len(m.References) - 1; i >= 0; i-- {
		ids = append(ids, m.References[i])
	}
	return ids
}

func (in *ingest) human(e *Entry) (Result, error) {
	t, how, mentioned, err := in.thread(threadIDs(in.msg), true)
	if err != nil {
		return Result{}, err
	}
	if t == nil && mentioned != nil && in.g.isAgent(e.From.Address) {
		// An agent's address naming a ticket without proof: kept on that
		// ticket and ignored, as its reply would be, not a new ticket whose
		// customer is the agent.
		return in.unprovenAgent(mentioned, e, "["+mentioned.Reference+"] in the subject, from an agent's address")
	}
	if t == nil {
		if d := in.decision(); d.Unregistered {
			e.AuthorKind = AuthorStranger
			res, err := in.record(e, "sender is not registered for mailbox "+in.mb.Name)
			if err != nil {
				return res, err
			}
			return res, in.refuseUnregistered(e)
		}
		res, nt, err := in.newTicket(e, mentioned, "")
		if err != nil {
			return res, err
		}
		return res, in.welcome(nt, e)
	}
	if in.g.isAgent(e.From.Address) {
		proof, err := in.agentProof(t)
		if err != nil {
			return Result{}, err
		}
		if proof == "" {
			return in.unprovenAgent(t, e, how)
		}
		return in.agentMail(t, e, how, proof)
	}
	// After the reopen window a new problem is a new ticket; a thank-you
	// stays on the old one and changes nothing.
	if t.Status == StatusClosed && !in.reopenable(t) && readReply(replyText(e)) == replyReopens {
		if ok, err := in.participant(t, e.From.Address); err != nil {
			return Result{}, err
		} else if ok {
			res, nt, err := in.newTicket(e, t, fmt.Sprintf("a reply to %s, closed on %s", t.Reference, t.ClosedAt.Format("2006-01-02")))
			if err != nil {
				return res, err
			}
			return res, in.welcome(nt, e)
		}
	}
	res, err := in.appendTo(t, e, how)
	if err != nil {
		return res, err
	}
	switch e.AuthorKind {
	case AuthorCustomer, AuthorParticipant:
		err = in.customerReply(t, e)
	default:
		err = in.commandsIgnored(t, e)
	}
	return res, err
}

// appendTo adds a customer-side message to an existing ticket.
func (in *ingest) appendTo(t *Ticket, e *Entry, how string) (Result, error) {
	ctx, tx := in.ctx, in.tx
	e.TicketID = t.ID
	e.AuthorKind = AuthorParticipant
	if strings.EqualFold(e.From.Address, t.Customer.Address) {
		e.AuthorKind = AuthorCustomer
	} else if ok, err := in.participant(t, e.From.Address); err != nil {
		return Result{}, err
	} else if !ok {
		// Threaded by Message-ID without being part of the ticket: the
		// message is kept, marked for what it is.
		e.AuthorKind = AuthorStranger
	}
	if err := tx.AddEntry(ctx, e); err != nil {
		return Result{}, err
	}
	if err := in.addParticipants(t.ID, e); err != nil {
		return Result{}, err
	}
	t.UpdatedAt = in.now
	if err := tx.UpdateTicket(ctx, t); err != nil {
		return Result{}, err
	}
	err := tx.AddEvent(ctx, &Event{TicketID: t.ID, EntryID: e.ID, At: in.now, Kind: EventMessage,
		Actor: e.From.Address, Detail: fmt.Sprintf("message from %s (%s; %s)", e.From.Address, e.AuthorKind, how)})
	return Result{Action: ActionAppended, Ticket: t.Reference, EntryID: e.ID, How: how}, err
}

// addParticipants makes the writer and the people they copied participants
// of the ticket, except a stranger and our own addresses.
func (in *ingest) addParticipants(ticketID int64, e *Entry) error {
	if e.AuthorKind == AuthorStranger || e.AuthorKind == AuthorUnknown {
		return nil
	}
	role := "cc"
	if e.AuthorKind == AuthorCustomer {
		role = "customer"
	}
	if err := in.tx.AddParticipant(in.ctx, ticketID, e.From.Address, role); err != nil {
		return err
	}
	for _, a := range append(append([]Address(nil), e.To...), e.Cc...) {
		if in.g.isOurs(a.Address) {
			continue
		}
		if err := in.tx.AddParticipant(in.ctx, ticketID, a.Address, "cc"); err != nil {
			return err
		}
	}
	return nil
}

// newTicket opens a ticket for e, linked to a ticket it mentioned: a
// reference quoted by a non-participant, or (follows set) a ticket closed
// too long ago to reopen.
func (in *ingest) newTicket(e *Entry, mentioned *Ticket, follows string) (Result, *Ticket, error) {
	ctx, tx := in.ctx, in.tx
	t, err := in.createTicket(e)
	if err != nil {
		return Result{}, nil, err
	}
	e.TicketID = t.ID
	if e.AuthorKind == "" {
		e.AuthorKind = AuthorCustomer
	}
	if err := tx.AddEntry(ctx, e); err != nil {
		return Result{}, nil, err
	}
	if err := in.addParticipants(t.ID, e); err != nil {
		return Result{}, nil, err
	}
	if err := tx.AddEvent(ctx, &Event{TicketID: t.ID, EntryID: e.ID, At: in.now, Kind: EventCreated,
		Actor: e.From.Address, Detail: fmt.Sprintf("opened from mailbox %s; priority %s (%s)", in.mb.Name, t.Priority, t.PriorityReason)}); err != nil {
		return Result{}, nil, err
	}
	how := "new ticket"
	if mentioned != nil {
		how = "new ticket: [" + mentioned.Reference + "] quoted by a non-participant"
		detail := fmt.Sprintf("%s, who is not a participant, quoted this reference; new ticket %s opened", e.From.Address, t.Reference)
		if follows != "" {
			how = "new ticket: " + follows
			detail = fmt.Sprintf("%s wrote after the reopening period; new ticket %s opened", e.From.Address, t.Reference)
		}
		t.LinkedTicketID = mentioned.ID
		if err := tx.UpdateTicket(ctx, t); err != nil {
			return Result{}, nil, err
		}
		if err := tx.AddEvent(ctx, &Event{TicketID: mentioned.ID, At: in.now, Kind: EventLinked, Actor: e.From.Address,
			Detail: detail}); err != nil {
			return Result{}, nil, err
		}
		if err := tx.AddEvent(ctx, &Event{TicketID: t.ID, At: in.now, Kind: EventLinked,
			Detail: fmt.Sprintf("mentions %s", mentioned.Reference)}); err != nil {
			return Result{}, nil, err
		}
	}
	res := Result{Action: ActionCreated, Ticket: t.Reference, EntryID: e.ID, How: how, NeedsHuman: t.HasFlag(FlagNeedsHuman)}
	return res, t, nil
}

// createTicket allocates a reference and stores a new ticket for e.
func (in *ingest) createTicket(e *Entry) (*Ticket, error) {
	year := in.now.Year()
	n, err := in.tx.NextReferenceNumber(in.ctx, in.mb.Prefix, year)
	if err != nil {
		return nil, err
	}
	d := in.decision()
	t := &Ticket{
		Reference:      FormatReference(in.mb.Prefix, year, n),
		Mailbox:        in.mb.Name,
		Status:         StatusNew,
		Priority:       d.Priority,
		PriorityReason: d.Reason,
		PriorityWhy:    d.Why,
		Tier:           d.Tier,
		Missing:        d.Missing,
		Customer:       e.From,
		Subject:        e.Subject,
		Language:       in.language(),
		CreatedAt:      in.now,
		UpdatedAt:      in.now,
	}
	if t.Priority == 1 {
		// Opened at the top priority: the clocks of the on-call desk, as
		// a raise would give (raise.go), and the acknowledgement states
		// them, so no raise notice follows.
		if oncall, ok := in.g.oncallMailbox(t.Mailbox); ok && oncall.Name != t.Mailbox {
			t.SLAMailbox = oncall.Name
		}
		t.AddFlag(FlagRaisedNotice)
	}
	in.g.setDeadlines(t)
	in.g.restartProgress(t, t.CreatedAt)
	if e.AuthorKind == AuthorUnknown || (in.msg != nil && in.msg.Incomplete()) {
		t.AddFlag(FlagNeedsHuman)
	}
	if err := in.tx.CreateTicket(in.ctx, t); err != nil {
		return nil, err
	}
	in.opened = t.ID
	return t, nil
}

// decision triages the message, once per ingest.
func (in *ingest) decision() Decision {
	if in.dec != nil {
		return *in.dec
	}
	d := Decision{Priority: in.mb.Priority, Reason: "mailbox " + in.mb.Name + " default",
		Why: Reason{{Kind: ReasonDefault, Text: in.mb.Name}}}
	if in.g.cfg.Triager != nil {
		d = in.g.cfg.Triager.Triage(in.mb.Name, in.msg)
	}
	in.dec = &d
	return d
}

// setDeadlines computes a ticket's due times from its creation, priority
// and tier, moved by the time the clocks were paused so far.
func (g *Gateway) setDeadlines(t *Ticket) {
	if g.cfg.Triager == nil {
		return
	}
	t.Deadlines = g.cfg.Triager.Due(t.slaMailbox(), t.Priority, t.Tier, t.CreatedAt)
	for _, k := range t.slaClocks() {
		if *k.due != nil && *k.paused > 0 {
			v := g.calendar(t.Mailbox, k.calendar).Add(**k.due, *k.paused)
			*k.due = &v
		}
	}
}

// FormatReference renders a ticket reference: SUP-2026-000123. Readable
// aloud, sortable, unique per prefix and year.
func FormatReference(prefix string, year int, n int64) string {
	return fmt.Sprintf("%s-%04d-%06d", prefix, year, n)
}

// needsHuman turns a message we cannot act on into a flagged ticket, or
// adds it to the ticket it threads to, flagged all the same.
func (in *ingest) needsHuman(e *Entry) (Result, error) {
	e.AuthorKind = AuthorUnknown
	if in.msg != nil && in.msg.From != nil {
		// Readable sender, unreadable body: threading still applies.
		t, how, _, err := in.thread(threadIDs(in.msg), true)
		if err != nil {
			return Result{}, err
		}
		if t != nil {
			e.AuthorKind = AuthorCustomer
			res, err := in.appendTo(t, e, how)
			if err != nil {
				return res, err
			}
			return in.flag(t, e, res)
		}
	}
	res, t, err := in.newTicket(e, nil, "")
	if err != nil {
		return res, err
	}
	if res, err = in.flag(t, e, res); err != nil {
		return res, err
	}
	// Nobody can be answered, but the agents must look.
	return res, in.notifyAgents(t, e)
}

func (in *ingest) flag(t *Ticket, e *Entry, res Result) (Result, error) {
	t.AddFlag(FlagNeedsHuman)
	t.UpdatedAt = in.now
	if err := in.tx.UpdateTicket(in.ctx, t); err != nil {
		return res, err
	}
	res.NeedsHuman = true
	in.g.logger(in.ctx).Warn("message needs a human", "mailbox", in.mb.Name, "ticket", t.Reference, "problems", strings.Join(e.Problems, "; "))
	return res, in.tx.AddEvent(in.ctx, &Event{TicketID: t.ID, EntryID: e.ID, At: in.now, Kind: EventNeedsHuman,
		Detail: "message could not be read well enough to act on: " + strings.Join(e.Problems, "; ")})
}

// automatic attaches an auto-reply or list mail to the ticket it threads
// to, else records it alone (or opens a ticket when configured). It never
// changes a ticket's status: automatic mail neither reopens nor confirms.
func (in *ingest) automatic(e *Entry) (Result, error) {
	e.AuthorKind = AuthorAutomatic
	// Only proof threads automatic mail: a quoted [REF] is not enough.
	t, how, _, err := in.thread(threadIDs(in.msg), false)
	if err != nil {
		return Result{}, err
	}
	if t == nil {
		if in.g.cfg.TicketUnthreadedAutomatic {
			// Automatic mail is never answered; the agents are told.
			res, t, err := in.newTicket(e, nil, "")
			if err != nil {
				return res, err
			}
			return res, in.notifyAgents(t, e)
		}
		return in.record(e, "automatic mail threads to no ticket")
	}
	return in.attach(t, e, EventAutomatic, fmt.Sprintf("%s from %s (%s; %s)", e.Kind, e.From.Address, e.KindReason, how), how)
}

// bounce attaches a delivery failure to the ticket whose mail bounced.
func (in *ingest) bounce(e *Entry) (Result, error) {
	e.AuthorKind = AuthorBounce
	var ids []string
	if b := in.msg.Bounce; b != nil && b.OriginalMessageID != "" {
		ids = append(ids, b.OriginalMessageID)
	}
	t, how, _, err := in.thread(append(ids, threadIDs(in.msg)...), false)
	if err != nil {
		return Result{}, err
	}
	if t == nil {
		return in.record(e, "bounce of no mail of ours")
	}
	detail := "delivery failed"
	if b := in.msg.Bounce; b != nil {
		detail = fmt.Sprintf("delivery to %s failed (status %s, action %s)", b.Recipient, b.Status, b.Action)
		if !b.Permanent() {
			detail = fmt.Sprintf("delivery to %s delayed (status %s)", b.Recipient, b.Status)
		}
	}
	return in.attach(t, e, EventBounce, detail, how)
}

// attach adds a machine's message to a ticket without touching its state.
func (in *ingest) attach(t *Ticket, e *Entry, kind, detail, how string) (Result, error) {
	e.TicketID = t.ID
	if err := in.tx.AddEntry(in.ctx, e); err != nil {
		return Result{}, err
	}
	err := in.tx.AddEvent(in.ctx, &Event{TicketID: t.ID, EntryID: e.ID, At: in.now, Kind: kind, Actor: e.From.Address, Detail: detail})
	return Result{Action: ActionAppended, Ticket: t.Reference, EntryID: e.ID, How: how}, err
}

// record stores a message without a ticket.
func (in *ingest) record(e *Entry, why string) (Result, error) {
	if err := in.tx.AddEntry(in.ctx, e); err != nil {
		return Result{}, err
	}
	return Result{Action: ActionRecorded, EntryID: e.ID, How: why}, nil
}

// parse reads raw into a Message as a stream: only its header and text
// are held, never the whole message. Attachments read raw again when
// relayed, so raw stays open for the ingest.
func (g *Gateway) parse(raw RawMessage) (*parser.Message, error) {
	return g.parser.ParseReaderAt(raw, raw.Size())
}
