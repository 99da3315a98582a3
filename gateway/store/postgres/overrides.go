package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"ticketgate/gateway"
)

func (x *txn) AddPriorityOverride(ctx context.Context, o *gateway.PriorityOverride) error {
	// Triage's choice is the one the first override saw.
	var (
		first  int
		reason string
	)
	err := x.queryRow(ctx, `SELECT triage_priority, triage_reason FROM priority_overrides
		WHERE ticket_id = $1 ORDER BY id LIMIT 1`, o.TicketID).Scan(&first, &reason)
	switch {
	case err == nil:
		o.Triage, o.TriageReason = gateway.Priority(first), reason
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("read earlier overrides of ticket #%d: %w", o.TicketID, err)
	}
	if _, err := x.exec(ctx, `INSERT INTO priority_overrides (ticket_id, at, actor, from_priority, to_priority,
		triage_priority, triage_reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`, o.TicketID, o.At, o.Actor,
		int(o.From), int(o.To), int(o.Triage), o.TriageReason); err != nil {
		return fmt.Errorf("record the priority change of ticket #%d: %w", o.TicketID, err)
	}
	return nil
}

func (x *txn) TriageOutcomes(ctx context.Context, since time.Time) ([]gateway.TriageOutcome, error) {
	out, err := collect(ctx, x, func(r pgx.CollectableRow) (gateway.TriageOutcome, error) {
		var (
			o                gateway.TriageOutcome
			final            int
			reason           string
			triage           *int
			triageReason, by *string
		)
		if err := r.Scan(&o.TicketID, &o.Ticket, &o.Mailbox, &o.CreatedAt, &final, &reason, &triage, &triageReason, &by); err != nil {
			return o, err
		}
		o.Final, o.Triage, o.TriageReason = gateway.Priority(final), gateway.Priority(final), reason
		if triage != nil {
			o.Triage, o.TriageReason, o.By = gateway.Priority(*triage), *triageReason, *by
		}
		return o, nil
	}, `SELECT t.id, t.reference, t.mailbox, t.created_at, t.priority, t.priority_reason,
		f.triage_priority, f.triage_reason, l.actor
		FROM tickets t
		LEFT JOIN priority_overrides f ON f.id = (SELECT MIN(id) FROM priority_overrides WHERE ticket_id = t.id)
		LEFT JOIN priority_overrides l ON l.id = (SELECT MAX(id) FROM priority_overrides WHERE ticket_id = t.id)
		WHERE t.created_at >= $1 ORDER BY t.created_at, t.id`, since)
	if err != nil {
		return nil, fmt.Errorf("triage outcomes: %w", err)
	}
	return out, nil
}
