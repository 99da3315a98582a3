package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ticketgate/gateway"
)

// Backlog counts what waits. Every count reads an index over the rows it
// counts only: tickets of one status (closed ones are left out, they are
// the history), pending and dead mail (sent mail is left out for the
// same reason).
func (x *txn) Backlog(ctx context.Context) (gateway.Backlog, error) {
	b := gateway.Backlog{Tickets: map[gateway.Status]map[gateway.Priority]int{}}
	for _, st := range []gateway.Status{gateway.StatusNew, gateway.StatusOpen, gateway.StatusWaiting, gateway.StatusResolved} {
		rows, err := x.tx.QueryContext(ctx, `SELECT priority, COUNT(*) FROM tickets WHERE status = ? GROUP BY priority`, string(st))
		if err != nil {
			return b, fmt.Errorf("count %s tickets: %w", st, err)
		}
		byPrio := map[gateway.Priority]int{}
		for rows.Next() {
			var p gateway.Priority
			var n int
			if err := rows.Scan(&p, &n); err != nil {
				rows.Close()
				return b, fmt.Errorf("count %s tickets: %w", st, err)
			}
			byPrio[p] = n
		}
		if err := rows.Close(); err != nil {
			return b, fmt.Errorf("count %s tickets: %w", st, err)
		}
		b.Tickets[st] = byPrio
	}
	var oldest sql.NullString
	if err := x.tx.QueryRowContext(ctx, `SELECT COUNT(*), MIN(next_attempt_at) FROM outbox WHERE status = 'pending'`).
		Scan(&b.Pending, &oldest); err != nil {
		return b, fmt.Errorf("count pending mail: %w", err)
	}
	t, err := scanNullTime(oldest)
	if err != nil {
		return b, fmt.Errorf("oldest pending mail: %w", err)
	}
	b.OldestDue = t
	if err := x.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE status = 'dead'`).Scan(&b.Dead); err != nil {
		return b, fmt.Errorf("count dead letters: %w", err)
	}
	return b, nil
}

// CheckWritable commits a write to the database, durably: what /readyz
// asks before it calls the gateway ready.
func (s *Store) CheckWritable(ctx context.Context, now time.Time) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("write check: begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO health (id, checked_at) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at`, formatTime(now)); err != nil {
		return fmt.Errorf("write check: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("write check: commit: %w", err)
	}
	return nil
}
