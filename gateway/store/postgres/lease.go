package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

// AcquireLease makes me the holder of the named lease until now+ttl. A
// lease held by someone else is taken only once it expired, or when dead
// reports its holder gone, as in the SQLite store. The transaction is
// SERIALIZABLE: of two processes taking a free lease at once, one wins and
// the other, run again, finds it held.
//
// The serve lease also guards the outbox: a new holder releases every
// claim on mail, since only the holder sends and the earlier one is gone.
func (s *Store) AcquireLease(ctx context.Context, name string, me store.Holder, now time.Time, ttl time.Duration, dead func(store.Holder) bool) error {
	err := s.Update(ctx, func(gtx gateway.Tx) error {
		x := gtx.(*txn)
		var (
			cur     store.Holder
			expires time.Time
		)
		err := x.queryRow(ctx, `SELECT holder, host, pid, expires_at FROM leases WHERE name = $1 FOR UPDATE`, name).
			Scan(&cur.ID, &cur.Host, &cur.PID, &expires)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
		case err != nil:
			return fmt.Errorf("read: %w", err)
		case cur.ID != me.ID:
			if now.Before(expires) && !dead(cur) {
				return &store.HeldError{Name: name, Holder: cur, Expires: expires}
			}
		}
		if name == store.ServeLease && cur.ID != me.ID {
			if _, err := x.exec(ctx, `UPDATE outbox SET claimed_until = NULL, claimed_by = ''
				WHERE status = 'pending' AND claimed_until IS NOT NULL`); err != nil {
				return fmt.Errorf("release the claims of earlier senders: %w", err)
			}
		}
		if _, err := x.exec(ctx, `INSERT INTO leases (name, holder, host, pid, acquired_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder,
			host = EXCLUDED.host, pid = EXCLUDED.pid, acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at`,
			name, me.ID, me.Host, me.PID, now, now.Add(ttl)); err != nil {
			return fmt.Errorf("take: %w", err)
		}
		return nil
	})
	var held *store.HeldError
	if errors.As(err, &held) {
		return err
	}
	if err != nil {
		return fmt.Errorf("lease %q: %w", name, err)
	}
	return nil
}

// RenewLease extends my lease to now+ttl; store.ErrLeaseLost when it is
// no longer mine.
func (s *Store) RenewLease(ctx context.Context, name string, me store.Holder, now time.Time, ttl time.Duration) error {
	tag, err := s.exec(ctx, `UPDATE leases SET expires_at = $1 WHERE name = $2 AND holder = $3`,
		now.Add(ttl), name, me.ID)
	if err != nil {
		return fmt.Errorf("renew lease %q: %w", name, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("renew lease %q: %w", name, store.ErrLeaseLost)
	}
	return nil
}

// ReleaseLease gives up my lease, so that the next holder need not wait.
func (s *Store) ReleaseLease(ctx context.Context, name string, me store.Holder) error {
	if _, err := s.exec(ctx, `DELETE FROM leases WHERE name = $1 AND holder = $2`, name, me.ID); err != nil {
		return fmt.Errorf("release lease %q: %w", name, err)
	}
	return nil
}

// LeaseHolder returns who holds the named lease, expired or not; the zero
// Holder when nobody does.
func (s *Store) LeaseHolder(ctx context.Context, name string) (store.Holder, error) {
	var h store.Holder
	err := s.queryRow(ctx, `SELECT holder, host, pid FROM leases WHERE name = $1`, name).Scan(&h.ID, &h.Host, &h.PID)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Holder{}, nil
	}
	if err != nil {
		return h, fmt.Errorf("read lease %q: %w", name, err)
	}
	return h, nil
}

// Several serve processes share a PostgreSQL database (cmd's
// sharedserve.go): each holds an instance lease for as long as it runs
// and names itself in the outbox claims it takes, so that the claims of a
// process that died are freed once its lease ran out, and never those of
// one that lives, as a new serve lease's holder on SQLite frees them all.

// InstanceLease is the lease a process sharing the database holds.
func InstanceLease(id string) string { return "instance:" + id }

// ClaimAs names the process, by its instance lease's holder ID, in the
// outbox claims this store takes from now on. Call it before the store
// is shared between goroutines.
func (s *Store) ClaimAs(id string) { s.claimer = id }

// ReleaseOrphanClaims frees the claims on pending mail taken by processes
// whose instance lease is gone or ran out at now, and returns how many.
func (s *Store) ReleaseOrphanClaims(ctx context.Context, now time.Time) (int64, error) {
	tag, err := s.exec(ctx, `UPDATE outbox o SET claimed_until = NULL, claimed_by = ''
		WHERE o.status = 'pending' AND o.claimed_by <> '' AND o.claimed_until > $1
		AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.name = 'instance:' || o.claimed_by AND l.expires_at > $1)`, now)
	if err != nil {
		return 0, fmt.Errorf("free the claims of processes gone: %w", err)
	}
	return tag.RowsAffected(), nil
}

// Instances lists the processes whose instance lease runs at now.
func (s *Store) Instances(ctx context.Context, now time.Time) ([]store.Holder, error) {
	rows, err := s.query(ctx, `SELECT holder, host, pid FROM leases WHERE name LIKE 'instance:%' AND expires_at > $1 ORDER BY holder`, now)
	if err != nil {
		return nil, fmt.Errorf("list the serve processes: %w", err)
	}
	hs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Holder, error) {
		var h store.Holder
		err := scanUnescaped(r, []any{&h.ID, &h.Host, &h.PID})
		return h, err
	})
	if err != nil {
		return nil, fmt.Errorf("list the serve processes: %w", err)
	}
	return hs, nil
}
