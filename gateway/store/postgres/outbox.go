package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
	"ticketgate/templates"
)

const outboxColumns = `o.id, o.ticket_id, COALESCE(t.reference, ''), o.mailbox, o.kind, o.automatic, o.data, o.status,
	o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.sent_at, o.quotes, o.claimed_until`

const outboxFrom = ` FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id `

// outboxRow is a row read; its mail, data, is decoded once the rows are
// closed, since it may need the quoted message.
type outboxRow struct {
	m    gateway.OutboxMail
	data []byte
}

func scanOutbox(r pgx.CollectableRow) (outboxRow, error) {
	var (
		o              outboxRow
		ticket, quotes *int64
		status         string
	)
	m := &o.m
	err := r.Scan(&m.ID, &ticket, &m.Ticket, &m.Mailbox, &m.Kind, &m.Automatic, &o.data, &status, &m.Attempts,
		&m.NextAttemptAt, &m.LastError, &m.CreatedAt, &m.SentAt, &quotes, &m.ClaimedUntil)
	if ticket != nil {
		m.TicketID = *ticket
	}
	if quotes != nil {
		m.Quotes = *quotes
	}
	m.Status = gateway.OutboxStatus(status)
	return o, err
}

// quotedText is the dictionary an outgoing mail was packed against: the
// text of the message it quotes.
func (x *txn) quotedText(ctx context.Context, entryID int64) ([]byte, error) {
	if entryID == x.lastEntry {
		return store.QuoteDict(x.lastText), nil
	}
	es, err := x.queryEntries(ctx, true, `id = $1`, entryID)
	if err != nil {
		return nil, fmt.Errorf("quoted message %d: %w", entryID, err)
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("quoted message %d: %w", entryID, gateway.ErrNotFound)
	}
	return store.QuoteDict(es[0].Text), nil
}

func (x *txn) EnqueueMail(ctx context.Context, m *gateway.OutboxMail) error {
	data, err := store.EncodeMail(m.Mail)
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
	err = x.queryRow(ctx, `INSERT INTO outbox (ticket_id, kind, to_address, subject, message_id, data, status,
		attempts, next_attempt_at, created_at, automatic, mailbox, quotes)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10, $11, $12) RETURNING id`,
		nullID(m.TicketID), m.Kind, to, m.Mail.Subject, m.Mail.MessageID, store.PackOutbox(data, m.Kind, dict), string(m.Status),
		m.NextAttemptAt, m.CreatedAt, m.Automatic, m.Mailbox, nullID(m.Quotes)).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("queue %s mail to %s: %w", m.Kind, to, err)
	}
	return nil
}

func (x *txn) UpdateOutbox(ctx context.Context, m *gateway.OutboxMail) error {
	_, err := x.exec(ctx, `UPDATE outbox SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4,
		sent_at = $5, claimed_until = $6, claimed_by = CASE WHEN $6::bigint IS NULL THEN '' ELSE claimed_by END WHERE id = $7`, string(m.Status), m.Attempts, m.NextAttemptAt, m.LastError,
		m.SentAt, m.ClaimedUntil, m.ID)
	if err != nil {
		return fmt.Errorf("update outbox #%d: %w", m.ID, err)
	}
	return nil
}

func (x *txn) queryOutbox(ctx context.Context, rest string, args ...any) ([]gateway.OutboxMail, error) {
	rows, err := collect(ctx, x, scanOutbox, `SELECT `+outboxColumns+outboxFrom+rest, args...)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	var out []gateway.OutboxMail
	for _, r := range rows {
		m := r.m
		js, err := store.UnpackOutbox(r.data, m.Kind, func() ([]byte, error) { return x.quotedText(ctx, m.Quotes) })
		if err != nil {
			return nil, fmt.Errorf("outbox #%d: %w", m.ID, err)
		}
		if m.Mail, err = store.DecodeMail(js); err != nil {
			return nil, fmt.Errorf("outbox #%d: %w", m.ID, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// ClaimOutbox locks the due rows it takes with FOR UPDATE SKIP LOCKED: a
// sender in another process claiming at the same moment passes over
// them and takes the next ones, instead of waiting or taking the same.
func (x *txn) ClaimOutbox(ctx context.Context, now, until time.Time, limit int) ([]gateway.OutboxMail, error) {
	if limit <= 0 {
		limit = 100
	}
	ids, err := collect(ctx, x, pgx.RowTo[int64], `WITH due AS (
			SELECT id FROM outbox
			WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
			ORDER BY next_attempt_at, id LIMIT $3
			FOR UPDATE SKIP LOCKED)
		UPDATE outbox o SET claimed_until = $2, claimed_by = $4 FROM due WHERE o.id = due.id RETURNING o.id`,
		now, until, limit, x.claimer)
	if err != nil {
		return nil, fmt.Errorf("claim due mail: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return x.queryOutbox(ctx, `WHERE o.id = ANY($1) ORDER BY o.next_attempt_at, o.id`, ids)
}

func (x *txn) OutboxByID(ctx context.Context, id int64) (*gateway.OutboxMail, error) {
	where := `WHERE o.id = $1`
	if x.locking {
		where += ` FOR UPDATE OF o`
	}
	ms, err := x.queryOutbox(ctx, where, id)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("outbox #%d: %w", id, gateway.ErrNotFound)
	}
	return &ms[0], nil
}

func (x *txn) OutboxRef(ctx context.Context, messageID string) (gateway.OutboxRef, error) {
	var (
		r      gateway.OutboxRef
		ticket *int64
	)
	err := x.queryRow(ctx, `SELECT id, ticket_id, kind, created_at FROM outbox WHERE message_id = $1`, messageID).
		Scan(&r.ID, &ticket, &r.Kind, &r.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("outbox mail <%s>: %w", messageID, gateway.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("outbox mail <%s>: %w", messageID, err)
	}
	if ticket != nil {
		r.TicketID = *ticket
	}
	return r, nil
}

func (x *txn) OutboxList(ctx context.Context, f gateway.OutboxFilter) ([]gateway.OutboxMail, error) {
	var (
		where []string
		p     params
	)
	if f.Status != "" {
		where = append(where, "o.status = "+p.add(string(f.Status)))
	}
	if f.TicketID != 0 {
		where = append(where, "o.ticket_id = "+p.add(f.TicketID))
	}
	if f.Before > 0 {
		where = append(where, "o.id < "+p.add(f.Before))
	}
	q := ""
	if len(where) > 0 {
		q = "WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY o.id DESC"
	if f.Limit > 0 {
		q += " LIMIT " + p.add(f.Limit)
	}
	return x.queryOutbox(ctx, q, p.args...)
}

// CountMail counts outgoing mail, stopping at AtMost. automatic is
// written out so that the partial indexes on automatic mail apply.
func (x *txn) CountMail(ctx context.Context, q gateway.MailCount) (int, error) {
	var (
		where []string
		p     params
	)
	if q.TicketID != 0 {
		where = append(where, "ticket_id = "+p.add(q.TicketID))
	}
	if q.To != "" {
		where = append(where, "to_address = "+p.add(strings.ToLower(q.To)))
	}
	if q.Automatic {
		where = append(where, "automatic")
	}
	if q.Status != "" {
		where = append(where, "status = "+p.add(string(q.Status)))
	}
	if !q.Since.IsZero() {
		where = append(where, "created_at >= "+p.add(q.Since))
	}
	if len(q.Kinds) > 0 {
		where = append(where, "kind = ANY("+p.add(q.Kinds)+")")
	}
	query := "SELECT 1 FROM outbox"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	if q.AtMost > 0 {
		query += " LIMIT " + p.add(q.AtMost)
	}
	var n int
	if err := x.queryRow(ctx, "SELECT COUNT(*) FROM ("+query+") m", p.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count outgoing mail: %w", err)
	}
	return n, nil
}

const templateColumns = `name, language, version, subject, text_body, html_body, updated_by, updated_at`

func scanTemplate(sc interface{ Scan(...any) error }) (gateway.Template, error) {
	var (
		t                   gateway.Template
		subject, text, html string
	)
	if err := sc.Scan(&t.Name, &t.Lang, &t.Version, &subject, &text, &html, &t.UpdatedBy, &t.UpdatedAt); err != nil {
		return t, err
	}
	t.Doc = templates.Doc{Name: t.Name, Lang: t.Lang, Subject: subject, Text: text, HTML: html}
	// Re-parse the stored parts so the line numbers of errors are right.
	if d, err := templates.Parse(t.Name, t.Lang, t.Doc.String()); err == nil {
		t.Doc = d
	}
	return t, nil
}

func (x *txn) Template(ctx context.Context, name, lang string) (gateway.Template, error) {
	t, err := scanTemplate(x.queryRow(ctx, `SELECT `+templateColumns+` FROM templates WHERE name = $1 AND language = $2`, name, lang))
	if errors.Is(err, pgx.ErrNoRows) {
		return t, gateway.ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("read template %s (%s): %w", name, lang, err)
	}
	return t, nil
}

func (x *txn) TemplateVersions(ctx context.Context, name string) ([]gateway.Template, error) {
	out, err := collect(ctx, x, func(r pgx.CollectableRow) (gateway.Template, error) { return scanTemplate(r) },
		`SELECT `+templateColumns+` FROM template_versions WHERE name = $1 ORDER BY language, version`, name)
	if err != nil {
		return nil, fmt.Errorf("history of template %s: %w", name, err)
	}
	return out, nil
}

// SaveTemplate numbers the version from the ones stored: two editors
// saving at once conflict under SERIALIZABLE, and the second runs again
// with the next number.
func (x *txn) SaveTemplate(ctx context.Context, t *gateway.Template) error {
	err := x.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM template_versions WHERE name = $1 AND language = $2`,
		t.Name, t.Lang).Scan(&t.Version)
	if err != nil {
		return fmt.Errorf("next version of template %s (%s): %w", t.Name, t.Lang, err)
	}
	args := []any{t.Name, t.Lang, t.Version, t.Doc.Subject, t.Doc.Text, t.Doc.HTML, t.UpdatedBy, t.UpdatedAt}
	if _, err := x.exec(ctx, `INSERT INTO template_versions (`+templateColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, args...); err != nil {
		return fmt.Errorf("store template %s (%s) version %d: %w", t.Name, t.Lang, t.Version, err)
	}
	if _, err := x.exec(ctx, `INSERT INTO templates (`+templateColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (name, language) DO UPDATE SET version = EXCLUDED.version, subject = EXCLUDED.subject,
		text_body = EXCLUDED.text_body, html_body = EXCLUDED.html_body, updated_by = EXCLUDED.updated_by,
		updated_at = EXCLUDED.updated_at`, args...); err != nil {
		return fmt.Errorf("store template %s (%s): %w", t.Name, t.Lang, err)
	}
	return nil
}
