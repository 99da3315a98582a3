package store

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ticketgate/gateway"
)

var writeV1 = flag.Bool("write-v1", false, "rewrite testdata/store/v1.db, a database of schema version 1")

const v1Fixture = "../../testdata/store/v1.db"

func TestMigrateFromEmpty(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v != LatestVersion() || v < 2 {
		t.Fatalf("version %d (%v), want %d", v, err, LatestVersion())
	}
	for _, table := range []string{"tickets", "messages", "raw_messages", "attachments", "events", "outbox",
		"mailbox_state", "seen_uids", "templates", "template_versions", "participants", "ref_counters"} {
		var n int
		if err := s.writer.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s missing (%v)", table, err)
		}
	}
	var mode string
	if err := s.writer.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v)", mode, err)
	}
	var fk, sync int
	s.writer.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk)
	s.writer.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync)
	if fk != 1 || sync != 2 {
		t.Errorf("foreign_keys = %d, synchronous = %d; want 1 and 2 (FULL)", fk, sync)
	}
	// Reopening applies nothing twice.
	s2, err := Open(ctx, s.Path())
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	s2.Close()
}

// TestMigrateFromV1 opens a database saved at schema version 1 with two
// tickets: the upgrade makes their customers participants and continues
// their reference numbers.
func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	if *writeV1 {
		writeV1Fixture(t)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	copyFile(t, v1Fixture, path)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(ctx); v != LatestVersion() {
		t.Fatalf("version %d after migration", v)
	}
	err = s.Update(ctx, func(tx gateway.Tx) error {
		tk, err := tx.TicketByRef(ctx, "SUP-2026-000002")
		if err != nil {
			return err
		}
		// Older than reasons in parts: the English text stands.
		if tk.PriorityWhy != nil || tk.PriorityReason != "mailbox support default" {
			t.Errorf("old ticket's reason %q, parts %+v", tk.PriorityReason, tk.PriorityWhy)
		}
		if ok, err := tx.IsParticipant(ctx, tk.ID, "jane@customer.example"); err != nil || !ok {
			t.Errorf("customer of an old ticket is not a participant (%v)", err)
		}
		n, err := tx.NextReferenceNumber(ctx, "SUP", 2026)
		if err != nil {
			return err
		}
		if n != 3 {
			t.Errorf("next SUP number = %d, want 3", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func writeV1Fixture(t *testing.T) {
	ctx := context.Background()
	os.Remove(v1Fixture)
	s, err := openVersion(ctx, v1Fixture, 1)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i, who := range []string{"bob@other.example", "jane@customer.example"} {
		_, err := s.writer.ExecContext(ctx, `INSERT INTO tickets (reference, mailbox, status, priority, priority_reason,
			customer_address, subject, created_at, updated_at) VALUES (?, 'support', 'new', 3, 'mailbox support default', ?, 'old', ?, ?)`,
			gateway.FormatReference("SUP", 2026, int64(i+1)), who, formatTime(at), formatTime(at))
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.writer.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Remove(v1Fixture + "-wal")
	os.Remove(v1Fixture + "-shm")
}

func TestRefuseNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "future.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.writer.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (999, '0999_future.sql', 'x')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, path); !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("err = %v, want ErrSchemaTooNew", err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// A path with the characters a file: URI gives meaning to opens that
// file, fully migrated and with its pragmas, not a truncated name.
func TestOpenPathWithURICharacters(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "support #1 ?50% off")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "ticketgate.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v != LatestVersion() {
		t.Fatalf("version %d (%v), want %d", v, err, LatestVersion())
	}
	var mode string
	if err := s.writer.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v)", mode, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database is not where it was asked for: %v", err)
	}
}
