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

// The web admin's users, sessions, one-time sign-in links and failed
// sign-ins, shared by every gateway on the database: a session begun
// through one instance is good on the others. Tokens arrive hashed.

const userColumns = `id, name, email, role, password_hash, created_at, updated_at`

func scanUser(sc interface{ Scan(...any) error }) (gateway.User, error) {
	var (
		u    gateway.User
		role string
	)
	err := sc.Scan(&u.ID, &u.Name, &u.Email, &role, &u.PasswordHash, &u.CreatedAt, &u.UpdatedAt)
	u.Role = gateway.Role(role)
	return u, err
}

// PutUser creates a user, or with replace updates the one of that name,
// whatever its case (role, email, password hash); store.ErrUserExists
// refuses a second user of one name.
func (s *Store) PutUser(ctx context.Context, u *gateway.User, replace bool) error {
	q := `INSERT INTO admin_users (name, email, role, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`
	if replace {
		q += ` ON CONFLICT ((lower(name))) DO UPDATE SET email = EXCLUDED.email, role = EXCLUDED.role,
			password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at`
	}
	err := s.queryRow(ctx, q+` RETURNING id`, u.Name, u.Email, string(u.Role), u.PasswordHash, u.UpdatedAt).Scan(&u.ID)
	if uniqueViolation(err) {
		return fmt.Errorf("add user %s: %w", u.Name, store.ErrUserExists)
	}
	if err != nil {
		return fmt.Errorf("add user %s: %w", u.Name, err)
	}
	return nil
}

// UserByName returns a user, whatever the case of name;
// gateway.ErrNotFound when there is none.
func (s *Store) UserByName(ctx context.Context, name string) (gateway.User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM admin_users WHERE lower(name) = lower($1)`, name))
	if errors.Is(err, pgx.ErrNoRows) {
		return u, fmt.Errorf("user %s: %w", name, gateway.ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("user %s: %w", name, err)
	}
	return u, nil
}

// Users lists every user by name.
func (s *Store) Users(ctx context.Context) ([]gateway.User, error) {
	rows, err := s.query(ctx, `SELECT `+userColumns+` FROM admin_users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	out, err := pgx.AppendRows([]gateway.User(nil), rows, func(r pgx.CollectableRow) (gateway.User, error) {
		return scanUser(unescapedRows{r})
	})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// CreateSession records a session under its token's hash.
func (s *Store) CreateSession(ctx context.Context, tokenHash string, userID int64, csrf string, now, expires time.Time) error {
	_, err := s.exec(ctx, `INSERT INTO admin_sessions (token_sha256, user_id, csrf, created_at,
		last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)`, tokenHash, userID, csrf, now, expires)
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// Session returns the session of a token hash with its user, expired or
// not (the caller judges); gateway.ErrNotFound when there is none.
func (s *Store) Session(ctx context.Context, tokenHash string) (gateway.Session, error) {
	var (
		ss   gateway.Session
		role string
		u    = &ss.User
	)
	err := s.queryRow(ctx, `SELECT s.csrf, s.created_at, s.last_seen_at, s.expires_at,
			u.id, u.name, u.email, u.role, u.password_hash, u.created_at, u.updated_at
		FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id WHERE s.token_sha256 = $1`, tokenHash).
		Scan(&ss.CSRF, &ss.CreatedAt, &ss.LastSeenAt, &ss.ExpiresAt,
			&u.ID, &u.Name, &u.Email, &role, &u.PasswordHash, &u.CreatedAt, &u.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return ss, fmt.Errorf("session: %w", gateway.ErrNotFound)
	}
	if err != nil {
		return ss, fmt.Errorf("session: %w", err)
	}
	u.Role = gateway.Role(role)
	return ss, nil
}

// TouchSession records that a session was used at now.
func (s *Store) TouchSession(ctx context.Context, tokenHash string, now time.Time) error {
	if _, err := s.exec(ctx, `UPDATE admin_sessions SET last_seen_at = $1 WHERE token_sha256 = $2`,
		now, tokenHash); err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// DeleteSession ends a session, and with it every session that has
// expired by now.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string, now time.Time) error {
	if _, err := s.exec(ctx, `DELETE FROM admin_sessions WHERE token_sha256 = $1 OR expires_at < $2`,
		tokenHash, now); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// CreateSignInLink records a one-time sign-in link under its token's
// hash.
func (s *Store) CreateSignInLink(ctx context.Context, tokenHash string, userID int64, now, expires time.Time) error {
	if _, err := s.exec(ctx, `INSERT INTO admin_links (token_sha256, user_id, created_at, expires_at)
		VALUES ($1, $2, $3, $4)`, tokenHash, userID, now, expires); err != nil {
		return fmt.Errorf("create sign-in link: %w", err)
	}
	return nil
}

// UseSignInLink spends a link: it returns its user once, when the link is
// unused and unexpired at now, and gateway.ErrNotFound ever after. One
// statement, whose row lock makes two browsers racing with the same link,
// through the same gateway or two, have one winner.
func (s *Store) UseSignInLink(ctx context.Context, tokenHash string, now time.Time) (gateway.User, error) {
	u, err := scanUser(s.queryRow(ctx, `WITH used AS (
			UPDATE admin_links SET used_at = $1
			WHERE token_sha256 = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id)
		SELECT `+userColumns+` FROM admin_users WHERE id = (SELECT user_id FROM used)`, now, tokenHash))
	if errors.Is(err, pgx.ErrNoRows) {
		return gateway.User{}, fmt.Errorf("sign-in link: %w", gateway.ErrNotFound)
	}
	if err != nil {
		return gateway.User{}, fmt.Errorf("sign-in link: %w", err)
	}
	return u, nil
}

// RecordLoginFailure counts a failed sign-in against each key and drops
// the failures older than prune.
func (s *Store) RecordLoginFailure(ctx context.Context, keys []string, at, prune time.Time) error {
	return s.Update(ctx, func(gtx gateway.Tx) error {
		x := gtx.(*txn)
		for _, k := range keys {
			if _, err := x.exec(ctx, `INSERT INTO admin_login_failures (key, at) VALUES ($1, $2)`, k, at); err != nil {
				return fmt.Errorf("record failed sign-in: %w", err)
			}
			if _, err := x.exec(ctx, `DELETE FROM admin_login_failures WHERE key = $1 AND at < $2`, k, prune); err != nil {
				return fmt.Errorf("prune failed sign-ins: %w", err)
			}
		}
		return nil
	})
}

// LoginFailures counts the failed sign-ins against key since a time.
func (s *Store) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM admin_login_failures WHERE key = $1 AND at >= $2`,
		key, since).Scan(&n); err != nil {
		return 0, fmt.Errorf("count failed sign-ins: %w", err)
	}
	return n, nil
}

// ClearLoginFailures forgets the failures against key (after a sign-in
// that succeeded).
func (s *Store) ClearLoginFailures(ctx context.Context, key string) error {
	if _, err := s.exec(ctx, `DELETE FROM admin_login_failures WHERE key = $1`, key); err != nil {
		return fmt.Errorf("clear failed sign-ins: %w", err)
	}
	return nil
}
