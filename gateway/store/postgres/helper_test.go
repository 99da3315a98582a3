package postgres

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// envTestPostgres names the PostgreSQL server tests may create databases
// on (a throwaway cluster: .ci/run starts one).
const envTestPostgres = "TICKETGATE_TEST_POSTGRES"

// testDatabase creates an empty database on the test server, dropped when
// the test ends, and returns its URL. Without a server the test skips, or
// fails when CI is set: CI must test PostgreSQL itself.
func testDatabase(t testing.TB) string {
	t.Helper()
	base := os.Getenv(envTestPostgres)
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set: CI must run the PostgreSQL tests against a real server", envTestPostgres)
		}
		t.Skipf("%s is not set: no PostgreSQL server to test against", envTestPostgres)
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", Redact(base), err)
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("tg_test_%x", rand.Text()[:10])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop test database: %v", err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// openTest opens a Store on a fresh database, closed when the test ends.
func openTest(t testing.TB) (*Store, string) {
	t.Helper()
	dsn := testDatabase(t)
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dsn
}

// openAgain opens a second Store, another pool of connections as a
// second process would have, on the same database.
func openAgain(t testing.TB, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
