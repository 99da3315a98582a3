package store

import (
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
