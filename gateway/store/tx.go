package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"ticketgate/gateway"
	"ticketgate/parser"
)

// txn implements gateway.Tx on a database transaction.
type txn struct {
	tx    *stmtTx
	depth int // savepoints open
	// lastEntry and lastText are the message this transaction recorded
	// last: the mail queued next usually quotes it, and reading it back
	// would inflate what was just deflated.
	lastEntry int64
	lastText  string
	// search holds the search index's rows until the commit (search.go);
	// fresh the tickets this transaction created.
	search []searchRow
	fresh  map[int64]bool
	// templates are the templates this transaction has read.
	templates map[[2]string]templateRead
	tally     mailTally
}

const ticketColumns = `id, reference, mailbox, status, priority, priority_reason, customer_name, customer_address,
	subject, language, flags, linked_ticket_id, response_due, resolution_due, first_response_at, resolved_at,
	closed_at, close_reason, created_at, updated_at, tier, missing, response_calendar, resolution_calendar,
	response_target, resolution_target, assignee, paused_at, response_paused_ns, resolution_paused_ns,
	confirm_by, remind_at, sla_warned, wake_at, sla_warned_resolution, response_rule, resolution_rule, sla_mailbox,
	progress_due, progress_target, progress_calendar, level, priority_why`

func scanTicket(sc interface{ Scan(...any) error }) (*gateway.Ticket, error) {
	var (
		t                                            gateway.Ticket
		flags, created, updated, missing, why        string
		linked                                       sql.NullInt64
		respDue, resDue, firstResp, resolved, closed sql.NullString
		paused, confirmBy, remindAt, wakeAt          sql.NullString
		progressDue                                  sql.NullString
		respPaused, resPaused                        int64
		status                                       string
	)
	err := sc.Scan(&t.ID, &t.Reference, &t.Mailbox, &status, &t.Priority, &t.PriorityReason, &t.Customer.Name,
		&t.Customer.Address, &t.Subject, &t.Language, &flags, &linked, &respDue, &resDue, &firstResp, &resolved,
		&closed, &t.CloseReason, &created, &updated, &t.Tier, &missing, &t.ResponseCalendar, &t.ResolutionCalendar,
		&t.ResponseTarget, &t.ResolutionTarget, &t.Assignee, &paused, &respPaused, &resPaused, &confirmBy,
		&remindAt, &t.SLAWarned, &wakeAt, &t.SLAWarnedResolution, &t.ResponseRule, &t.ResolutionRule, &t.SLAMailbox,
		&progressDue, &t.ProgressTarget, &t.ProgressCalendar, &t.Level, &why)
	if err != nil {
		return nil, err
	}
	// A reason that cannot be read leaves its English text, which every
	// mail can still show.
	t.PriorityWhy, _ = gateway.UnmarshalReason(why)
	if missing != "" {
		t.Missing = strings.Split(missing, "\n")
	}
	t.Status = gateway.Status(status)
	t.LinkedTicketID = linked.Int64
	t.ResponsePaused, t.ResolutionPaused = time.Duration(respPaused), time.Duration(resPaused)
	if flags != "" {
		t.Flags = strings.Split(flags, ",")
	}
	var errs []error
	for _, p := range []struct {
		dst **time.Time
		src sql.NullString
	}{{&t.ResponseDue, respDue}, {&t.ResolutionDue, resDue}, {&t.FirstResponseAt, firstResp}, {&t.ResolvedAt, resolved},
		{&t.ClosedAt, closed}, {&t.PausedAt, paused}, {&t.ConfirmBy, confirmBy}, {&t.RemindAt, remindAt},
		{&t.WakeAt, wakeAt}, {&t.ProgressDue, progressDue}} {
		v, err := scanNullTime(p.src)
		*p.dst = v
		errs = append(errs, err)
	}
	var err1, err2 error
	t.CreatedAt, err1 = parseTime(created)
	t.UpdatedAt, err2 = parseTime(updated)
	if err := errors.Join(append(errs, err1, err2)...); err != nil {
		return nil, fmt.Errorf("ticket %s: %w", t.Reference, err)
	}
	return &t, nil
}

func (x *txn) ticketWhere(ctx context.Context, where string, arg any) (*gateway.Ticket, error) {
	row := x.tx.QueryRowContext(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE `+where, arg)
	t, err := scanTicket(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, gateway.ErrNotFound
	}
	return t, err
}

func (x *txn) TicketByRef(ctx context.Context, ref string) (*gateway.Ticket, error) {
	t, err := x.ticketWhere(ctx, `reference = ?`, strings.ToUpper(strings.TrimSpace(ref)))
	if err != nil {
		return nil, fmt.Errorf("ticket %s: %w", ref, err)
	}
	return t, nil
}

func (x *txn) TicketByID(ctx context.Context, id int64) (*gateway.Ticket, error) {
	t, err := x.ticketWhere(ctx, `id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("ticket #%d: %w", id, err)
	}
	return t, nil
}

func (x *txn) Tickets(ctx context.Context, f gateway.TicketFilter) ([]gateway.Ticket, error) {
	q := `1=1`
	var args []any
	if f.Status != "" {
		q += ` AND status = ?`
		args = append(args, string(f.Status))
	}
	if f.Priority != 0 {
		q += ` AND priority = ?`
		args = append(args, int(f.Priority))
	}
	if f.Mailbox != "" {
		q += ` AND mailbox = ?`
		args = append(args, f.Mailbox)
	}
	if f.Assignee != "" {
		q += ` AND assignee = ?`
		args = append(args, f.Assignee)
	}
	if f.Tier != "" {
		q += ` AND tier = ?`
		args = append(args, f.Tier)
	}
	now := formatTime(f.Now)
	const running = `status IN ('new', 'open')`
	const late = `((first_response_at IS NULL AND response_due < ?) OR resolution_due < ?)`
	switch f.Clock {
	case "":
	case gateway.SLABreached:
		q += ` AND ` + running + ` AND ` + late
		args = append(args, now, now)
	case gateway.SLAAtRisk:
		// The scheduler judges "at risk" on the business calendar and
		// records it with its warning: the list shows what it judged.
		q += ` AND ` + running + ` AND NOT ` + late + ` AND (sla_warned = 'at risk' OR sla_warned_resolution = 'at risk')`
		args = append(args, now, now)
	default:
		return nil, fmt.Errorf("list tickets: cannot filter on clock state %q", f.Clock)
	}
	if searchQuery(f.Search) != "" {
		return x.searchTickets(ctx, q, args, f)
	}
	if f.Before > 0 {
		q += ` AND id < ?`
		args = append(args, f.Before)
	}
	// Each filter has an index whose rows are in ID order within a value,
	// so a page reads only its own rows.
	q += ` ORDER BY id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	return x.ticketsWhere(ctx, "", q, args...)
}

func (x *txn) CreateTicket(ctx context.Context, t *gateway.Ticket) error {
	res, err := x.tx.ExecContext(ctx, `INSERT INTO tickets (reference, mailbox, status, priority, priority_reason,
		customer_name, customer_address, subject, language, flags, linked_ticket_id, response_due, resolution_due,
		first_response_at, resolved_at, closed_at, close_reason, created_at, updated_at, tier, missing,
		response_calendar, resolution_calendar, response_target, resolution_target, wake_at, response_rule,
		resolution_rule, sla_mailbox, progress_due, progress_target, progress_calendar, level, assignee, paused_at,
		response_paused_ns, resolution_paused_ns, confirm_by, remind_at, sla_warned, sla_warned_resolution, priority_why)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
		?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.Reference, t.Mailbox, string(t.Status), int(t.Priority), t.PriorityReason, t.Customer.Name,
		t.Customer.Address, t.Subject, t.Language, strings.Join(t.Flags, ","), nullID(t.LinkedTicketID),
		nullTime(t.ResponseDue), nullTime(t.ResolutionDue), nullTime(t.FirstResponseAt), nullTime(t.ResolvedAt),
		nullTime(t.ClosedAt), t.CloseReason, formatTime(t.CreatedAt), formatTime(t.UpdatedAt), t.Tier,
		strings.Join(t.Missing, "\n"), t.ResponseCalendar, t.ResolutionCalendar, t.ResponseTarget, t.ResolutionTarget,
		nullTime(t.WakeAt), t.ResponseRule, t.ResolutionRule, t.SLAMailbox, nullTime(t.ProgressDue), t.ProgressTarget,
		t.ProgressCalendar, max(t.Level, 1), t.Assignee, nullTime(t.PausedAt), int64(t.ResponsePaused),
		int64(t.ResolutionPaused), nullTime(t.ConfirmBy), nullTime(t.RemindAt), t.SLAWarned, t.SLAWarnedResolution,
		gateway.MarshalReason(t.PriorityWhy))
	if err != nil {
		return fmt.Errorf("create ticket %s: %w", t.Reference, err)
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if x.fresh == nil {
		x.fresh = make(map[int64]bool)
	}
	// An ID a rolled-back savepoint had used is created afresh here, so
	// the set stays true of every ID in it.
	x.fresh[t.ID] = true
	return nil
}

func (x *txn) UpdateTicket(ctx context.Context, t *gateway.Ticket) error {
	_, err := x.tx.ExecContext(ctx, `UPDATE tickets SET status = ?, priority = ?, priority_reason = ?,
		customer_name = ?, customer_address = ?, subject = ?, language = ?, flags = ?, linked_ticket_id = ?,
		response_due = ?, resolution_due = ?, first_response_at = ?, resolved_at = ?, closed_at = ?,
		close_reason = ?, updated_at = ?, tier = ?, missing = ?, response_calendar = ?, resolution_calendar = ?,
		response_target = ?, resolution_target = ?, assignee = ?, paused_at = ?, response_paused_ns = ?,
		resolution_paused_ns = ?, confirm_by = ?, remind_at = ?, sla_warned = ?, wake_at = ?, sla_warned_resolution = ?,
		response_rule = ?, resolution_rule = ?, sla_mailbox = ?, progress_due = ?, progress_target = ?,
		progress_calendar = ?, level = ?, priority_why = ? WHERE id = ?`,
		string(t.Status), int(t.Priority), t.PriorityReason, t.Customer.Name, t.Customer.Address, t.Subject,
		t.Language, strings.Join(t.Flags, ","), nullID(t.LinkedTicketID), nullTime(t.ResponseDue),
		nullTime(t.ResolutionDue), nullTime(t.FirstResponseAt), nullTime(t.ResolvedAt), nullTime(t.ClosedAt),
		t.CloseReason, formatTime(t.UpdatedAt), t.Tier, strings.Join(t.Missing, "\n"), t.ResponseCalendar,
		t.ResolutionCalendar, t.ResponseTarget, t.ResolutionTarget, t.Assignee, nullTime(t.PausedAt),
		int64(t.ResponsePaused), int64(t.ResolutionPaused), nullTime(t.ConfirmBy), nullTime(t.RemindAt), t.SLAWarned,
		nullTime(t.WakeAt), t.SLAWarnedResolution, t.ResponseRule, t.ResolutionRule, t.SLAMailbox,
		nullTime(t.ProgressDue), t.ProgressTarget, t.ProgressCalendar, max(t.Level, 1), gateway.MarshalReason(t.PriorityWhy), t.ID)
	if err != nil {
		return fmt.Errorf("update ticket %s: %w", t.Reference, err)
	}
	return nil
}

func (x *txn) TicketsWaking(ctx context.Context, now, afterAt time.Time, afterID int64, limit int) ([]gateway.Waking, error) {
	rows, err := x.tx.QueryContext(ctx, `SELECT id, wake_at FROM tickets WHERE wake_at <= ? AND (wake_at, id) > (?, ?)
		ORDER BY wake_at, id LIMIT ?`, formatTime(now), formatTime(afterAt), afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("list tickets with timers due: %w", err)
	}
	defer rows.Close()
	var out []gateway.Waking
	for rows.Next() {
		var (
			w  gateway.Waking
			at string
		)
		if err := rows.Scan(&w.ID, &at); err != nil {
			return nil, fmt.Errorf("list tickets with timers due: %w", err)
		}
		if w.WakeAt, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("ticket #%d: %w", w.ID, err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

func (x *txn) SetWakeAt(ctx context.Context, ticketID int64, at *time.Time) error {
	if _, err := x.tx.ExecContext(ctx, `UPDATE tickets SET wake_at = ? WHERE id = ?`, nullTime(at), ticketID); err != nil {
		return fmt.Errorf("set timer of ticket #%d: %w", ticketID, err)
	}
	return nil
}

func (x *txn) ticketsWhere(ctx context.Context, what, where string, args ...any) ([]gateway.Ticket, error) {
	rows, err := x.tx.QueryContext(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list tickets%s: %w", what, err)
	}
	defer rows.Close()
	var out []gateway.Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, fmt.Errorf("list tickets%s: %w", what, err)
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func (x *txn) NextReferenceNumber(ctx context.Context, prefix string, year int) (int64, error) {
	var n int64
	err := x.tx.QueryRowContext(ctx, `INSERT INTO ref_counters (prefix, year, last) VALUES (?, ?, 1)
		ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last`, prefix, year).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("allocate reference number for %s-%d: %w", prefix, year, err)
	}
	return n, nil
}

// RawChunk is how much of a raw message one row holds. A message up to
// it is one row of raw_messages; a larger one is read and stored a chunk
// at a time, so that its size never has to fit in memory.
const RawChunk = 512 << 10

// Raw encodings (raw_messages.encoding): rows written before deflate
// hold the bytes as they are.
const (
	RawPlain   = ""
	RawDeflate = "deflate"
	RawChunks  = "chunks"
)

func (x *txn) PutRaw(ctx context.Context, sha string, r io.ReaderAt, size int64, at time.Time) (int64, error) {
	var id int64
	if size <= RawChunk {
		// Ingest has just looked the hash up (EntryByRawSHA), so the row
		// is nearly always new: insert first, and read the existing row
		// only when the insert finds one.
		buf := make([]byte, size)
		if _, err := r.ReadAt(buf, 0); err != nil && !errors.Is(err, io.EOF) {
			return 0, fmt.Errorf("read raw message %s: %w", sha[:12], err)
		}
		err := x.tx.QueryRowContext(ctx, `INSERT INTO raw_messages (sha256, size, data, created_at, encoding)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id`, sha, size, Deflate(buf), formatTime(at), RawDeflate).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return x.rawBySHA(ctx, sha)
		}
		if err != nil {
			return 0, fmt.Errorf("store raw message %s: %w", sha[:12], err)
		}
		return id, nil
	}
	if id, err := x.rawBySHA(ctx, sha); err == nil || !errors.Is(err, gateway.ErrNotFound) {
		return id, err
	}
	err := x.tx.QueryRowContext(ctx, `INSERT INTO raw_messages (sha256, size, data, created_at, encoding)
		VALUES (?, ?, x'', ?, ?) RETURNING id`, sha, size, formatTime(at), RawChunks).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store raw message %s: %w", sha[:12], err)
	}
	buf := make([]byte, RawChunk)
	for seq, off := 0, int64(0); off < size; seq, off = seq+1, off+RawChunk {
		n, err := r.ReadAt(buf[:min(RawChunk, size-off)], off)
		if err != nil && !(errors.Is(err, io.EOF) && int64(n) == min(RawChunk, size-off)) {
			return 0, fmt.Errorf("read raw message %s at %d: %w", sha[:12], off, err)
		}
		if _, err := x.tx.ExecContext(ctx, `INSERT INTO raw_chunks (raw_id, seq, data) VALUES (?, ?, ?)`,
			id, seq, Deflate(buf[:n])); err != nil {
			return 0, fmt.Errorf("store raw message %s chunk %d: %w", sha[:12], seq, err)
		}
	}
	return id, nil
}

// rawBySHA returns the row of a stored raw message; ErrNotFound when
// there is none.
func (x *txn) rawBySHA(ctx context.Context, sha string) (int64, error) {
	var id int64
	err := x.tx.QueryRowContext(ctx, `SELECT id FROM raw_messages WHERE sha256 = ?`, sha).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, gateway.ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("look up raw message %s: %w", sha[:12], err)
	}
	return id, nil
}

// Raw reads a raw message back whole.
// raw reads a whole raw message; the gateway copies a piece at a time.
func (x *txn) raw(ctx context.Context, rawID int64) ([]byte, error) {
	var b bytes.Buffer
	if err := x.CopyRaw(ctx, rawID, &b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// CopyRaw writes a raw message to w a chunk at a time.
func (x *txn) CopyRaw(ctx context.Context, rawID int64, w io.Writer) error {
	var (
		data     []byte
		encoding string
		size     int64
	)
	err := x.tx.QueryRowContext(ctx, `SELECT data, encoding, size FROM raw_messages WHERE id = ?`, rawID).Scan(&data, &encoding, &size)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("raw message %d: %w", rawID, gateway.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("raw message %d: %w", rawID, err)
	}
	switch encoding {
	case RawPlain:
		_, err = w.Write(data)
		return err
	case RawDeflate:
		b, err := Inflate(data)
		if err == nil {
			_, err = w.Write(b)
		}
		return err
	case RawChunks:
	default:
		return fmt.Errorf("raw message %d: unknown encoding %q", rawID, encoding)
	}
	var written int64
	for seq := 0; written < size; seq++ {
		var z []byte
		err := x.tx.QueryRowContext(ctx, `SELECT data FROM raw_chunks WHERE raw_id = ? AND seq = ?`, rawID, seq).Scan(&z)
		if err != nil {
			return fmt.Errorf("raw message %d chunk %d: %w", rawID, seq, err)
		}
		b, err := Inflate(z)
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

func (x *txn) AddEntry(ctx context.Context, e *gateway.Entry) error {
	to, _ := json.Marshal(nonNil(e.To))
	cc, _ := json.Marshal(nonNil(e.Cc))
	problems, _ := json.Marshal(nonNilStrings(e.Problems))
	var sent any
	if !e.SentAt.IsZero() {
		sent = formatTime(e.SentAt)
	}
	res, err := x.tx.ExecContext(ctx, `INSERT INTO messages (ticket_id, raw_id, mailbox, direction, author_kind, kind,
		kind_reason, message_id, in_reply_to, refs, from_name, from_address, to_json, cc_json, subject, sent_at,
		bodies, problems_json, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		nullID(e.TicketID), e.RawID, e.Mailbox, string(e.Direction), string(e.AuthorKind), string(e.Kind),
		e.KindReason, e.MessageID, strings.Join(e.InReplyTo, " "), strings.Join(e.References, " "), e.From.Name,
		e.From.Address, string(to), string(cc), e.Subject, sent, PackBodies(e.Text, e.Reply, e.HTML), string(problems),
		formatTime(e.CreatedAt))
	if err != nil {
		return fmt.Errorf("record message %q: %w", e.MessageID, err)
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	x.lastEntry, x.lastText = e.ID, e.Text
	if err := x.indexEntry(ctx, e); err != nil {
		return err
	}
	for _, a := range e.Attachments {
		_, err := x.tx.ExecContext(ctx, `INSERT INTO attachments (entry_id, filename, content_type, disposition,
			content_id, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			e.ID, a.Filename, a.ContentType, a.Disposition, a.ContentID, a.Size, a.SHA256)
		if err != nil {
			return fmt.Errorf("record attachment %q: %w", a.Filename, err)
		}
	}
	return nil
}

func nonNil(a []gateway.Address) []gateway.Address {
	if a == nil {
		return []gateway.Address{}
	}
	return a
}

func nonNilStrings(a []string) []string {
	if a == nil {
		return []string{}
	}
	return a
}

const entryColumns = `id, ticket_id, raw_id, mailbox, direction, author_kind, kind, kind_reason, message_id,
	in_reply_to, refs, from_name, from_address, to_json, cc_json, subject, sent_at, problems_json, created_at`

func (x *txn) queryEntries(ctx context.Context, withBodies bool, where string, args ...any) ([]gateway.Entry, error) {
	cols := entryColumns
	if withBodies {
		cols += `, body_text, body_reply, body_html, bodies`
	}
	rows, err := x.tx.QueryContext(ctx, `SELECT `+cols+` FROM messages WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []gateway.Entry
	for rows.Next() {
		var (
			e                                        gateway.Entry
			ticket                                   sql.NullInt64
			dir, author, kind, irt, refs, to, cc, pj string
			sent                                     sql.NullString
			created                                  string
			bodies                                   []byte
		)
		dst := []any{&e.ID, &ticket, &e.RawID, &e.Mailbox, &dir, &author, &kind, &e.KindReason, &e.MessageID, &irt,
			&refs, &e.From.Name, &e.From.Address, &to, &cc, &e.Subject, &sent, &pj, &created}
		if withBodies {
			dst = append(dst, &e.Text, &e.Reply, &e.HTML, &bodies)
		}
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		if bodies != nil {
			var err error
			if e.Text, e.Reply, e.HTML, err = UnpackBodies(bodies); err != nil {
				return nil, fmt.Errorf("message %d: %w", e.ID, err)
			}
		}
		e.TicketID = ticket.Int64
		e.Direction, e.AuthorKind, e.Kind = gateway.Direction(dir), gateway.AuthorKind(author), parser.Kind(kind)
		e.InReplyTo, e.References = strings.Fields(irt), strings.Fields(refs)
		if err := errors.Join(json.Unmarshal([]byte(to), &e.To), json.Unmarshal([]byte(cc), &e.Cc),
			json.Unmarshal([]byte(pj), &e.Problems)); err != nil {
			return nil, fmt.Errorf("message %d: %w", e.ID, err)
		}
		if sent.Valid {
			if e.SentAt, err = parseTime(sent.String); err != nil {
				return nil, err
			}
		}
		if e.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (x *txn) Entries(ctx context.Context, ticketID int64) ([]gateway.Entry, error) {
	es, err := x.queryEntries(ctx, true, `ticket_id = ?`, ticketID)
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
	rows, err := x.tx.QueryContext(ctx, `SELECT filename, content_type, disposition, content_id, size, sha256
		FROM attachments WHERE entry_id = ? ORDER BY id`, entryID)
	if err != nil {
		return nil, fmt.Errorf("attachments of message %d: %w", entryID, err)
	}
	defer rows.Close()
	var out []gateway.Attachment
	for rows.Next() {
		var a gateway.Attachment
		if err := rows.Scan(&a.Filename, &a.ContentType, &a.Disposition, &a.ContentID, &a.Size, &a.SHA256); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (x *txn) EntriesByMessageID(ctx context.Context, messageID string) ([]gateway.Entry, error) {
	es, err := x.queryEntries(ctx, false, `message_id = ?`, messageID)
	if err != nil {
		return nil, fmt.Errorf("messages with Message-ID %q: %w", messageID, err)
	}
	return es, nil
}

func (x *txn) EntryByRawSHA(ctx context.Context, sha string) (*gateway.Entry, error) {
	es, err := x.queryEntries(ctx, false, `raw_id = (SELECT id FROM raw_messages WHERE sha256 = ?)`, sha)
	if err != nil {
		return nil, fmt.Errorf("message by content hash: %w", err)
	}
	if len(es) == 0 {
		return nil, gateway.ErrNotFound
	}
	return &es[0], nil
}

func (x *txn) AddEvent(ctx context.Context, ev *gateway.Event) error {
	res, err := x.tx.ExecContext(ctx, `INSERT INTO events (ticket_id, entry_id, at, kind, actor, detail)
		VALUES (?, ?, ?, ?, ?, ?)`, ev.TicketID, nullID(ev.EntryID), formatTime(ev.At), ev.Kind, ev.Actor, ev.Detail)
	if err != nil {
		return fmt.Errorf("record %s event: %w", ev.Kind, err)
	}
	ev.ID, err = res.LastInsertId()
	return err
}

func (x *txn) Events(ctx context.Context, ticketID int64) ([]gateway.Event, error) {
	rows, err := x.tx.QueryContext(ctx, `SELECT id, ticket_id, entry_id, at, kind, actor, detail
		FROM events WHERE ticket_id = ? ORDER BY id`, ticketID)
	if err != nil {
		return nil, fmt.Errorf("events of ticket #%d: %w", ticketID, err)
	}
	defer rows.Close()
	var out []gateway.Event
	for rows.Next() {
		var (
			ev  gateway.Event
			mid sql.NullInt64
			at  string
		)
		if err := rows.Scan(&ev.ID, &ev.TicketID, &mid, &at, &ev.Kind, &ev.Actor, &ev.Detail); err != nil {
			return nil, err
		}
		ev.EntryID = mid.Int64
		if ev.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

func (x *txn) AddParticipant(ctx context.Context, ticketID int64, address, role string) error {
	if address == "" {
		return nil
	}
	_, err := x.tx.ExecContext(ctx, `INSERT INTO participants (ticket_id, address, role) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, ticketID, strings.ToLower(address), role)
	if err != nil {
		return fmt.Errorf("add participant to ticket #%d: %w", ticketID, err)
	}
	return nil
}

func (x *txn) IsParticipant(ctx context.Context, ticketID int64, address string) (bool, error) {
	var n int
	err := x.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM participants WHERE ticket_id = ? AND address = ?`,
		ticketID, strings.ToLower(address)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("participants of ticket #%d: %w", ticketID, err)
	}
	return n > 0, nil
}

func (x *txn) SeenAt(ctx context.Context, src gateway.Source) (int64, bool, error) {
	var id int64
	err := x.tx.QueryRowContext(ctx, `SELECT entry_id FROM seen_uids WHERE mailbox = ? AND uidvalidity = ? AND uid = ?`,
		src.Mailbox, src.UIDValidity, src.UID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("look up %s uid %d: %w", src.Mailbox, src.UID, err)
	}
	return id, true, nil
}

func (x *txn) MarkSeen(ctx context.Context, src gateway.Source, entryID int64) error {
	_, err := x.tx.ExecContext(ctx, `INSERT INTO seen_uids (mailbox, uidvalidity, uid, entry_id) VALUES (?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, src.Mailbox, src.UIDValidity, src.UID, entryID)
	if err != nil {
		return fmt.Errorf("record %s uid %d: %w", src.Mailbox, src.UID, err)
	}
	return nil
}

const mailboxStateColumns = `mailbox, uidvalidity, last_uid, last_sync_at, last_error, last_error_at`

func scanMailboxState(sc interface{ Scan(...any) error }) (gateway.MailboxState, error) {
	var st gateway.MailboxState
	var synced, failed sql.NullString
	if err := sc.Scan(&st.Mailbox, &st.UIDValidity, &st.LastUID, &synced, &st.LastError, &failed); err != nil {
		return st, err
	}
	var err error
	if st.LastSyncAt, err = scanNullTime(synced); err != nil {
		return st, err
	}
	st.LastErrorAt, err = scanNullTime(failed)
	return st, err
}

func (x *txn) MailboxStates(ctx context.Context) ([]gateway.MailboxState, error) {
	rows, err := x.tx.QueryContext(ctx, `SELECT `+mailboxStateColumns+` FROM mailbox_state ORDER BY mailbox`)
	if err != nil {
		return nil, fmt.Errorf("list mailbox states: %w", err)
	}
	defer rows.Close()
	var out []gateway.MailboxState
	for rows.Next() {
		st, err := scanMailboxState(rows)
		if err != nil {
			return nil, fmt.Errorf("list mailbox states: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

func (x *txn) SaveMailboxState(ctx context.Context, st gateway.MailboxState) error {
	_, err := x.tx.ExecContext(ctx, `INSERT INTO mailbox_state (`+mailboxStateColumns+`) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,
		last_sync_at = excluded.last_sync_at, last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
		st.Mailbox, st.UIDValidity, st.LastUID, nullTime(st.LastSyncAt), st.LastError, nullTime(st.LastErrorAt))
	if err != nil {
		return fmt.Errorf("save state of mailbox %s: %w", st.Mailbox, err)
	}
	return nil
}

// Savepoint runs fn inside SAVEPOINT … RELEASE, rolling back to the
// savepoint when fn fails so that the rest of the transaction stands.
func (x *txn) Savepoint(ctx context.Context, fn func() error) error {
	x.depth++
	defer func() { x.depth-- }()
	name := fmt.Sprintf("sp%d", x.depth)
	if _, err := x.tx.ExecContext(ctx, "SAVEPOINT "+name); err != nil {
		return fmt.Errorf("%w: open savepoint: %w", gateway.ErrTxBroken, err)
	}
	pending := len(x.search)
	if ferr := fn(); ferr != nil {
		x.search = x.search[:pending]
		clear(x.templates)
		x.tally = mailTally{}
		if _, err := x.tx.ExecContext(ctx, "ROLLBACK TO "+name); err != nil {
			return fmt.Errorf("%w: roll back savepoint after %w: %w", gateway.ErrTxBroken, ferr, err)
		}
		if _, err := x.tx.ExecContext(ctx, "RELEASE "+name); err != nil {
			return fmt.Errorf("%w: release savepoint after %w: %w", gateway.ErrTxBroken, ferr, err)
		}
		return ferr
	}
	if _, err := x.tx.ExecContext(ctx, "RELEASE "+name); err != nil {
		return fmt.Errorf("%w: release savepoint: %w", gateway.ErrTxBroken, err)
	}
	return nil
}
