package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
)

func mode(t *testing.T, p string) os.FileMode {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

// Issue 13 item 4: the database holds every raw mail; it and its -wal and
// -shm files are the service account's only, and an existing database
// readable by others is tightened on open.
func TestDatabaseFilesArePrivate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Update(ctx, func(tx gateway.Tx) error {
		body := "From: a@b\r\n\r\nsecret body"
		_, err := tx.PutRaw(ctx, strings.Repeat("a", 64), strings.NewReader(body), int64(len(body)), time.Now())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if m := mode(t, p); m != 0o600 {
			t.Errorf("%s: mode %o, want 600", filepath.Base(p), m)
		}
	}
	if len(st.Tightened()) != 0 {
		t.Errorf("a new database reports tightened files: %v", st.Tightened())
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	again, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	st.Close()
	if m := mode(t, path); m != 0o600 {
		t.Errorf("reopened: mode %o", m)
	}
	if got := strings.Join(again.Tightened(), " "); !strings.Contains(got, "t.db (was 644)") || !strings.Contains(got, "t.db-wal (was 644)") {
		t.Errorf("tightened %q", got)
	}
}
