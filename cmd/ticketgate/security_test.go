package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 13 item 9: the MTA's envelope recipient decides the mailbox.
func TestIngestTakesTheEnvelopeRecipient(t *testing.T) {
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	forged := "Delivered-To: oncall@helpdesk.example.com\r\nFrom: a@customer.example\r\nTo: oncall@helpdesk.example.com\r\n" +
		"Subject: everything is down\r\nMessage-ID: <forged-dt@customer.example>\r\n\r\nurgent\r\n"
	out, errOut, code := cli(t, forged, env, "ingest", "--recipient", "support@helpdesk.example.com")
	if code != 0 || !strings.Contains(out, "created\tSUP-") {
		t.Errorf("ingest --recipient (%d): %s %s", code, out, errOut)
	}
}

// Issue 13 item 4: the configuration holds the secret; init --force
// leaves it private even over a file others could read, and the database
// files are tightened on open with a log line.
func TestFilesStayPrivate(t *testing.T) {
	cfg := initDir(t)
	if err := os.Chmod(cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := cli(t, "", nil, "init", "--force", "--config", cfg); code != 0 {
		t.Fatalf("init --force: %s", errOut)
	}
	if m := fileMode(t, cfg); m != 0o600 {
		t.Errorf("configuration mode %o after init --force", m)
	}
	if _, errOut, code := cli(t, "", nil, "check", "--config", cfg); code != 0 {
		t.Fatalf("check: %s", errOut)
	}
	db := filepath.Join(filepath.Dir(cfg), "ticketgate.db")
	if m := fileMode(t, db); m != 0o600 {
		t.Errorf("database mode %o", m)
	}
	if err := os.Chmod(db, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := cli(t, "", nil, "check", "--config", cfg)
	if code != 0 || !strings.Contains(errOut, "restricted to mode 0600") || fileMode(t, db) != 0o600 {
		t.Errorf("check (%d) on a readable database: %s, mode %o", code, errOut, fileMode(t, db))
	}
}

func TestWeakSecretIsRefusedClearly(t *testing.T) {
	cfg := initDir(t)
	_, errOut, code := cli(t, "", map[string]string{"TICKETGATE_SECRET": strings.Repeat("a", 32)}, "check", "--config", cfg)
	if code == 0 || !strings.Contains(errOut, "secret") || !strings.Contains(errOut, "too weak") {
		t.Errorf("check (%d): %s", code, errOut)
	}
}

func fileMode(t *testing.T, p string) os.FileMode {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}
