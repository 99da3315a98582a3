package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
	"ticketgate/parser"
)

// txn implements gateway.Tx on a PostgreSQL transaction.
type txn struct {
	tx    pgx.Tx
	depth int // savepoints open
	// lastEntry and lastText are the message this transaction recorded
	// last: the mail queued next usually quotes it.
	lastEntry int64
	lastText  string
	// conflict is the first serialization failure or deadlock a statement
	// met: the transaction is void and Update runs it again.
	conflict error
	// claimer is the process named in the claims ClaimOutbox takes.
	claimer string
	// detached: a write transaction, which the caller's context does not
	// cut short once begun (shutdown lets in-flight work commit).
	detached bool
	// locking: an UpdateLocked transaction, whose reads of rows it
	// changes lock them.
	locking bool
}

// ctx is the context a statement runs under.
func (x *txn) ctx(ctx context.Context) context.Context {
	if x.detached {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// note records a failure that voids the transaction and returns err.
func (x *txn) note(err error) error {
	if err != nil && x.conflict == nil && retryable(err) {
		x.conflict = err
	}
	return err
}

func (x *txn) exec(ctx context.Context, q string, as ...any) (pgconn.CommandTag, error) {
	tag, err := x.tx.Exec(x.ctx(ctx), q, args(as)...)
	return tag, x.note(err)
}

// row is a pgx.Row whose error the transaction notes.
type row struct {
	r pgx.Row
	x *txn
}

func (r row) Scan(dst ...any) error { return r.x.note(scanUnescaped(r.r, dst)) }

func (x *txn) queryRow(ctx context.Context, q string, as ...any) row {
	return row{x.tx.QueryRow(x.ctx(ctx), q, args(as)...), x}
}

// collect runs a query and scans each row with scan; no rows is a nil
// slice, as in the SQLite store.
func collect[T any](ctx context.Context, x *txn, scan func(pgx.CollectableRow) (T, error), q string, as ...any) ([]T, error) {
	rows, err := x.tx.Query(x.ctx(ctx), q, args(as)...)
	if err != nil {
		return nil, x.note(err)
	}
	out, err := pgx.AppendRows([]T(nil), rows, func(r pgx.CollectableRow) (T, error) { return scan(unescapedRows{r}) })
	return out, x.note(err)
}

// params numbers the placeholders of a query built from filters.
type params struct{ args []any }

func (p *params) add(v any) string {
	p.args = append(p.args, v)
	return "$" + strconv.Itoa(len(p.args))
}

const ticketColumns = `id, reference, mailbox, status, priority, priority_reason, customer_name, customer_address,
	subject, language, flags, linked_ticket_id, response_due, resolution_due, first_response_at, resolved_at,
	closed_at, close_reason, created_at, updated_at, tier, missing, response_calendar, resolution_calendar,
	response_target, resolution_target, assignee, paused_at, response_paused_ns, resolution_paused_ns,
	confirm_by, remind_at, sla_warned, wake_at, sla_warned_resolution, response_rule, resolution_rule, sla_mailbox,
	progress_due, progress_target, progress_calendar, level, priority_why`

func scanTicket(sc interface{ Scan(...any) error }) (*gateway.Ticket, error) {
	var (
		t                     gateway.Ticket
		status                string
		flags, missing        []string
		linked                *int64
		respPaused, resPaused int64
		why                   []byte
	)
	err := sc.Scan(&t.ID, &t.Reference, &t.Mailbox, &status, &t.Priority, &t.PriorityReason, &t.Customer.Name,
		&t.Customer.Address, &t.Subject, &t.Language, &flags, &linked, &t.ResponseDue, &t.ResolutionDue,
		&t.FirstResponseAt, &t.ResolvedAt, &t.ClosedAt, &t.CloseReason, &t.CreatedAt, &t.UpdatedAt, &t.Tier, &missing,
		&t.ResponseCalendar, &t.ResolutionCalendar, &t.ResponseTarget, &t.ResolutionTarget, &t.Assignee, &t.PausedAt,
		&respPaused, &resPaused, &t.ConfirmBy, &t.RemindAt, &t.SLAWarned, &t.WakeAt, &t.SLAWarnedResolution,
		&t.ResponseRule, &t.ResolutionRule, &t.SLAMailbox, &t.ProgressDue, &t.ProgressTarget, &t.ProgressCalendar,
		&t.Level, &why)
	if err != nil {
		return nil, err
	}
	if why != nil {
		// A reason that cannot be read leaves its English text.
		if r, err := gateway.UnmarshalReason(string(why)); err == nil {
			for i := range r {
				p := &r[i]
				p.Kind, p.Concept, p.Text, p.Note = unescapeText(p.Kind), unescapeText(p.Concept), unescapeText(p.Text), unescapeText(p.Note)
			}
			t.PriorityWhy = r
		}
	}
	t.Status = gateway.Status(status)
	if linked != nil {
		t.LinkedTicketID = *linked
	}
	t.ResponsePaused, t.ResolutionPaused = time.Duration(respPaused), time.Duration(resPaused)
	// None is nil, as the SQLite store reads an empty list.
	if len(flags) > 0 {
		t.Flags = flags
	}
	if len(missing) > 0 {
		t.Missing = missing
	}
	return &t, nil
}

func scanTicketRow(r pgx.CollectableRow) (gateway.Ticket, error) {
	t, err := scanTicket(r)
	if err != nil {
		return gateway.Ticket{}, err
	}
	return *t, nil
}

func (x *txn) ticketWhere(ctx context.Context, where string, arg any) (*gateway.Ticket, error) {
	t, err := scanTicket(x.queryRow(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE `+where, arg))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, gateway.ErrNotFound
	}
	return t, err
}

func (x *txn) TicketByRef(ctx context.Context, ref string) (*gateway.Ticket, error) {
	t, err := x.ticketWhere(ctx, `reference = $1`, strings.ToUpper(strings.TrimSpace(ref)))
	if err != nil {
		return nil, fmt.Errorf("ticket %s: %w", ref, err)
	}
	return t, nil
}

func (x *txn) TicketByID(ctx context.Context, id int64) (*gateway.Ticket, error) {
	t, err := x.ticketWhere(ctx, `id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("ticket #%d: %w", id, err)
	}
	return t, nil
}

func (x *txn) Tickets(ctx context.Context, f gateway.TicketFilter) ([]gateway.Ticket, error) {
	var p params
	q := `true`
	if f.Status != "" {
		q += ` AND status = ` + p.add(string(f.Status))
	}
	if f.Priority != 0 {
		q += ` AND priority = ` + p.add(int(f.Priority))
	}
	if f.Mailbox != "" {
		q += ` AND mailbox = ` + p.add(f.Mailbox)
	}
	if f.Assignee != "" {
		q += ` AND assignee = ` + p.add(f.Assignee)
	}
	if f.Tier != "" {
		q += ` AND tier = ` + p.add(f.Tier)
	}
	const running = `status IN ('new', 'open')`
	late := func() string {
		now := p.add(f.Now)
		return `((first_response_at IS NULL AND response_due < ` + now + `) OR resolution_due < ` + now + `)`
	}
	switch f.Clock {
	case "":
	case gateway.SLABreached:
		q += ` AND ` + running + ` AND ` + late()
	case gateway.SLAAtRisk:
		// The scheduler judges "at risk" on the business calendar and
		// records it with its warning: the list shows what it judged.
		q += ` AND ` + running + ` AND NOT ` + late() + ` AND (sla_warned = 'at risk' OR sla_warned_resolution = 'at risk')`
	default:
		return nil, fmt.Errorf("list tickets: cannot filter on clock state %q", f.Clock)
	}
	if match := searchQuery(f.Search); match != "" {
		q += ` AND id IN (SELECT ticket_id FROM messages WHERE search @@ ` + p.add(match) + `::tsquery)`
	}
	if f.Before > 0 {
		q += ` AND id < ` + p.add(f.Before)
	}
	q += ` ORDER BY id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + p.add(f.Limit)
	}
	out, err := collect(ctx, x, scanTicketRow, `SELECT `+ticketColumns+` FROM tickets WHERE `+q, p.args...)
	if err != nil {
		return nil, fmt.Errorf("list tickets: %w", err)
	}
	return out, nil
}

// whyJSON is a ticket's reason as jsonb takes it, its strings escaped as
// text is; nil (NULL) for none.
func whyJSON(r gateway.Reason) []byte {
	if len(r) == 0 {
		return nil
	}
	c := make(gateway.Reason, len(r))
	for i, p := range r {
		c[i] = gateway.ReasonPart{Kind: escapeText(p.Kind), Concept: escapeText(p.Concept), Text: escapeText(p.Text), Note: escapeText(p.Note)}
	}
	return []byte(gateway.MarshalReason(c))
}

// nullID is NULL for the zero ID.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// list is a list column's value: never NULL.
func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (x *txn) CreateTicket(ctx context.Context, t *gateway.Ticket) error {
	err := x.queryRow(ctx, `INSERT INTO tickets (reference, mailbox, status, priority, priority_reason,
		customer_name, customer_address, subject, language, flags, linked_ticket_id, response_due, resolution_due,
		first_response_at, resolved_at, closed_at, close_reason, created_at, updated_at, tier, missing,
		response_calendar, resolution_calendar, response_target, resolution_target, wake_at, response_rule,
		resolution_rule, sla_mailbox, progress_due, progress_target, progress_calendar, level, assignee, paused_at,
		response_paused_ns, resolution_paused_ns, confirm_by, remind_at, sla_warned, sla_warned_resolution, priority_why)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
		$23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42::jsonb) RETURNING id`,
		t.Reference, t.Mailbox, string(t.Status), int(t.Priority), t.PriorityReason, t.Customer.Name,
		t.Customer.Address, t.Subject, t.Language, list(t.Flags), nullID(t.LinkedTicketID),
		t.ResponseDue, t.ResolutionDue, t.FirstResponseAt, t.ResolvedAt, t.ClosedAt, t.CloseReason, t.CreatedAt,
		t.UpdatedAt, t.Tier, list(t.Missing), t.ResponseCalendar, t.ResolutionCalendar, t.ResponseTarget,
		t.ResolutionTarget, t.WakeAt, t.ResponseRule, t.ResolutionRule, t.SLAMailbox, t.ProgressDue, t.ProgressTarget,
		t.ProgressCalendar, max(t.Level, 1), t.Assignee, t.PausedAt, int64(t.ResponsePaused), int64(t.ResolutionPaused),
		t.ConfirmBy, t.RemindAt, t.SLAWarned, t.SLAWarnedResolution, whyJSON(t.PriorityWhy)).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("create ticket %s: %w", t.Reference, err)
	}
	return nil
}

func (x *txn) UpdateTicket(ctx context.Context, t *gateway.Ticket) error {
	_, err := x.exec(ctx, `UPDATE tickets SET status = $1, priority = $2, priority_reason = $3,
		customer_name = $4, customer_address = $5, subject = $6, language = $7, flags = $8, linked_ticket_id = $9,
		response_due = $10, resolution_due = $11, first_response_at = $12, resolved_at = $13, closed_at = $14,
		close_reason = $15, updated_at = $16, tier = $17, missing = $18, response_calendar = $19,
		resolution_calendar = $20, response_target = $21, resolution_target = $22, assignee = $23, paused_at = $24,
		response_paused_ns = $25, resolution_paused_ns = $26, confirm_by = $27, remind_at = $28, sla_warned = $29,
		wake_at = $30, sla_warned_resolution = $31, response_rule = $32, resolution_rule = $33, sla_mailbox = $34,
		progress_due = $35, progress_target = $36, progress_calendar = $37, level = $38, priority_why = $40::jsonb
		WHERE id = $39`,
		string(t.Status), int(t.Priority), t.PriorityReason, t.Customer.Name, t.Customer.Address, t.Subject,
		t.Language, list(t.Flags), nullID(t.LinkedTicketID), t.ResponseDue, t.ResolutionDue, t.FirstResponseAt,
		t.ResolvedAt, t.ClosedAt, t.CloseReason, t.UpdatedAt, t.Tier, list(t.Missing), t.ResponseCalendar,
		t.ResolutionCalendar, t.ResponseTarget, t.ResolutionTarget, t.Assignee, t.PausedAt, int64(t.ResponsePaused),
		int64(t.ResolutionPaused), t.ConfirmBy, t.RemindAt, t.SLAWarned, t.WakeAt, t.SLAWarnedResolution,
		t.ResponseRule, t.ResolutionRule, t.SLAMailbox, t.ProgressDue, t.ProgressTarget, t.ProgressCalendar,
		max(t.Level, 1), t.ID, whyJSON(t.PriorityWhy))
	if err != nil {
		return fmt.Errorf("update ticket %s: %w", t.Reference, err)
	}
	return nil
}

func (x *txn) TicketsWaking(ctx context.Context, now, afterAt time.Time, afterID int64, limit int) ([]gateway.Waking, error) {
	out, err := collect(ctx, x, func(r pgx.CollectableRow) (gateway.Waking, error) {
		var w gateway.Waking
		err := r.Scan(&w.ID, &w.WakeAt)
		return w, err
	}, `SELECT id, wake_at FROM tickets WHERE wake_at <= $1 AND (wake_at, id) > ($2, $3)
		ORDER BY wake_at, id LIMIT $4`, now, afterAt, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("list tickets with timers due: %w", err)
	}
	return out, nil
}

func (x *txn) SetWakeAt(ctx context.Context, ticketID int64, at *time.Time) error {
	if _, err := x.exec(ctx, `UPDATE tickets SET wake_at = $1 WHERE id = $2`, at, ticketID); err != nil {
		return fmt.Errorf("set timer of ticket #%d: %w", ticketID, err)
	}
	return nil
}

func (x *txn) ticketsWhere(ctx context.Context, what, where string, args ...any) ([]gateway.Ticket, error) {
	out, err := collect(ctx, x, scanTicketRow, `SELECT `+ticketColumns+` FROM tickets WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list tickets%s: %w", what, err)
	}
	return out, nil
}

// TicketsOpened reads one period's tickets through tickets_created.
func (x *txn) TicketsOpened(ctx context.Context, from, to time.Time) ([]gateway.Ticket, error) {
	return x.ticketsWhere(ctx, " opened in a period", `created_at >= $1 AND created_at < $2 ORDER BY created_at, id`,
		from, to)
}

// NextReferenceNumber takes the counter's row lock: a second transaction
// allocating for the same prefix and year waits for the first, and under
// SERIALIZABLE is run again after it, so no number is given twice and a
// rolled-back allocation leaves no gap.
func (x *txn) NextReferenceNumber(ctx context.Context, prefix string, year int) (int64, error) {
	var n int64
	err := x.queryRow(ctx, `INSERT INTO ref_counters AS c (prefix, year, last) VALUES ($1, $2, 1)
		ON CONFLICT (prefix, year) DO UPDATE SET last = c.last + 1 RETURNING last`, prefix, year).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("allocate reference number for %s-%d: %w", prefix, year, err)
	}
	return n, nil
}

func (x *txn) PutRaw(ctx context.Context, sha string, r io.ReaderAt, size int64, at time.Time) (int64, error) {
	var id int64
	err := x.queryRow(ctx, `SELECT id FROM raw_messages WHERE sha256 = $1`, sha).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("look up raw message %s: %w", sha[:12], err)
	}
	// Another process storing the same message meanwhile makes this
	// insert wait for it and then fail to serialize: Update runs again
	// and finds the row.
	if size <= store.RawChunk {
		buf := make([]byte, size)
		if _, err := r.ReadAt(buf, 0); err != nil && !errors.Is(err, io.EOF) {
			return 0, fmt.Errorf("read raw message %s: %w", sha[:12], err)
		}
		err = x.queryRow(ctx, `INSERT INTO raw_messages (sha256, size, data, created_at, encoding)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, sha, size, store.Deflate(buf), at, store.RawDeflate).Scan(&id)
		if err != nil {
			return 0, fmt.Errorf("store raw message %s: %w", sha[:12], err)
		}
		return id, nil
	}
	err = x.queryRow(ctx, `INSERT INTO raw_messages (sha256, size, data, created_at, encoding)
		VALUES ($1, $2, ''::bytea, $3, $4) RETURNING id`, sha, size, at, store.RawChunks).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store raw message %s: %w", sha[:12], err)
	}
	buf := make([]byte, store.RawChunk)
	for seq, off := 0, int64(0); off < size; seq, off = seq+1, off+store.RawChunk {
		want := min(store.RawChunk, size-off)
		n, err := r.ReadAt(buf[:want], off)
		if err != nil && !(errors.Is(err, io.EOF) && int64(n) == want) {
			return 0, fmt.Errorf("read raw message %s at %d: %w", sha[:12], off, err)
		}
		if _, err := x.exec(ctx, `INSERT INTO raw_chunks (raw_id, seq, data) VALUES ($1, $2, $3)`,
			id, seq, store.Deflate(buf[:n])); err != nil {
			return 0, fmt.Errorf("store raw message %s chunk %d: %w", sha[:12], seq, err)
		}
	}
	return id, nil
}

// CopyRaw writes a raw message to w a chunk at a time.
func (x *txn) CopyRaw(ctx context.Context, rawID int64, w io.Writer) error {
	var (
		data     []byte
		encoding string
		size     int64
	)
	err := x.queryRow(ctx, `SELECT data, encoding, size FROM raw_messages WHERE id = $1`, rawID).Scan(&data, &encoding, &size)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("raw message %d: %w", rawID, gateway.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("raw message %d: %w", rawID, err)
	}
	switch encoding {
	case store.RawPlain:
		_, err = w.Write(data)
		return err
	case store.RawDeflate:
		b, err := store.Inflate(data)
		if err == nil {
			_, err = w.Write(b)
		}
		return err
	case store.RawChunks:
	default:
		return fmt.Errorf("raw message %d: unknown encoding %q", rawID, encoding)
	}
	var written int64
	for seq := 0; written < size; seq++ {
		var z []byte
		err := x.queryRow(ctx, `SELECT data FROM raw_chunks WHERE raw_id = $1 AND seq = $2`, rawID, seq).Scan(&z)
		if err != nil {
			return fmt.Errorf("raw message %d chunk %d: %w", rawID, seq, err)
		}
		b, err := store.Inflate(z)
		if err != nil {
			return fmt.Errorf("raw message %d chunk %d: %w", rawID, seq, err)
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
		written += int64(len(b))
	}
	if written != size {
		return fmt.Errorf("raw message %d: %d bytes stored, %d expected", rawID, written, size)
	}
	return nil
}

// addressesJSON is a list of addresses as jsonb takes it, its strings
// escaped as text is (jsonb refuses the \u0000 of a NUL).
func addressesJSON(as []gateway.Address) []byte {
	c := make([]gateway.Address, len(as))
	for i, a := range as {
		c[i] = gateway.Address{Name: escapeText(a.Name), Address: escapeText(a.Address)}
	}
	b, _ := json.Marshal(c)
	return b
}

func unescapeAddresses(as []gateway.Address) {
	for i := range as {
		as[i].Name, as[i].Address = unescapeText(as[i].Name), unescapeText(as[i].Address)
	}
}

func (x *txn) AddEntry(ctx context.Context, e *gateway.Entry) error {
	problems := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		problems[i] = escapeText(p)
	}
	pj, _ := json.Marshal(problems)
	var sent *time.Time
	if !e.SentAt.IsZero() {
		sent = &e.SentAt
	}
	err := x.queryRow(ctx, `INSERT INTO messages (ticket_id, raw_id, mailbox, direction, author_kind, kind,
		kind_reason, message_id, in_reply_to, refs, from_name, from_address, to_addresses, cc_addresses, subject, sent_at,
		bodies, problems, created_at, search)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15, $16, $17, $18::jsonb, $19,
		$20::tsvector) RETURNING id`,
		nullID(e.TicketID), e.RawID, e.Mailbox, string(e.Direction), string(e.AuthorKind), string(e.Kind),
		e.KindReason, e.MessageID, list(e.InReplyTo), list(e.References), e.From.Name, e.From.Address,
		addressesJSON(e.To), addressesJSON(e.Cc), e.Subject, sent,
		store.PackBodies(e.Text, e.Reply, e.HTML), pj, e.CreatedAt, searchVector(e)).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("record message %q: %w", e.MessageID, err)
	}
	x.lastEntry, x.lastText = e.ID, e.Text
	for _, a := range e.Attachments {
		_, err := x.exec(ctx, `INSERT INTO attachments (entry_id, filename, content_type, disposition,
			content_id, size, sha256) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			e.ID, a.Filename, a.ContentType, a.Disposition, a.ContentID, a.Size, a.SHA256)
		if err != nil {
			return fmt.Errorf("record attachment %q: %w", a.Filename, err)
		}
	}
	return nil
}

const entryColumns = `id, ticket_id, raw_id, mailbox, direction, author_kind, kind, kind_reason, message_id,
	in_reply_to, refs, from_name, from_address, to_addresses, cc_addresses, subject, sent_at, problems, created_at`

func (x *txn) queryEntries(ctx context.Context, withBodies bool, where string, args ...any) ([]gateway.Entry, error) {
	cols := entryColumns
	if withBodies {
		cols += `, bodies`
	}
	return collect(ctx, x, func(r pgx.CollectableRow) (gateway.Entry, error) {
		var (
			e                  gateway.Entry
			ticket             *int64
			dir, author, kind  string
			irt, refs          []string
			to, cc, pj, bodies []byte
			sent               *time.Time
		)
		dst := []any{&e.ID, &ticket, &e.RawID, &e.Mailbox, &dir, &author, &kind, &e.KindReason, &e.MessageID, &irt,
			&refs, &e.From.Name, &e.From.Address, &to, &cc, &e.Subject, &sent, &pj, &e.CreatedAt}
		if withBodies {
			dst = append(dst, &bodies)
		}
		if err := r.Scan(dst...); err != nil {
			return e, err
		}
		if withBodies {
			var err error
			if e.Text, e.Reply, e.HTML, err = store.UnpackBodies(bodies); err != nil {
				return e, fmt.Errorf("message %d: %w", e.ID, err)
			}
		}
		if ticket != nil {
			e.TicketID = *ticket
		}
		if sent != nil {
			e.SentAt = *sent
		}
		e.Direction, e.AuthorKind, e.Kind = gateway.Direction(dir), gateway.AuthorKind(author), parser.Kind(kind)
		// Never nil, as the SQLite store reads them.
		e.InReplyTo, e.References = list(irt), list(refs)
		if err := errors.Join(json.Unmarshal(to, &e.To), json.Unmarshal(cc, &e.Cc), json.Unmarshal(pj, &e.Problems)); err != nil {
			return e, fmt.Errorf("message %d: %w", e.ID, err)
		}
		unescapeAddresses(e.To)
		unescapeAddresses(e.Cc)
		for i, p := range e.Problems {
			e.Problems[i] = unescapeText(p)
		}
		return e, nil
	}, `SELECT `+cols+` FROM messages WHERE `+where+` ORDER BY id`, args...)
}

func (x *txn) Entries(ctx context.Context, ticketID int64) ([]gateway.Entry, error) {
	es, err := x.queryEntries(ctx, true, `ticket_id = $1`, ticketID)
	if err != nil {
		return nil, fmt.Errorf("messages of ticket #%d: %w", ticketID, err)
	}
	for i := range es {
		if es[i].Attachments, err = x.attachments(ctx, es[i].ID); err != nil {
			return nil, err
		}
	}
	return es, nil
}

func (x *txn) attachments(ctx context.Context, entryID int64) ([]gateway.Attachment, error) {
	out, err := collect(ctx, x, func(r pgx.CollectableRow) (gateway.Attachment, error) {
		var a gateway.Attachment
		err := r.Scan(&a.Filename, &a.ContentType, &a.Disposition, &a.ContentID, &a.Size, &a.SHA256)
		return a, err
	}, `SELECT filename, content_type, disposition, content_id, size, sha256
		FROM attachments WHERE entry_id = $1 ORDER BY id`, entryID)
	if err != nil {
		return nil, fmt.Errorf("attachments of message %d: %w", entryID, err)
	}
	return out, nil
}

func (x *txn) EntriesByMessageID(ctx context.Context, messageID string) ([]gateway.Entry, error) {
	es, err := x.queryEntries(ctx, false, `message_id = $1`, messageID)
	if err != nil {
		return nil, fmt.Errorf("messages with Message-ID %q: %w", messageID, err)
	}
	return es, nil
}

func (x *txn) EntryByRawSHA(ctx context.Context, sha string) (*gateway.Entry, error) {
	es, err := x.queryEntries(ctx, false, `raw_id = (SELECT id FROM raw_messages WHERE sha256 = $1)`, sha)
	if err != nil {
		return nil, fmt.Errorf("message by content hash: %w", err)
	}
	if len(es) == 0 {
		return nil, gateway.ErrNotFound
	}
	return &es[0], nil
}

func (x *txn) AddEvent(ctx context.Context, ev *gateway.Event) error {
	err := x.queryRow(ctx, `INSERT INTO events (ticket_id, entry_id, at, kind, actor, detail)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, ev.TicketID, nullID(ev.EntryID), ev.At, ev.Kind, ev.Actor,
		ev.Detail).Scan(&ev.ID)
	if err != nil {
		return fmt.Errorf("record %s event: %w", ev.Kind, err)
	}
	return nil
}

func (x *txn) Events(ctx context.Context, ticketID int64) ([]gateway.Event, error) {
	out, err := collect(ctx, x, func(r pgx.CollectableRow) (gateway.Event, error) {
		var (
			ev  gateway.Event
			eid *int64
		)
		err := r.Scan(&ev.ID, &ev.TicketID, &eid, &ev.At, &ev.Kind, &ev.Actor, &ev.Detail)
		if eid != nil {
			ev.EntryID = *eid
		}
		return ev, err
	}, `SELECT id, ticket_id, entry_id, at, kind, actor, detail FROM events WHERE ticket_id = $1 ORDER BY id`, ticketID)
	if err != nil {
		return nil, fmt.Errorf("events of ticket #%d: %w", ticketID, err)
	}
	return out, nil
}

func (x *txn) AddParticipant(ctx context.Context, ticketID int64, address, role string) error {
	if address == "" {
		return nil
	}
	_, err := x.exec(ctx, `INSERT INTO participants (ticket_id, address, role) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, ticketID, strings.ToLower(address), role)
	if err != nil {
		return fmt.Errorf("add participant to ticket #%d: %w", ticketID, err)
	}
	return nil
}

func (x *txn) IsParticipant(ctx context.Context, ticketID int64, address string) (bool, error) {
	var ok bool
	err := x.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM participants WHERE ticket_id = $1 AND address = $2)`,
		ticketID, strings.ToLower(address)).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("participants of ticket #%d: %w", ticketID, err)
	}
	return ok, nil
}

func (x *txn) SeenAt(ctx context.Context, src gateway.Source) (int64, bool, error) {
	var id int64
	err := x.queryRow(ctx, `SELECT entry_id FROM seen_uids WHERE mailbox = $1 AND uidvalidity = $2 AND uid = $3`,
		src.Mailbox, int64(src.UIDValidity), int64(src.UID)).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("look up %s uid %d: %w", src.Mailbox, src.UID, err)
	}
	return id, true, nil
}

func (x *txn) MarkSeen(ctx context.Context, src gateway.Source, entryID int64) error {
	_, err := x.exec(ctx, `INSERT INTO seen_uids (mailbox, uidvalidity, uid, entry_id) VALUES ($1, $2, $3, $4)
		ON CONFLICT DO NOTHING`, src.Mailbox, int64(src.UIDValidity), int64(src.UID), entryID)
	if err != nil {
		return fmt.Errorf("record %s uid %d: %w", src.Mailbox, src.UID, err)
	}
	return nil
}

func (x *txn) MailboxStates(ctx context.Context) ([]gateway.MailboxState, error) {
	out, err := collect(ctx, x, func(r pgx.CollectableRow) (gateway.MailboxState, error) {
		var (
			st            gateway.MailboxState
			validity, uid int64
		)
		err := r.Scan(&st.Mailbox, &validity, &uid, &st.LastSyncAt, &st.LastError, &st.LastErrorAt)
		st.UIDValidity, st.LastUID = uint32(validity), uint32(uid)
		return st, err
	}, `SELECT mailbox, uidvalidity, last_uid, last_sync_at, last_error, last_error_at FROM mailbox_state ORDER BY mailbox`)
	if err != nil {
		return nil, fmt.Errorf("list mailbox states: %w", err)
	}
	return out, nil
}

func (x *txn) SaveMailboxState(ctx context.Context, st gateway.MailboxState) error {
	_, err := x.exec(ctx, `INSERT INTO mailbox_state (mailbox, uidvalidity, last_uid, last_sync_at, last_error, last_error_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = EXCLUDED.uidvalidity, last_uid = EXCLUDED.last_uid,
		last_sync_at = EXCLUDED.last_sync_at, last_error = EXCLUDED.last_error, last_error_at = EXCLUDED.last_error_at`,
		st.Mailbox, int64(st.UIDValidity), int64(st.LastUID), st.LastSyncAt, st.LastError, st.LastErrorAt)
	if err != nil {
		return fmt.Errorf("save state of mailbox %s: %w", st.Mailbox, err)
	}
	return nil
}

// Savepoint runs fn inside SAVEPOINT … RELEASE, rolling back to the
// savepoint when fn fails so that the rest of the transaction stands. A
// serialization failure is not fn's own: no savepoint saves the
// transaction from it, and Update runs it again whole.
func (x *txn) Savepoint(ctx context.Context, fn func() error) error {
	x.depth++
	defer func() { x.depth-- }()
	name := fmt.Sprintf("sp%d", x.depth)
	if _, err := x.exec(ctx, "SAVEPOINT "+name); err != nil {
		return fmt.Errorf("%w: open savepoint: %w", gateway.ErrTxBroken, err)
	}
	if ferr := fn(); ferr != nil {
		if x.conflict != nil {
			return fmt.Errorf("%w: %w", gateway.ErrTxBroken, ferr)
		}
		if _, err := x.exec(ctx, "ROLLBACK TO SAVEPOINT "+name); err != nil {
			return fmt.Errorf("%w: roll back savepoint after %w: %w", gateway.ErrTxBroken, ferr, err)
		}
		if _, err := x.exec(ctx, "RELEASE SAVEPOINT "+name); err != nil {
			return fmt.Errorf("%w: release savepoint after %w: %w", gateway.ErrTxBroken, ferr, err)
		}
		return ferr
	}
	if _, err := x.exec(ctx, "RELEASE SAVEPOINT "+name); err != nil {
		return fmt.Errorf("%w: release savepoint: %w", gateway.ErrTxBroken, err)
	}
	return nil
}
