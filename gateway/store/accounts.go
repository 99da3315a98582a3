package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"ticketgate/gateway"
)

// The web admin's users, sessions, one-time sign-in links and failed
// sign-ins. Like leases, these are operations of the concrete store, not
// of the ticket domain: the admin defines the interface it needs and cmd
// hands it the store. Tokens arrive already hashed.

// ErrUserExists refuses a second user of the same name.
var ErrUserExists = errors.New("user exists")

const userColumns = `id, name, email, role, password_hash, created_at, updated_at`

func scanUser(sc interface{ Scan(...any) error }) (gateway.User, error) {
	var (
		u                gateway.User
		role             string
		created, updated string
	)
	if err := sc.Scan(&u.ID, &u.Name, &u.Email, &role, &u.PasswordHash, &created, &updated); err != nil {
		return u, err
	}
	u.Role = gateway.Role(role)
	var err1, err2 error
	u.CreatedAt, err1 = parseTime(created)
	u.UpdatedAt, err2 = parseTime(updated)
	return u, errors.Join(err1, err2)
}

// PutUser creates a user, or with replace updates the one of that name
// (role, email, password hash).
func (s *Store) PutUser(ctx context.Context, u *gateway.User, replace bool) error {
	now := formatTime(u.UpdatedAt)
	q := `INSERT INTO admin_users (name, email, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`
	if replace {
		q += ` ON CONFLICT (name) DO UPDATE SET email = excluded.email, role = excluded.role,
			password_hash = excluded.password_hash, updated_at = excluded.updated_at`
	}
	err := s.writer.QueryRowContext(ctx, q+` RETURNING id`, u.Name, u.Email, string(u.Role), u.PasswordHash, now, now).Scan(&u.ID)
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return fmt.Errorf("add user %s: %w", u.Name, ErrUserExists)
	}
	if err != nil {
		return fmt.Errorf("add user %s: %w", u.Name, err)
	}
	return nil
}

// UserByName returns a user; gateway.ErrNotFound when there is none.
func (s *Store) UserByName(ctx context.Context, name string) (gateway.User, error) {
	u, err := scanUser(s.reader.QueryRowContext(ctx, `SELECT `+userColumns+` FROM admin_users WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("user %s: %w", name, gateway.ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("user %s: %w", name, err)
	}
	return u, nil
}

// Users lists every user by name.
func (s *Store) Users(ctx context.Context) ([]gateway.User, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT `+userColumns+` FROM admin_users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []gateway.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// CreateSession records a session under its token's hash.
func (s *Store) CreateSession(ctx context.Context, tokenHash string, userID int64, csrf string, now, expires time.Time) error {
	_, err := s.writer.ExecContext(ctx, `INSERT INTO admin_sessions (token_sha256, user_id, csrf, created_at,
		last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`, tokenHash, userID, csrf, formatTime(now), formatTime(now),
		formatTime(expires))
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// Session returns the session of a token hash with its user, expired or
// not (the caller judges); gateway.ErrNotFound when there is none.
func (s *Store) Session(ctx context.Context, tokenHash string) (gateway.Session, error) {
	var (
		ss                     gateway.Session
		created, seen, expires string
		uid                    int64
	)
	err := s.reader.QueryRowContext(ctx, `SELECT user_id, csrf, created_at, last_seen_at, expires_at
		FROM admin_sessions WHERE token_sha256 = ?`, tokenHash).Scan(&uid, &ss.CSRF, &created, &seen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return ss, fmt.Errorf("session: %w", gateway.ErrNotFound)
	}
	if err != nil {
		return ss, fmt.Errorf("session: %w", err)
	}
	ss.User, err = scanUser(s.reader.QueryRowContext(ctx, `SELECT `+userColumns+` FROM admin_users WHERE id = ?`, uid))
	if err != nil {
		return ss, fmt.Errorf("session's user: %w", err)
	}
	var e1, e2, e3 error
	ss.CreatedAt, e1 = parseTime(created)
	ss.LastSeenAt, e2 = parseTime(seen)
	ss.ExpiresAt, e3 = parseTime(expires)
	return ss, errors.Join(e1, e2, e3)
}

// TouchSession records that a session was used at now.
func (s *Store) TouchSession(ctx context.Context, tokenHash string, now time.Time) error {
	if _, err := s.writer.ExecContext(ctx, `UPDATE admin_sessions SET last_seen_at = ? WHERE token_sha256 = ?`,
		formatTime(now), tokenHash); err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// DeleteSession ends a session, and with it every session that has
// expired by now.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string, now time.Time) error {
	if _, err := s.writer.ExecContext(ctx, `DELETE FROM admin_sessions WHERE token_sha256 = ? OR expires_at < ?`,
		tokenHash, formatTime(now)); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// CreateSignInLink records a one-time sign-in link under its token's
// hash.
func (s *Store) CreateSignInLink(ctx context.Context, tokenHash string, userID int64, now, expires time.Time) error {
	if _, err := s.writer.ExecContext(ctx, `INSERT INTO admin_links (token_sha256, user_id, created_at, expires_at)
		VALUES (?, ?, ?, ?)`, tokenHash, userID, formatTime(now), formatTime(expires)); err != nil {
		return fmt.Errorf("create sign-in link: %w", err)
	}
	return nil
}

// UseSignInLink spends a link: it returns its user once, when the link is
// unused and unexpired at now, and gateway.ErrNotFound ever after. One
// statement, so two browsers racing with the same link cannot both win.
func (s *Store) UseSignInLink(ctx context.Context, tokenHash string, now time.Time) (gateway.User, error) {
	var uid int64
	err := s.writer.QueryRowContext(ctx, `UPDATE admin_links SET used_at = ?
		WHERE token_sha256 = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`,
		formatTime(now), tokenHash, formatTime(now)).Scan(&uid)
	if errors.Is(err, sql.ErrNoRows) {
		return gateway.User{}, fmt.Errorf("sign-in link: %w", gateway.ErrNotFound)
	}
	if err != nil {
		return gateway.User{}, fmt.Errorf("sign-in link: %w", err)
	}
	u, err := scanUser(s.writer.QueryRowContext(ctx, `SELECT `+userColumns+` FROM admin_users WHERE id = ?`, uid))
	if err != nil {
		return u, fmt.Errorf("sign-in link's user: %w", err)
	}
	return u, nil
}

// RecordLoginFailure counts a failed sign-in against each key and drops
// the failures older than prune.
func (s *Store) RecordLoginFailure(ctx context.Context, keys []string, at, prune time.Time) error {
	return s.Update(ctx, func(gtx gateway.Tx) error {
		tx := gtx.(*txn).tx
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT INTO admin_login_failures (key, at) VALUES (?, ?)`, k, formatTime(at)); err != nil {
				return fmt.Errorf("record failed sign-in: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM admin_login_failures WHERE key = ? AND at < ?`, k, formatTime(prune)); err != nil {
				return fmt.Errorf("prune failed sign-ins: %w", err)
			}
		}
		return nil
	})
}

// LoginFailures counts the failed sign-ins against key since a time.
func (s *Store) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	if err := s.writer.QueryRowContext(ctx, `SELECT COUNT(*) FROM admin_login_failures WHERE key = ? AND at >= ?`,
		key, formatTime(since)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count failed sign-ins: %w", err)
	}
	return n, nil
}

// ClearLoginFailures forgets the failures against key (after a sign-in
// that succeeded).
func (s *Store) ClearLoginFailures(ctx context.Context, key string) error {
	if _, err := s.writer.ExecContext(ctx, `DELETE FROM admin_login_failures WHERE key = ?`, key); err != nil {
		return fmt.Errorf("clear failed sign-ins: %w", err)
	}
	return nil
}
