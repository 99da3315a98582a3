package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// pgDatabase creates an empty database on the PostgreSQL server that
// TICKETGATE_TEST_POSTGRES names, dropped after the test, and returns its
// URL; it skips without a server, and fails when CI is set.
func pgDatabase(t *testing.T) string {
	t.Helper()
	base := os.Getenv("TICKETGATE_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("TICKETGATE_TEST_POSTGRES is not set: CI must run the PostgreSQL tests against a real server")
		}
		t.Skip("TICKETGATE_TEST_POSTGRES is not set: no PostgreSQL server to test against")
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	name := fmt.Sprintf("tg_cmd_%x", rand.Text()[:10])
	if _, err := c.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// database = "postgres://…" runs the commands on PostgreSQL; the
// password never shows, and a file backup points to pg_dump.
func TestCommandsOnPostgreSQL(t *testing.T) {
	db := pgDatabase(t)
	u, _ := url.Parse(db)
	u.User = url.UserPassword(u.User.Username(), "s3cret-pw")
	src := strings.Replace(readFile(t, initDir(t)), `database = "ticketgate.db"`, `database = "`+u.String()+`"`, 1)
	if !strings.Contains(src, "s3cret-pw") {
		t.Fatal("the test cannot point the configuration at PostgreSQL")
	}
	cfg := writeConfig(t, src)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	out, errOut, code := cli(t, "", env, "check")
	if !strings.Contains(out, "database postgres://") || !strings.Contains(out, "schema version 1") {
		t.Errorf("check (%d): %s %s", code, out, errOut)
	}
	if strings.Contains(out+errOut, "s3cret-pw") {
		t.Errorf("check shows the password:\n%s%s", out, errOut)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(cfg), "ticketgate.db")); err == nil {
		t.Error("an SQLite file was created beside the configuration")
	}
	mail := "From: Zoé Martin <zoe@client.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Caisse en panne\r\n" +
		"Message-ID: <pg-1@client.example>\r\n\r\nPlus rien ne fonctionne.\r\n"
	if out, errOut, code := cli(t, mail, env, "ingest"); code != 0 || !strings.Contains(out, "created\tSUP-") {
		t.Fatalf("ingest (%d): %s %s", code, out, errOut)
	}
	if out, errOut, code := cli(t, mail, env, "ingest"); code != 0 || strings.Contains(out, "created") {
		t.Errorf("the same mail again (%d): %s %s", code, out, errOut)
	}
	if out, errOut, code := cli(t, "", env, "tickets", "list"); code != 0 || !strings.Contains(out, "Caisse en panne") {
		t.Errorf("tickets list (%d): %s %s", code, out, errOut)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	_, errOut, code = cli(t, "", env, "backup", copyPath)
	if code == 0 || !strings.Contains(errOut, "pg_dump") {
		t.Errorf("backup of PostgreSQL (%d): %s", code, errOut)
	}
	if _, err := os.Stat(copyPath); err == nil {
		t.Error("backup of PostgreSQL wrote a file")
	}
}
