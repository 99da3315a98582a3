package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
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

// status counts dead letters and fails while there are any: a customer
// waits for each.
func TestStatusReportsDeadLetters(t *testing.T) {
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	if out, errOut, code := cli(t, "", env, "status"); code != 0 || !strings.Contains(out, "Dead letters: 0") {
		t.Fatalf("status of a fresh installation (%d): %s %s", code, out, errOut)
	}
	mail := "From: Jane Doe <jane@customer.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Printer\r\n" +
		"Message-ID: <dl-1@customer.example>\r\n\r\nThe printer is broken.\r\n"
	if _, errOut, code := cli(t, mail, env, "ingest"); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	e := &env_{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(k string) string { return env[k] }}
	err := withApp(context.Background(), e.env(), "", func(a *app) error {
		rows, err := a.gw.OutboxList(context.Background(), gateway.OutboxFilter{})
		if err != nil || len(rows) == 0 {
			return fmt.Errorf("outbox: %d rows, %v", len(rows), err)
		}
		return a.gw.Outbox().Dead(context.Background(), rows[0].ID, time.Now(), "550 no such user")
	})
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := cli(t, "", env, "status")
	if code == 0 || !strings.Contains(out, "Dead letters: 1") || !strings.Contains(errOut, "1 mail(s) not delivered") {
		t.Errorf("status with a dead letter (%d): %s %s", code, out, errOut)
	}
}
