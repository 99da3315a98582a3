package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"ticketgate/gateway"
)

// A backup is a database of its own: complete, consistent, private, and
// never written over an existing file.
func TestBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, filepath.Join(dir, "live.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int64
	if err := s.Update(ctx, func(tx gateway.Tx) error {
		var err error
		n, err = tx.NextReferenceNumber(ctx, "SUP", 2026)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "copy.db")
	if err := s.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != dbMode {
		t.Fatalf("backup file: %v, mode %v", err, fi.Mode().Perm())
	}
	if err := s.Backup(ctx, path); err == nil {
		t.Error("a backup overwrote an existing file")
	}
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	var next int64
	if err := b.Update(ctx, func(tx gateway.Tx) error {
		var err error
		next, err = tx.NextReferenceNumber(ctx, "SUP", 2026)
		return err
	}); err != nil || next != n+1 {
		t.Errorf("the backup's next reference: %d, %v; want %d", next, err, n+1)
	}
}
