// Package postgres keeps ticketgate's data in PostgreSQL (jackc/pgx,
// pgxpool), for installations where several gateways share one database.
// It has the SQLite store's method set, so cmd opens either; what is truly
// shared (the deflated encodings of mail and bodies, the outbox's JSON
// form, the lease types, how a search splits words) comes from package
// store, and the SQL is this package's own.
//
// Implementation notes:
//   - Update runs SERIALIZABLE: the SQLite store has one writer and the
//     gateway's read-modify-write transactions (a ticket read, changed and
//     saved) rely on it. Two processes that would interleave get a
//     serialization failure, and Update runs fn again on a fresh
//     transaction, up to maxAttempts times. fn must therefore do nothing
//     but database work that a rollback undoes, and set what it returns
//     afresh on each run (every caller in the gateway does: results are
//     assigned, not appended, and logs are held until the commit).
//   - A statement that fails aborts the whole transaction in PostgreSQL,
//     where SQLite would go on: only Savepoint recovers from a failure
//     (ROLLBACK TO), which is how the gateway isolates one message of a
//     batch. Savepoint reports gateway.ErrTxBroken when the failure was a
//     serialization failure, so that the batch is run again whole.
//   - Reference numbers come from INSERT … ON CONFLICT DO UPDATE …
//     RETURNING on ref_counters: the row lock hands each number out once;
//     outbox claims use FOR UPDATE SKIP LOCKED.
//   - Times keep their nanoseconds and text its NULs, as in the SQLite
//     store, through the codecs of codec.go.
//   - Migrations are embedded numbered files applied in order, one
//     transaction each, under an advisory lock so that two processes
//     starting together do not both apply one. A database newer than this
//     binary is refused.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is a PostgreSQL-backed gateway.Store.
type Store struct {
	url  string // without its password
	pool *pgxpool.Pool
	// claimer names this process in the outbox claims it takes (ClaimAs).
	claimer string
}

var _ gateway.Store = (*Store)(nil)

// IsURL reports whether a configured database names a PostgreSQL server
// rather than an SQLite file.
func IsURL(database string) bool {
	return strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://")
}

func migrations() ([]store.Migration, error) {
	return store.ReadMigrations(migrationFiles, "migrations")
}

// LatestVersion is the schema version this binary writes.
func LatestVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].Version
}

// Open connects to the database at url (postgres://user@host/db?…; the
// password may come from PGPASSWORD or ~/.pgpass rather than the URL, as
// for every libpq client) and brings its schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// The parse error may quote the URL, password included.
		return nil, fmt.Errorf("open database: not a valid PostgreSQL URL: %w", errors.New(redactErr(err.Error(), url)))
	}
	shown := Redact(url)
	if !strings.Contains(url, "pool_max_conns") {
		// pgxpool's default, the CPU count, is tight for a serve process
		// whose mailboxes, scheduler, notifier and web admin each use one.
		cfg.MaxConns = max(cfg.MaxConns, 10)
	}
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = "ticketgate"
	}
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		registerCodecs(c.TypeMap())
		return nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", shown, err)
	}
	s := &Store{url: shown, pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		var pgErr *pgconn.PgError
		if cfg.ConnConfig.Password == "" && errors.As(err, &pgErr) && pgErr.Code == "28P01" {
			// The most likely mistake: the password was left out of the
			// configuration, as it should be, and not given elsewhere.
			err = fmt.Errorf("%w; no password was given: set PGPASSWORD in the environment, or use ~/.pgpass", err)
		}
		return nil, fmt.Errorf("open database %s: %w", shown, err)
	}
	return s, nil
}

// Redact returns a database URL without its password, for messages.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "postgres://…"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

func redactErr(msg, raw string) string {
	if u, err := url.Parse(raw); err == nil {
		if p, ok := u.User.Password(); ok && p != "" {
			msg = strings.ReplaceAll(msg, p, "xxxxx")
		}
	}
	return msg
}

// Close closes the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Path is the database's URL, without its password.
func (s *Store) Path() string { return s.url }

// Tightened is empty: there are no files of ours to restrict; the server
// guards its own.
func (s *Store) Tightened() []string { return nil }

// SchemaVersion returns the newest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v *int
	err := s.pool.QueryRow(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}

// migrateLock is the advisory lock that serialises migrations between
// processes (an arbitrary constant: "tg" and a version of the scheme).
const migrateLock = 0x7467_0001

func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("read migrations: %w", err)
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrateLock); err != nil {
		return fmt.Errorf("lock for migrations: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if latest := ms[len(ms)-1].Version; current > latest {
		return fmt.Errorf("%w: database is at version %d, this binary knows up to %d; upgrade ticketgate", store.ErrSchemaTooNew, current, latest)
	}
	for _, m := range ms {
		if m.Version <= current {
			continue
		}
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			// A script of many statements: the simple protocol runs it whole.
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
				m.Version, m.Name, time.Now())
			return err
		})
		if err != nil {
			return fmt.Errorf("apply migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// maxAttempts bounds how often Update runs fn when transactions of other
// processes keep conflicting with it; from aloneAfter on, it runs alone.
const (
	maxAttempts = 10
	aloneAfter  = 3
)

// writersLock is the advisory lock that write transactions hold shared,
// and one that lost aloneAfter times holds exclusive: it then runs with no
// other write transaction of any process beside it, and commits. Without
// it, a hot row (one prefix's reference counter under a burst of mail)
// could keep failing the same transaction.
const writersLock = 0x7467_0002

// Update runs fn in one SERIALIZABLE write transaction, again on a fresh
// one when PostgreSQL reports a serialization failure or a deadlock (see
// the package notes: fn may run more than once). Once begun, the work is
// not cut short by ctx: shutdown lets in-flight work commit.
func (s *Store) Update(ctx context.Context, fn func(gateway.Tx) error) error {
	return s.update(ctx, fn, pgx.Serializable)
}

// UpdateLocked runs fn as Update does but at READ COMMITTED, for work
// that reads only rows it locks (gateway.RowLocker): ClaimOutbox takes
// its rows FOR UPDATE SKIP LOCKED and OutboxByID FOR UPDATE, so claimers
// and reporters in several processes never void each other's work, as
// SERIALIZABLE's checks over the due range did.
func (s *Store) UpdateLocked(ctx context.Context, fn func(gateway.Tx) error) error {
	return s.update(ctx, fn, pgx.ReadCommitted)
}

func (s *Store) update(ctx context.Context, fn func(gateway.Tx) error, iso pgx.TxIsoLevel) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ctx = context.WithoutCancel(ctx)
	for attempt := 1; ; attempt++ {
		err := s.updateOnce(ctx, fn, iso, attempt > aloneAfter)
		if err == nil || !retryable(err) {
			return err
		}
		if attempt == maxAttempts {
			return fmt.Errorf("write transaction: still conflicting after %d attempts: %w", attempt, err)
		}
		if attempt < aloneAfter {
			// Jitter, so that the transactions that collided do not
			// collide again in step.
			t := time.NewTimer(time.Duration(rand.Int64N(int64(attempt) * int64(5*time.Millisecond))))
			<-t.C
		}
	}
}

func (s *Store) updateOnce(ctx context.Context, fn func(gateway.Tx) error, iso pgx.TxIsoLevel, alone bool) (err error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("begin write transaction: %w", err)
	}
	defer conn.Release()
	// The lock is the session's, taken before BEGIN: the transaction's
	// snapshot then comes after every writer it waited for committed.
	lock, unlock := `SELECT pg_advisory_lock_shared($1)`, `SELECT pg_advisory_unlock_shared($1)`
	if alone {
		lock, unlock = `SELECT pg_advisory_lock($1)`, `SELECT pg_advisory_unlock($1)`
	}
	if _, err := conn.Exec(ctx, lock, writersLock); err != nil {
		return fmt.Errorf("begin write transaction: %w", err)
	}
	defer func() {
		if _, uerr := conn.Exec(ctx, unlock, writersLock); uerr != nil {
			// A connection that may still hold the lock must not go back
			// to the pool; closing it releases the lock.
			conn.Conn().Close(ctx)
		}
	}()
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: iso})
	if err != nil {
		return fmt.Errorf("begin write transaction: %w", err)
	}
	// Also when fn panics. After Commit, Rollback does nothing.
	defer tx.Rollback(ctx)
	x := &txn{tx: tx, detached: true, claimer: s.claimer, locking: iso == pgx.ReadCommitted}
	ferr := fn(x)
	if x.conflict != nil {
		// What fn made of the failure (a message reported failed, a
		// wrapped error) does not count: the whole run is void.
		return x.conflict
	}
	if ferr != nil {
		return ferr
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// retryable reports a failure that running the transaction again may
// not meet: a serialization failure or a deadlock.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// uniqueViolation reports a unique constraint's refusal.
func uniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// View runs fn on one consistent snapshot (REPEATABLE READ, read only).
func (s *Store) View(ctx context.Context, fn func(gateway.ReadTx) error) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("begin read transaction: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	return fn(&txn{tx: tx})
}

// DiskSize is the bytes the database takes on the server.
func (s *Store) DiskSize(ctx context.Context) int64 {
	var n int64
	s.pool.QueryRow(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
	return n
}

// IntegrityCheck checks what the schema cannot: that every raw message's
// chunks are all there and that the migrations recorded are the ones this
// binary knows. PostgreSQL guards its own pages (and checksums them when
// the cluster was initialised with --data-checksums).
func (s *Store) IntegrityCheck(ctx context.Context) error {
	var problems []string
	rows, err := s.pool.Query(ctx, `SELECT r.id FROM raw_messages r
		WHERE r.encoding = 'chunks' AND (SELECT COUNT(*) FROM raw_chunks c WHERE c.raw_id = r.id)
			<> (r.size + $1 - 1) / $1
		ORDER BY r.id LIMIT 20`, store.RawChunk)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	for _, id := range ids {
		problems = append(problems, fmt.Sprintf("raw message %d is missing chunks", id))
	}
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	known := map[int]bool{}
	for _, m := range ms {
		known[m.Version] = true
	}
	rows, err = s.pool.Query(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	vs, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	for _, v := range vs {
		if !known[v] {
			problems = append(problems, fmt.Sprintf("unknown migration %d recorded", v))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check failed: %s", strings.Join(problems, "; "))
	}
	return nil
}

// ErrBackupUnsupported refuses a file backup of a PostgreSQL database.
var ErrBackupUnsupported = errors.New("backup to a file is for SQLite databases; back PostgreSQL up with pg_dump (pg_dump --format=custom --file=FILE DBNAME) or the server's own backups")

// Backup refuses: a PostgreSQL database is backed up with the server's
// tools, which also keep what ticketgate does not know of (roles,
// settings).
func (s *Store) Backup(ctx context.Context, path string) error {
	return fmt.Errorf("backup to %s: %w", path, ErrBackupUnsupported)
}

// exec, queryRow and query run one statement outside a transaction of
// the caller's, their string arguments escaped (codec.go).
func (s *Store) exec(ctx context.Context, q string, as ...any) (pgconn.CommandTag, error) {
	return s.pool.Exec(ctx, q, args(as)...)
}

func (s *Store) queryRow(ctx context.Context, q string, as ...any) pgx.Row {
	return unescapedRow{s.pool.QueryRow(ctx, q, args(as)...)}
}

func (s *Store) query(ctx context.Context, q string, as ...any) (pgx.Rows, error) {
	return s.pool.Query(ctx, q, args(as)...)
}
