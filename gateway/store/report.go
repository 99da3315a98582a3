package store

import (
	"context"
	"time"

	"ticketgate/gateway"
)

// TicketsOpened reads one period's tickets through the tickets_created
// index: a month costs its own rows, however old the database.
func (x *txn) TicketsOpened(ctx context.Context, from, to time.Time) ([]gateway.Ticket, error) {
	return x.ticketsWhere(ctx, " opened in a period", `created_at >= ? AND created_at < ? ORDER BY created_at, id`,
		formatTime(from), formatTime(to))
}
