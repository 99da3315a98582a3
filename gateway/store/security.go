package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// dbMode is the mode of the database and its -wal and -shm files: they
// hold every raw mail, so only the account that runs ticketgate may read
// them.
const dbMode = 0o600

// secureFiles creates the database file with dbMode before SQLite does
// (SQLite gives its -wal and -shm files the database's mode) and tightens
// the files of an existing database that others may read. It returns
// what it tightened, for the caller to log.
func secureFiles(path string) ([]string, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, dbMode)
	switch {
	case err == nil:
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("create %s: %w", path, err)
		}
	case !errors.Is(err, fs.ErrExist):
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	var fixed []string
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		st, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("check mode of %s: %w", p, err)
		}
		if perm := st.Mode().Perm(); perm&^dbMode != 0 {
			if err := os.Chmod(p, dbMode); err != nil {
				return nil, fmt.Errorf("restrict %s to mode %o: %w", p, dbMode, err)
			}
			fixed = append(fixed, fmt.Sprintf("%s (was %o)", p, perm))
		}
	}
	return fixed, nil
}

// Tightened lists the files Open found readable by others and restricted
// to mode 0600, with their former mode.
func (s *Store) Tightened() []string { return s.tightened }

// Backup writes a consistent copy of the database to path, while others
// read and write it (SQLite's VACUUM INTO reads one snapshot). The copy
// holds every raw mail, so it gets the database's own mode; path must not
// exist yet, so that a backup never overwrites one. It runs on the writer
// connection (the readers are read-only), holding writes back meanwhile.
func (s *Store) Backup(ctx context.Context, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, dbMode)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	f.Close()
	if _, err := s.writer.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}
