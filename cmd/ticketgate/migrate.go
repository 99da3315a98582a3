package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"ticketgate/gateway/store"
	"ticketgate/gateway/store/postgres"
)

// runMigrate runs 'migrate --to DATABASE [--from DATABASE]': a copy of
// every ticket, mail, template and account into an empty database of the
// other backend, verified table by table.
func runMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate", "migrate [--config PATH] [--from DATABASE] --to DATABASE  (DATABASE: an SQLite file or a postgres:// URL)")
	path := configFlag(fs)
	from := fs.String("from", "", "the database to copy (default: the configured one)")
	to := fs.String("to", "", "the empty database to copy into: an SQLite file or a postgres:// URL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *to == "" {
		return &exitError{code: exUsage, err: errors.New("migrate: give the database to copy into with --to")}
	}
	src := *from
	if src == "" {
		cfg, err := loadConfig(e, *path)
		if err != nil {
			return err
		}
		src = cfg.Database
	}
	if src == *to || (!postgres.IsURL(*to) && !postgres.IsURL(src) && sameFile(src, *to)) {
		return &exitError{code: exUsage, err: errors.New("migrate: --to names the database to copy from")}
	}
	source, err := openDatabase(ctx, src)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer source.Close()
	target, err := openDatabase(ctx, *to)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer target.Close()
	fmt.Fprintf(e.stdout, "copying %s into %s\n", source.Path(), target.Path())
	sums, err := store.Copy(ctx, source, target)
	if errors.Is(err, store.ErrNotEmpty) {
		return fmt.Errorf("migrate: %w; copy into a new database", err)
	}
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tROWS\tCHECKSUM")
	rows := 0
	for _, s := range sums {
		fmt.Fprintf(tw, "%s\t%d\t%.16s\n", s.Table, s.Rows, s.Sum)
		rows += s.Rows
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "copied %d rows of %d tables; counts and checksums match. Point database at %s to run on it.\n",
		rows, len(sums), target.Path())
	return nil
}

func sameFile(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}
