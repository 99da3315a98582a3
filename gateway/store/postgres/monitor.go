package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"ticketgate/gateway"
)

// Backlog counts what waits: tickets not closed by status and priority
// (tickets_by_status), pending and dead mail (outbox_by_status).
func (x *txn) Backlog(ctx context.Context) (gateway.Backlog, error) {
	b := gateway.Backlog{Tickets: map[gateway.Status]map[gateway.Priority]int{}}
	open := []gateway.Status{gateway.StatusNew, gateway.StatusOpen, gateway.StatusWaiting, gateway.StatusResolved}
	for _, st := range open {
		b.Tickets[st] = map[gateway.Priority]int{}
	}
	names := make([]string, len(open))
	for i, st := range open {
		names[i] = string(st)
	}
	type count struct {
		status   string
		priority gateway.Priority
		n        int
	}
	counts, err := collect(ctx, x, func(r pgx.CollectableRow) (count, error) {
		var c count
		err := r.Scan(&c.status, &c.priority, &c.n)
		return c, err
	}, `SELECT status, priority, COUNT(*) FROM tickets WHERE status = ANY($1) GROUP BY status, priority`, names)
	if err != nil {
		return b, fmt.Errorf("count tickets: %w", err)
	}
	for _, c := range counts {
		b.Tickets[gateway.Status(c.status)][c.priority] = c.n
	}
	if err := x.queryRow(ctx, `SELECT COUNT(*), MIN(next_attempt_at) FROM outbox WHERE status = 'pending'`).
		Scan(&b.Pending, &b.OldestDue); err != nil {
		return b, fmt.Errorf("count pending mail: %w", err)
	}
	if err := x.queryRow(ctx, `SELECT COUNT(*) FROM outbox WHERE status = 'dead'`).Scan(&b.Dead); err != nil {
		return b, fmt.Errorf("count dead letters: %w", err)
	}
	return b, nil
}

// CheckWritable commits a write to the database: what /readyz asks
// before it calls the gateway ready (a server in recovery, read-only or
// out of disk fails here).
func (s *Store) CheckWritable(ctx context.Context, now time.Time) error {
	if _, err := s.exec(ctx, `INSERT INTO health (id, checked_at) VALUES (1, $1)
		ON CONFLICT (id) DO UPDATE SET checked_at = EXCLUDED.checked_at`, now); err != nil {
		return fmt.Errorf("write check: %w", err)
	}
	return nil
}
