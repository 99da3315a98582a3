package postgres

import (
	"context"
	"testing"

	"ticketgate/gateway/store/pgtest"
	"ticketgate/gateway/store/storetest"
)

// The tests run on a real PostgreSQL: the cluster CI names, or one pgtest
// starts for this test binary.
func TestMain(m *testing.M) { pgtest.Main(m) }

// The PostgreSQL store passes the suite every store passes.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Backend {
		s, err := Open(context.Background(), pgtest.Open(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// openTest opens a Store on a fresh database, closed when the test ends.
func openTest(t testing.TB) (*Store, string) {
	t.Helper()
	dsn := pgtest.Open(t)
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
