package main

import (
	"context"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/admin"
	"ticketgate/gateway/store"
	"ticketgate/gateway/store/postgres"
)

// database is what the commands use of a store: the gateway's Store and
// the store's own operations. Both backends have them; the configured
// database decides which one opens.
type database interface {
	gateway.Store
	admin.Accounts
	store.Backend // migrate copies between backends
	Close() error
	// Path is the SQLite file, or the PostgreSQL URL without its password.
	Path() string
	SchemaVersion(ctx context.Context) (int, error)
	Tightened() []string
	Backup(ctx context.Context, path string) error
	AcquireLease(ctx context.Context, name string, me store.Holder, now time.Time, ttl time.Duration, dead func(store.Holder) bool) error
	RenewLease(ctx context.Context, name string, me store.Holder, now time.Time, ttl time.Duration) error
	ReleaseLease(ctx context.Context, name string, me store.Holder) error
	CheckWritable(ctx context.Context, now time.Time) error
}

var (
	_ database = (*store.Store)(nil)
	_ database = (*postgres.Store)(nil)
)

// openDatabase opens PostgreSQL for database = "postgres://…" (or
// "postgresql://…"; the password may come from PGPASSWORD instead of the
// URL), else the SQLite file.
func openDatabase(ctx context.Context, url string) (database, error) {
	if postgres.IsURL(url) {
		st, err := postgres.Open(ctx, url)
		if err != nil {
			return nil, err
		}
		return st, nil
	}
	st, err := store.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	return st, nil
}
