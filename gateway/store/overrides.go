package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ticketgate/gateway"
)

func (x *txn) AddPriorityOverride(ctx context.Context, o *gateway.PriorityOverride) error {
	// Triage's choice is the one the first override saw.
	var (
		first  sql.NullInt64
		reason sql.NullString
	)
	err := x.tx.QueryRowContext(ctx, `SELECT triage_priority, triage_reason FROM priority_overrides
		WHERE ticket_id = ? ORDER BY id LIMIT 1`, o.TicketID).Scan(&first, &reason)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read earlier overrides of ticket #%d: %w", o.TicketID, err)
	}
	if first.Valid {
		o.Triage, o.TriageReason = gateway.Priority(first.Int64), reason.String
	}
	if _, err := x.tx.ExecContext(ctx, `INSERT INTO priority_overrides (ticket_id, at, actor, from_priority, to_priority,
		triage_priority, triage_reason) VALUES (?, ?, ?, ?, ?, ?, ?)`, o.TicketID, formatTime(o.At), o.Actor,
		int(o.From), int(o.To), int(o.Triage), o.TriageReason); err != nil {
		return fmt.Errorf("record the priority change of ticket #%d: %w", o.TicketID, err)
	}
	return nil
}

func (x *txn) TriageOutcomes(ctx context.Context, since time.Time) ([]gateway.TriageOutcome, error) {
	rows, err := x.tx.QueryContext(ctx, `SELECT t.id, t.reference, t.mailbox, t.created_at, t.priority, t.priority_reason,
		f.triage_priority, f.triage_reason, l.actor
		FROM tickets t
		LEFT JOIN priority_overrides f ON f.id = (SELECT MIN(id) FROM priority_overrides WHERE ticket_id = t.id)
		LEFT JOIN priority_overrides l ON l.id = (SELECT MAX(id) FROM priority_overrides WHERE ticket_id = t.id)
		WHERE t.created_at >= ? ORDER BY t.created_at, t.id`, formatTime(since))
	if err != nil {
		return nil, fmt.Errorf("triage outcomes: %w", err)
	}
	defer rows.Close()
	var out []gateway.TriageOutcome
	for rows.Next() {
		var (
			o                gateway.TriageOutcome
			created          string
			final            int
			reason           string
			triage           sql.NullInt64
			triageReason, by sql.NullString
		)
		if err := rows.Scan(&o.TicketID, &o.Ticket, &o.Mailbox, &created, &final, &reason, &triage, &triageReason, &by); err != nil {
			return nil, fmt.Errorf("triage outcomes: %w", err)
		}
		if o.CreatedAt, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("triage outcome of %s: %w", o.Ticket, err)
		}
		o.Final, o.Triage, o.TriageReason = gateway.Priority(final), gateway.Priority(final), reason
		if triage.Valid {
			o.Triage, o.TriageReason, o.By = gateway.Priority(triage.Int64), triageReason.String, by.String
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
