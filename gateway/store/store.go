// Package store keeps ticketgate's data in one SQLite file
// (modernc.org/sqlite, pure Go). It is the only package that writes SQL.
//
// Implementation notes:
//   - One writer connection (SQLite has one writer anyway; a single
//     connection makes BEGIN IMMEDIATE queue in Go rather than fail on
//     SQLITE_BUSY) and a pool of read-only connections. WAL lets readers run
//     during writes; a busy timeout covers other processes (the MTA pipe
//     `ticketgate ingest` next to `ticketgate serve`).
//   - synchronous=FULL: a commit is on disk when Update returns, because
//     the IMAP post-action (mark seen, move) follows it and a commit lost to
//     a power cut would lose the mail.
//   - Migrations are embedded numbered files applied in order, one
//     transaction each, and recorded in schema_migrations. A database newer
//     than this binary is refused.
//   - Times are stored as fixed-width UTC text so that they sort as text.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"ticketgate/gateway"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrSchemaTooNew is returned when the database was written by a newer
// ticketgate.
var ErrSchemaTooNew = errors.New("database schema is newer than this ticketgate")

// Store is a SQLite-backed gateway.Store.
type Store struct {
	path           string
	writer         *sql.DB
	reader         *sql.DB
	wstmts, rstmts *stmtCache
	tightened      []string // files whose mode Open restricted
	// observe, when set (tests), sees every query with its arguments.
	observe func(query string, args []any)
}

var _ gateway.Store = (*Store)(nil)

// Migration is one embedded, numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// ReadMigrations reads the numbered .sql files of dir in fsys, oldest
// first: every backend keeps its migrations this way.
func ReadMigrations(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s: name must start with a number and an underscore", e.Name())
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

func migrations() ([]Migration, error) { return ReadMigrations(migrationFiles, "migrations") }

// LatestVersion is the schema version this binary writes.
func LatestVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].Version
}

func dsn(p string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(15000)")
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		// The per-message savepoints of a batch keep the pages they change
		// in a statement journal; a temporary file costs a write call per
		// page, memory costs a copy. It holds only pages that existed when
		// the savepoint began, and is dropped at its release.
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + uriPath.Replace(p) + "?" + q.Encode()
}

// uriPath escapes what a file: URI would otherwise read as its query or
// fragment, so that a directory named "a#b" or "a?b" opens the right file.
var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// Open opens (creating if needed) the database at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	return openVersion(ctx, path, -1)
}

// openVersion migrates up to version (all when negative); tests use it to
// build databases of older schemas.
func openVersion(ctx context.Context, path string, version int) (*Store, error) {
	tightened, err := secureFiles(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	writer, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetConnMaxIdleTime(0)
	s := &Store{path: path, writer: writer, wstmts: newStmtCache(writer), tightened: tightened}
	if err := s.migrate(ctx, version); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if version < 0 || version >= searchKeyVersion {
		if err := s.indexPending(ctx); err != nil {
			writer.Close()
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	}
	reader, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open database %s for reading: %w", path, err)
	}
	reader.SetMaxOpenConns(4)
	s.reader, s.rstmts = reader, newStmtCache(reader)
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.rstmts.close()
	s.wstmts.close()
	return errors.Join(s.reader.Close(), s.writer.Close())
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// SchemaVersion returns the newest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.writer.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), err
}

func (s *Store) migrate(ctx context.Context, upTo int) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("read migrations: %w", err)
	}
	if _, err := s.writer.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if latest := ms[len(ms)-1].Version; current > latest {
		return fmt.Errorf("%w: database is at version %d, this binary knows up to %d; upgrade ticketgate", ErrSchemaTooNew, current, latest)
	}
	for _, m := range ms {
		if m.Version <= current || (upTo >= 0 && m.Version > upTo) {
			continue
		}
		err := s.Update(ctx, func(tx gateway.Tx) error {
			t := tx.(*txn)
			// Another process may have applied it since we looked.
			var n int
			if err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&n); err != nil || n > 0 {
				return err
			}
			// A script of many statements: never through the statement cache.
			if _, err := t.tx.Tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := t.tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.Version, m.Name, formatTime(time.Now()))
			return err
		})
		if err != nil {
			return fmt.Errorf("apply migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// Update runs fn in one write transaction. Once begun, the transaction is
// not cut short by ctx: shutdown lets in-flight work commit.
func (s *Store) Update(ctx context.Context, fn func(gateway.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ctx = context.WithoutCancel(ctx)
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write transaction: %w", err)
	}
	defer s.wstmts.prepare(ctx)
	// Also when fn panics: the one writer connection must not stay inside
	// a transaction. After Commit, Rollback does nothing.
	defer tx.Rollback()
	x := &txn{tx: &stmtTx{Tx: tx, cache: s.wstmts, observe: s.observe, detach: true}}
	if err := fn(x); err != nil {
		return err
	}
	if err := x.writeSearch(ctx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// View runs fn in a read transaction.
func (s *Store) View(ctx context.Context, fn func(gateway.ReadTx) error) error {
	tx, err := s.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin read transaction: %w", err)
	}
	defer s.rstmts.prepare(ctx)
	defer tx.Rollback()
	return fn(&txn{tx: &stmtTx{Tx: tx, cache: s.rstmts, observe: s.observe}})
}

// DiskSize is the bytes the database's pages take, free pages left out,
// as if checkpointed.
func (s *Store) DiskSize(ctx context.Context) int64 {
	var n int64
	s.writer.QueryRowContext(ctx, `SELECT (page_count - freelist_count) * page_size
		FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()`).Scan(&n)
	return n
}

// IntegrityCheck runs PRAGMA integrity_check and returns its verdict.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	rows, err := s.writer.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return err
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(msgs) != 1 || msgs[0] != "ok" {
		return fmt.Errorf("integrity check failed: %s", strings.Join(msgs, "; "))
	}
	return nil
}

const timeFormat = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) (time.Time, error) { return time.Parse(timeFormat, s) }

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

func scanNullTime(ns sql.NullString) (*time.Time, error) {
	if !ns.Valid {
		return nil, nil
	}
	t, err := parseTime(ns.String)
	return &t, err
}
