package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"ticketgate/gateway"
	"ticketgate/templates"
)

const outboxColumns = `o.id, o.ticket_id, COALESCE(t.reference, ''), o.mailbox, o.kind, o.automatic, o.data, o.status,
	o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.sent_at, o.quotes, o.claimed_until`

const outboxFrom = ` FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id `

// scanOutbox reads a row; its mail, data, is decoded by decodeOutbox once
// the rows are closed, since it may need the quoted message.
func scanOutbox(sc interface{ Scan(...any) error }) (m *gateway.OutboxMail, data []byte, err error) {
	var (
		row           gateway.OutboxMail
		ticket        sql.NullInt64
		status        string
		next, created string
		sent, claimed sql.NullString
		quotes        sql.NullInt64
	)
	m = &row
	if err := sc.Scan(&m.ID, &ticket, &m.Ticket, &m.Mailbox, &m.Kind, &m.Automatic, &data, &status, &m.Attempts,
		&next, &m.LastError, &created, &sent, &quotes, &claimed); err != nil {
		return nil, nil, err
	}
	m.TicketID, m.Status, m.Quotes = ticket.Int64, gateway.OutboxStatus(status), quotes.Int64
	var err1, err2, err3, err4 error
	m.NextAttemptAt, err1 = parseTime(next)
	m.CreatedAt, err2 = parseTime(created)
	m.SentAt, err3 = scanNullTime(sent)
	m.ClaimedUntil, err4 = scanNullTime(claimed)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return nil, nil, fmt.Errorf("outbox #%d: %w", m.ID, err)
	}
	return m, data, nil
}

func (x *txn) decodeOutbox(ctx context.Context, m *gateway.OutboxMail, data []byte) error {
	js, err := UnpackOutbox(data, m.Kind, func() ([]byte, error) { return x.quotedText(ctx, m.Quotes) })
	if err != nil {
		return fmt.Errorf("outbox #%d: %w", m.ID, err)
	}
	if m.Mail, err = DecodeMail(js); err != nil {
		return fmt.Errorf("outbox #%d: %w", m.ID, err)
	}
	return nil
}

// quotedText is the dictionary an outgoing mail was packed against: the
// text of the message it quotes.
func (x *txn) quotedText(ctx context.Context, entryID int64) ([]byte, error) {
	if entryID == x.lastEntry {
		return QuoteDict(x.lastText), nil
	}
	es, err := x.queryEntries(ctx, true, `id = ?`, entryID)
	if err != nil {
		return nil, fmt.Errorf("quoted message %d: %w", entryID, err)
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("quoted message %d: %w", entryID, gateway.ErrNotFound)
	}
	return QuoteDict(es[0].Text), nil
}

func (x *txn) EnqueueMail(ctx context.Context, m *gateway.OutboxMail) error {
	data, err := EncodeMail(m.Mail)
	if err != nil {
		return fmt.Errorf("encode %s mail: %w", m.Kind, err)
	}
	to := ""
	if len(m.Mail.To) > 0 {
		to = strings.ToLower(m.Mail.To[0].Address)
	}
	var dict []byte
	if m.Quotes != 0 {
		if dict, err = x.quotedText(ctx, m.Quotes); err != nil {
			return fmt.Errorf("queue %s mail: %w", m.Kind, err)
		}
	}
	res, err := x.tx.ExecContext(ctx, `INSERT INTO outbox (ticket_id, kind, to_address, subject, message_id, data, status,
		attempts, next_attempt_at, created_at, automatic, mailbox, quotes) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
		nullID(m.TicketID), m.Kind, to, m.Mail.Subject, m.Mail.MessageID, PackOutbox(data, m.Kind, dict), string(m.Status),
		formatTime(m.NextAttemptAt), formatTime(m.CreatedAt), m.Automatic, m.Mailbox, nullID(m.Quotes))
	if err != nil {
		return fmt.Errorf("queue %s mail to %s: %w", m.Kind, to, err)
	}
	if m.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if x.tally.ok && m.Automatic && !m.CreatedAt.Before(x.tally.since) {
		x.tally.n++
	}
	return nil
}

func (x *txn) UpdateOutbox(ctx context.Context, m *gateway.OutboxMail) error {
	_, err := x.tx.ExecContext(ctx, `UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,
		sent_at = ?, claimed_until = ? WHERE id = ?`, string(m.Status), m.Attempts, formatTime(m.NextAttemptAt), m.LastError,
		nullTime(m.SentAt), nullTime(m.ClaimedUntil), m.ID)
	if err != nil {
		return fmt.Errorf("update outbox #%d: %w", m.ID, err)
	}
	return nil
}

func (x *txn) queryOutbox(ctx context.Context, rest string, args ...any) ([]gateway.OutboxMail, error) {
	return x.queryOutboxFrom(ctx, outboxFrom, rest, args...)
}

func (x *txn) queryOutboxFrom(ctx context.Context, from, rest string, args ...any) ([]gateway.OutboxMail, error) {
	rows, err := x.tx.QueryContext(ctx, `SELECT `+outboxColumns+from+rest, args...)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	defer rows.Close()
	var (
		out  []gateway.OutboxMail
		data [][]byte
	)
	for rows.Next() {
		m, d, err := scanOutbox(rows)
		if err != nil {
			return nil, err
		}
		out, data = append(out, *m), append(data, d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for i := range out {
		if err := x.decodeOutbox(ctx, &out[i], data[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (x *txn) ClaimOutbox(ctx context.Context, now, until time.Time, limit int) ([]gateway.OutboxMail, error) {
	if limit <= 0 {
		limit = 100
	}
	// The queue's own index holds pending mail only; without the hint the
	// planner may prefer the status index, which sorts every pending row.
	ms, err := x.queryOutboxFrom(ctx, ` FROM outbox o INDEXED BY outbox_due LEFT JOIN tickets t ON t.id = o.ticket_id `,
		`WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?)
		ORDER BY o.next_attempt_at, o.id LIMIT ?`,
		formatTime(now), formatTime(now), limit)
	if err != nil {
		return nil, err
	}
	for i := range ms {
		if _, err := x.tx.ExecContext(ctx, `UPDATE outbox SET claimed_until = ? WHERE id = ?`, formatTime(until), ms[i].ID); err != nil {
			return nil, fmt.Errorf("claim outbox #%d: %w", ms[i].ID, err)
		}
		ms[i].ClaimedUntil = &until
	}
	return ms, nil
}

func (x *txn) OutboxByID(ctx context.Context, id int64) (*gateway.OutboxMail, error) {
	return x.outboxOne(ctx, fmt.Sprintf("outbox #%d", id), `WHERE o.id = ?`, id)
}

func (x *txn) OutboxRef(ctx context.Context, messageID string) (gateway.OutboxRef, error) {
	var (
		r       gateway.OutboxRef
		ticket  sql.NullInt64
		created string
	)
	err := x.tx.QueryRowContext(ctx, `SELECT id, ticket_id, kind, created_at FROM outbox WHERE message_id = ?`, messageID).
		Scan(&r.ID, &ticket, &r.Kind, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("outbox mail <%s>: %w", messageID, gateway.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("outbox mail <%s>: %w", messageID, err)
	}
	r.TicketID = ticket.Int64
	r.CreatedAt, err = parseTime(created)
	return r, err
}

func (x *txn) outboxOne(ctx context.Context, what, where string, arg any) (*gateway.OutboxMail, error) {
	ms, err := x.queryOutbox(ctx, where, arg)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("%s: %w", what, gateway.ErrNotFound)
	}
	return &ms[0], nil
}

func (x *txn) OutboxList(ctx context.Context, f gateway.OutboxFilter) ([]gateway.OutboxMail, error) {
	var where []string
	var args []any
	if f.Status != "" {
		where, args = append(where, "o.status = ?"), append(args, string(f.Status))
	}
	if f.TicketID != 0 {
		where, args = append(where, "o.ticket_id = ?"), append(args, f.TicketID)
	}
	if f.Before > 0 {
		where, args = append(where, "o.id < ?"), append(args, f.Before)
	}
	q := ""
	if len(where) > 0 {
		q = "WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY o.id DESC"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	return x.queryOutbox(ctx, q, args...)
}

// CountMail counts outgoing mail. The conditions are written out, not
// bound, where an index depends on them: SQLite uses a partial index only
// when the query states its condition.
func (x *txn) CountMail(ctx context.Context, q gateway.MailCount) (int, error) {
	tally := q.TicketID == 0 && q.To == "" && q.Automatic && q.Status == "" && !q.Since.IsZero() && len(q.Kinds) == 0
	if t := x.tally; tally && t.ok && t.since.Equal(q.Since) && t.atMost == q.AtMost {
		if q.AtMost > 0 {
			return min(t.n, q.AtMost), nil
		}
		return t.n, nil
	}
	n, err := x.countMail(ctx, q)
	if err == nil && tally {
		x.tally = mailTally{ok: true, since: q.Since, atMost: q.AtMost, n: n}
	}
	return n, err
}

// mailTally is a count of automatic mail since a time that the
// transaction keeps up to date as it queues mail: the hourly ceiling on
// all automatic mail is asked for every message of a batch, and a range
// count grows with the hour's mail. The transaction holds the write lock,
// so no other writer can add to what it counted.
type mailTally struct {
	ok        bool
	since     time.Time
	atMost, n int
}

func (x *txn) countMail(ctx context.Context, q gateway.MailCount) (int, error) {
	var (
		where []string
		args  []any
	)
	if q.TicketID != 0 {
		where, args = append(where, "ticket_id = ?"), append(args, q.TicketID)
	}
	if q.To != "" {
		where, args = append(where, "to_address = ?"), append(args, strings.ToLower(q.To))
	}
	if q.Automatic {
		where = append(where, "automatic = 1")
	}
	if q.Status != "" {
		where, args = append(where, "status = ?"), append(args, string(q.Status))
	}
	if !q.Since.IsZero() {
		where, args = append(where, "created_at >= ?"), append(args, formatTime(q.Since))
	}
	if len(q.Kinds) > 0 {
		where = append(where, "kind IN (?"+strings.Repeat(", ?", len(q.Kinds)-1)+")")
		for _, k := range q.Kinds {
			args = append(args, k)
		}
	}
	query := "SELECT 1 FROM outbox"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	if q.AtMost > 0 {
		query, args = query+" LIMIT ?", append(args, q.AtMost)
	}
	var n int
	if err := x.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM ("+query+")", args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count outgoing mail: %w", err)
	}
	return n, nil
}

const templateColumns = `name, language, version, subject, text_body, html_body, updated_by, updated_at`

func scanTemplate(sc interface{ Scan(...any) error }) (gateway.Template, error) {
	var (
		t                   gateway.Template
		subject, text, html string
		at                  string
	)
	if err := sc.Scan(&t.Name, &t.Lang, &t.Version, &subject, &text, &html, &t.UpdatedBy, &at); err != nil {
		return t, err
	}
	t.Doc = templates.Doc{Name: t.Name, Lang: t.Lang, Subject: subject, Text: text, HTML: html}
	// Re-parse the stored parts so the line numbers of errors are right.
	if d, err := templates.Parse(t.Name, t.Lang, t.Doc.String()); err == nil {
		t.Doc = d
	}
	var err error
	t.UpdatedAt, err = parseTime(at)
	return t, err
}

// templateRead is a template as this transaction read it.
type templateRead struct {
	t   gateway.Template
	err error
}

func (x *txn) Template(ctx context.Context, name, lang string) (gateway.Template, error) {
	// Each mail a batch queues reads its template: within one transaction
	// only SaveTemplate (or an undone savepoint) can change the answer.
	key := [2]string{name, lang}
	if r, ok := x.templates[key]; ok {
		return r.t, r.err
	}
	t, err := scanTemplate(x.tx.QueryRowContext(ctx, `SELECT `+templateColumns+` FROM templates WHERE name = ? AND language = ?`, name, lang))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = gateway.ErrNotFound
	case err != nil:
		return t, fmt.Errorf("read template %s (%s): %w", name, lang, err)
	}
	if x.templates == nil {
		x.templates = make(map[[2]string]templateRead)
	}
	x.templates[key] = templateRead{t, err}
	return t, err
}

func (x *txn) TemplateVersions(ctx context.Context, name string) ([]gateway.Template, error) {
	rows, err := x.tx.QueryContext(ctx, `SELECT `+templateColumns+` FROM template_versions WHERE name = ?
		ORDER BY language, version`, name)
	if err != nil {
		return nil, fmt.Errorf("history of template %s: %w", name, err)
	}
	defer rows.Close()
	var out []gateway.Template
	for rows.Next() {
		t, err := scanTemplate(rows)
		if err != nil {
			return nil, fmt.Errorf("history of template %s: %w", name, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (x *txn) SaveTemplate(ctx context.Context, t *gateway.Template) error {
	clear(x.templates)
	err := x.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM template_versions WHERE name = ? AND language = ?`,
		t.Name, t.Lang).Scan(&t.Version)
	if err != nil {
		return fmt.Errorf("next version of template %s (%s): %w", t.Name, t.Lang, err)
	}
	args := []any{t.Name, t.Lang, t.Version, t.Doc.Subject, t.Doc.Text, t.Doc.HTML, t.UpdatedBy, formatTime(t.UpdatedAt)}
	if _, err := x.tx.ExecContext(ctx, `INSERT INTO template_versions (`+templateColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, args...); err != nil {
		return fmt.Errorf("store template %s (%s) version %d: %w", t.Name, t.Lang, t.Version, err)
	}
	if _, err := x.tx.ExecContext(ctx, `INSERT INTO templates (`+templateColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (name, language) DO UPDATE SET version = excluded.version, subject = excluded.subject,
		text_body = excluded.text_body, html_body = excluded.html_body, updated_by = excluded.updated_by,
		updated_at = excluded.updated_at`, args...); err != nil {
		return fmt.Errorf("store template %s (%s): %w", t.Name, t.Lang, err)
	}
	return nil
}
