package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Holder names who holds a lease: a process on a host.
type Holder struct {
	ID   string // unique per process run
	Host string
	PID  int
}

// HeldError refuses a lease another holder has.
type HeldError struct {
	Name    string
	Holder  Holder
	Expires time.Time
}

func (e *HeldError) Error() string {
	return fmt.Sprintf("lease %q is held by process %d on %s until %s", e.Name, e.Holder.PID, e.Holder.Host,
		e.Expires.Format(time.RFC3339))
}

// ErrLeaseLost is returned by RenewLease when another holder has taken the
// lease: the work it guards must stop.
var ErrLeaseLost = errors.New("lease lost")

// AcquireLease makes me the holder of the named lease until now+ttl. A
// lease held by someone else is taken only once it expired, or when dead
// reports its holder gone (a process on this host that no longer runs),
// so a restart after a crash need not wait for the lease to run out.
//
// The serve lease also guards the outbox: a new holder releases every
// claim on mail, since only the holder sends and the earlier one is gone.
func (s *Store) AcquireLease(ctx context.Context, name string, me Holder, now time.Time, ttl time.Duration, dead func(Holder) bool) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("lease %q: begin: %w", name, err)
	}
	defer tx.Rollback()
	var (
		cur     Holder
		expires string
	)
	err = tx.QueryRowContext(ctx, `SELECT holder, host, pid, expires_at FROM leases WHERE name = ?`, name).
		Scan(&cur.ID, &cur.Host, &cur.PID, &expires)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("lease %q: read: %w", name, err)
	case cur.ID != me.ID:
		until, err := parseTime(expires)
		if err != nil {
			return fmt.Errorf("lease %q: %w", name, err)
		}
		if now.Before(until) && !dead(cur) {
			return &HeldError{Name: name, Holder: cur, Expires: until}
		}
	}
	if name == ServeLease && cur.ID != me.ID {
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET claimed_until = NULL
			WHERE status = 'pending' AND claimed_until IS NOT NULL`); err != nil {
			return fmt.Errorf("lease %q: release the claims of earlier senders: %w", name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO leases (name, holder, host, pid, acquired_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, host = excluded.host,
		pid = excluded.pid, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
		name, me.ID, me.Host, me.PID, formatTime(now), formatTime(now.Add(ttl))); err != nil {
		return fmt.Errorf("lease %q: take: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("lease %q: commit: %w", name, err)
	}
	return nil
}

// ServeLease is the lease of the process that reads the mailboxes, runs
// the timers and sends the outbox: one per database.
const ServeLease = "serve"

// RenewLease extends my lease to now+ttl; ErrLeaseLost when it is no
// longer mine.
func (s *Store) RenewLease(ctx context.Context, name string, me Holder, now time.Time, ttl time.Duration) error {
	res, err := s.writer.ExecContext(ctx, `UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ?`,
		formatTime(now.Add(ttl)), name, me.ID)
	if err != nil {
		return fmt.Errorf("renew lease %q: %w", name, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("renew lease %q: %w", name, ErrLeaseLost)
	}
	return nil
}

// ReleaseLease gives up my lease, so that the next holder need not wait.
func (s *Store) ReleaseLease(ctx context.Context, name string, me Holder) error {
	if _, err := s.writer.ExecContext(ctx, `DELETE FROM leases WHERE name = ? AND holder = ?`, name, me.ID); err != nil {
		return fmt.Errorf("release lease %q: %w", name, err)
	}
	return nil
}

// LeaseHolder returns who holds the named lease, expired or not; the zero
// Holder when nobody does.
func (s *Store) LeaseHolder(ctx context.Context, name string) (Holder, error) {
	var h Holder
	err := s.reader.QueryRowContext(ctx, `SELECT holder, host, pid FROM leases WHERE name = ?`, name).Scan(&h.ID, &h.Host, &h.PID)
	if errors.Is(err, sql.ErrNoRows) {
		return Holder{}, nil
	}
	if err != nil {
		return h, fmt.Errorf("read lease %q: %w", name, err)
	}
	return h, nil
}
