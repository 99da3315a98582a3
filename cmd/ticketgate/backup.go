package main

import (
	"context"
	"fmt"
	"os"
)

// runBackup runs 'backup FILE': a copy of the database from one snapshot,
// safe while serve writes to it.
func runBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup", "backup [--config PATH] FILE  (FILE must not exist)")
	path := configFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &exitError{code: exUsage, err: fmt.Errorf("backup: give the file to write")}
	}
	if _, err := os.Stat(pos[0]); err == nil {
		return &exitError{code: exUsage, err: fmt.Errorf("backup: %s exists; a backup never overwrites a file", pos[0])}
	}
	return withApp(ctx, e, *path, func(a *app) error {
		if err := a.store.Backup(ctx, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "database copied to %s\n", pos[0])
		return nil
	})
}
