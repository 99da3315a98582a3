package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

func (x *txn) AutomaticMailsTotalSince(ctx context.Context, since time.Time) (int, error) {
	var n int
	err := x.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE automatic = 1 AND created_at >= ?`,
		formatTime(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count automatic mail: %w", err)
	}
	return n, nil
}

func (x *txn) TicketMailsToSince(ctx context.Context, ticketID int64, address string, since time.Time, kinds ...string) (int, error) {
	if len(kinds) == 0 {
		return 0, nil
	}
	args := []any{ticketID, strings.ToLower(address), formatTime(since)}
	for _, k := range kinds {
		args = append(args, k)
	}
	var n int
	err := x.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE ticket_id = ? AND to_address = ? AND created_at >= ?
		AND kind IN (?`+strings.Repeat(", ?", len(kinds)-1)+`)`, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count mail of ticket #%d to %s: %w", ticketID, address, err)
	}
	return n, nil
}
