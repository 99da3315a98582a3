package storetest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"ticketgate/gateway/store"
)

var (
	emptyOnce  sync.Once
	emptyBytes []byte
	emptyErr   error
)

// OpenSQLite opens a fresh, fully migrated SQLite store in a temporary
// directory, closed when the test ends. It starts from a copy of one
// database migrated once per test binary: migrating anew for every test
// is most of a small test's time under the race detector.
func OpenSQLite(t testing.TB) *store.Store {
	t.Helper()
	emptyOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ticketgate-empty")
		if err != nil {
			emptyErr = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "empty.db")
		s, err := store.Open(context.Background(), path)
		if err != nil {
			emptyErr = err
			return
		}
		// Closing checkpoints the WAL: the file alone is the database.
		if emptyErr = s.Close(); emptyErr != nil {
			return
		}
		emptyBytes, emptyErr = os.ReadFile(path)
	})
	if emptyErr != nil {
		t.Fatalf("prepare an empty database: %v", emptyErr)
	}
	path := filepath.Join(t.TempDir(), "ticketgate.db")
	if err := os.WriteFile(path, emptyBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
