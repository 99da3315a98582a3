package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A backup taken from the console is a database ticketgate runs on.
func TestBackupCommand(t *testing.T) {
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	mail := "From: Jane Doe <jane@customer.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Printer\r\n" +
		"Message-ID: <bk-1@customer.example>\r\n\r\nThe printer is broken.\r\n"
	if _, errOut, code := cli(t, mail, env, "ingest"); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if out, errOut, code := cli(t, "", env, "backup", copyPath); code != 0 || !strings.Contains(out, copyPath) {
		t.Fatalf("backup (%d): %s %s", code, out, errOut)
	}
	if _, errOut, code := cli(t, "", env, "backup", copyPath); code != exUsage || !strings.Contains(errOut, "never overwrites") {
		t.Errorf("a second backup to the same file (%d): %s", code, errOut)
	}
	// Run on the copy: the ticket is there.
	restored := strings.Replace(readFile(t, cfg), `database = "ticketgate.db"`, `database = "`+copyPath+`"`, 1)
	if !strings.Contains(restored, copyPath) {
		t.Fatalf("the test cannot point the configuration at the copy:\n%s", restored)
	}
	other := writeConfig(t, restored)
	if out, errOut, code := cli(t, "", map[string]string{"TICKETGATE_CONFIG": other}, "tickets", "list"); code != 0 || !strings.Contains(out, "Printer") {
		t.Errorf("tickets on the copy (%d): %s %s", code, out, errOut)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
