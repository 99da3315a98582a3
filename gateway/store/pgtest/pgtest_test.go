package pgtest_test

import (
	"context"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"ticketgate/gateway/store/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func connect(t *testing.T, dbURL string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), dbURL)
	if err != nil {
		t.Fatalf("connect to %s: %v", dbURL, err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// Each Open is a database of its own, empty, accepting connections, and
// gone once its test ends.
func TestOpen(t *testing.T) {
	ctx := context.Background()
	var names [2]string
	t.Run("two databases", func(t *testing.T) {
		a, b := pgtest.Open(t), pgtest.Open(t)
		if a == b {
			t.Fatalf("two calls gave one database: %s", a)
		}
		for i, dbURL := range []string{a, b} {
			c := connect(t, dbURL)
			if err := c.QueryRow(ctx, `SELECT current_database()`).Scan(&names[i]); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := c.QueryRow(ctx, `SELECT COUNT(*) FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
				WHERE ns.nspname NOT IN ('pg_catalog', 'information_schema') AND ns.nspname NOT LIKE 'pg_toast%'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("database %s is not empty: %d relations", names[i], n)
			}
			var enc string
			if err := c.QueryRow(ctx, `SHOW server_encoding`).Scan(&enc); err != nil || enc != "UTF8" {
				t.Errorf("database %s encoding %q (%v), want UTF8", names[i], enc, err)
			}
		}
		// What one test writes, the other does not see.
		if _, err := connect(t, a).Exec(ctx, `CREATE TABLE only_in_a (x int)`); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := connect(t, b).QueryRow(ctx, `SELECT COUNT(*) FROM pg_class WHERE relname = 'only_in_a'`).Scan(&n); err != nil || n != 0 {
			t.Errorf("a table of the first database is in the second: %d (%v)", n, err)
		}
		// A connection left open does not keep its database at cleanup.
		c, err := pgx.Connect(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		_ = c // closed by the drop
	})
	if names[0] == "" || names[0] == names[1] {
		t.Fatalf("database names %q", names)
	}
	admin := connect(t, clusterOf(t, pgtest.Open(t)))
	for _, name := range names {
		var n int
		if err := admin.QueryRow(ctx, `SELECT COUNT(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil || n != 0 {
			t.Errorf("database %s still there after its test: %d (%v)", name, n, err)
		}
	}
}

// clusterOf is the cluster's maintenance database of a test database's
// URL.
func clusterOf(t *testing.T, raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/postgres"
	return u.String()
}

// With $CI set and no cluster named, a PostgreSQL test fails and says how
// to give it one.
func TestFailsInCIWithoutCluster(t *testing.T) {
	if os.Getenv("PGTEST_CHILD") == "1" {
		pgtest.Open(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFailsInCIWithoutCluster$", "-test.count=1")
	cmd.Env = append(withoutEnv(os.Environ(), pgtest.EnvURL, "CI"), "PGTEST_CHILD=1", "CI=true")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the test passed under CI without a cluster:\n%s", out)
	}
	if !strings.Contains(string(out), "--- FAIL") || !strings.Contains(string(out), pgtest.EnvURL) ||
		!strings.Contains(string(out), ".ci/run") {
		t.Errorf("under CI without a cluster, want a failure naming %s and .ci/run:\n%s", pgtest.EnvURL, out)
	}
}

func withoutEnv(env []string, names ...string) []string {
	var out []string
	for _, kv := range env {
		keep := true
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				keep = false
			}
		}
		if keep {
			out = append(out, kv)
		}
	}
	return out
}

// A role of OpenWithPassword gets in with its password only, and owns its
// database.
func TestOpenWithPassword(t *testing.T) {
	ctx := context.Background()
	dbURL, password := pgtest.OpenWithPassword(t)
	if strings.Contains(dbURL, password) {
		t.Fatalf("the URL %s carries the password", dbURL)
	}
	for _, try := range []struct{ name, password string }{{"no password", ""}, {"a wrong password", password + "x"}} {
		cfg, err := pgx.ParseConfig(dbURL)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Password = try.password
		c, err := pgx.ConnectConfig(ctx, cfg)
		var pgErr *pgconn.PgError
		if err == nil {
			c.Close(ctx)
			t.Errorf("with %s the role got in", try.name)
		} else if !errors.As(err, &pgErr) || pgErr.Code != "28P01" {
			t.Errorf("with %s: %v, want a failed password authentication (28P01)", try.name, err)
		}
	}
	u, _ := url.Parse(dbURL)
	u.User = url.UserPassword(u.User.Username(), password)
	c := connect(t, u.String())
	if _, err := c.Exec(ctx, `CREATE TABLE owned (x int)`); err != nil {
		t.Errorf("the role cannot create a table in its database: %v", err)
	}
}

// .ci/run starts its cluster with the same password check as pgtest's own.
func TestCIChecksPasswords(t *testing.T) {
	b, err := os.ReadFile("../../../.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), pgtest.HBALine) {
		t.Errorf(".ci/run does not put %q in its cluster's pg_hba.conf", pgtest.HBALine)
	}
}
