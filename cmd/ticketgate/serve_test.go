package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/imapsource/imaptest"
	"ticketgate/gateway/store"
)

// imapConfig writes a configuration whose support mailbox reads addr as
// user, and whose oncall mailbox uses a wrong password.
func imapConfig(t *testing.T, addr, user, pass, postAction string) string {
	t.Helper()
	host, port, _ := strings.Cut(addr, ":")
	return writeConfig(t, fmt.Sprintf(`secret = "0123456789abcdef-serve-test"
[serve]
stale_after = "1m"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
[mailboxes.support.imap]
host = %[1]q
port = %[2]s
security = "plain"
username = %[3]q
password = %[4]q
post_action = %[5]q
processed_folder = "Processed"
# go-imap's in-memory server can drop a new-mail notice sent just as IDLE
# begins; the shortest refresh bounds the wait for such a message.
idle_refresh = "10s"
[mailboxes.oncall]
address = "oncall@helpdesk.example.com"
prefix = "OC"
[mailboxes.oncall.imap]
host = %[1]q
port = %[2]s
security = "plain"
username = %[3]q
password_env = "ONCALL_PASSWORD"
idle_refresh = "10s"
`, host, port, user, pass, postAction))
}

// writeConfig writes a configuration file in a fresh directory, where
// its database will be too.
func writeConfig(t *testing.T, src string) string {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "ticketgate.toml")
	if err := os.WriteFile(cfg, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func entriesBySubject(t *testing.T, cfg string) map[string]int {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(filepath.Dir(cfg), "ticketgate.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	out := map[string]int{}
	err = st.View(ctx, func(tx gateway.ReadTx) error {
		ts, err := tx.Tickets(ctx, gateway.TicketFilter{})
		if err != nil {
			return err
		}
		for _, tk := range ts {
			es, err := tx.Entries(ctx, tk.ID)
			if err != nil {
				return err
			}
			out[tk.Subject] += len(es)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func waitUntil(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestServeCheckStatus(t *testing.T) {
	srv := imaptest.NewMemServer(t)
	user, pass := srv.NewUser(t)
	cfg := imapConfig(t, srv.Addr(), user, pass, "seen")
	env := map[string]string{"TICKETGATE_CONFIG": cfg, "ONCALL_PASSWORD": "wrong"}

	out, errOut, code := cli(t, "", env, "check")
	if code == 0 || !strings.Contains(out, "IMAP support: folder INBOX: 0 messages, 0 unseen") || !strings.Contains(out, "IDLE yes, MOVE yes") ||
		!strings.Contains(out, "IMAP oncall: error:") || !strings.Contains(out, "authentication failed") || !strings.Contains(errOut, "oncall") {
		t.Errorf("check (%d):\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(out+errOut, "wrong") {
		t.Error("check printed the password")
	}
	out, _, code = cli(t, "", env, "status")
	if code == 0 || !strings.Contains(out, "never") || !strings.Contains(out, "STALE") {
		t.Errorf("status before serve (%d):\n%s", code, out)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var serveOut, serveErr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		e := &env_{stdin: strings.NewReader(""), stdout: &serveOut, stderr: &serveErr, getenv: func(k string) string { return env[k] }}
		done <- run(ctx, e.env(), []string{"serve"})
	}()
	imaptest.Append(t, srv.Addr(), user, pass, "INBOX", []byte("From: jane@customer.example\r\nTo: support@helpdesk.example.com\r\n"+
		"Subject: Served\r\nMessage-ID: <served-1@customer.example>\r\n\r\nHello.\r\n"))
	waitUntil(t, "the ticket", 20*time.Second, func() bool { return entriesBySubject(t, cfg)["Served"] == 1 })
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after cancellation")
	}
	if !strings.Contains(serveErr.String(), "stopped") || strings.Contains(serveErr.String(), "password=") {
		t.Errorf("serve log:\n%s", serveErr.String())
	}

	out, _, code = cli(t, "", env, "status", "--json")
	var sts []map[string]any
	if err := json.Unmarshal([]byte(out), &sts); err != nil || len(sts) != 2 {
		t.Fatalf("status --json (%d): %s", code, out)
	}
	for _, s := range sts {
		switch s["mailbox"] {
		case "support":
			if s["stale"] != false || s["last_sync"] == nil || s["last_error"] != "" {
				t.Errorf("support status %v", s)
			}
		case "oncall":
			if s["stale"] != true || !strings.Contains(s["last_error"].(string), "authentication failed") {
				t.Errorf("oncall status %v", s)
			}
		}
	}
	if code == 0 {
		t.Error("status exited 0 with a stale mailbox")
	}
}

// TestServeKilled runs 'ticketgate serve' on a Dovecot mailbox of 1,000
// messages, kills it with SIGKILL several times while it works, then lets
// a last run finish: each message must be exactly one ticket entry, and
// every one must have been moved to the processed folder.
func TestServeKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a mail server and child processes")
	}
	srv := imaptest.NewDovecot(t)
	user, pass := srv.NewUser(t)
	const n = 1000
	raws := make([][]byte, n)
	for i := range raws {
		raws[i] = []byte(fmt.Sprintf("From: Customer %[1]d <c%[1]d@customer.example>\r\nTo: support@helpdesk.example.com\r\n"+
			"Subject: Bulk %[1]d\r\nMessage-ID: <bulk-%[1]d@customer.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n\r\nMessage %[1]d.\r\n", i))
	}
	imaptest.AppendMany(t, srv.Addr(), user, pass, "INBOX", raws)
	cfg := imapConfig(t, srv.Addr(), user, pass, "move")
	// Only the support mailbox: drop the deliberately broken one.
	src, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Split(string(src), "[mailboxes.oncall]")[0]), 0o600)

	start := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "serve", "--config", cfg)
		cmd.Env = append(os.Environ(), "TICKETGATE_TEST_MAIN=1")
		log, err := os.Create(filepath.Join(filepath.Dir(cfg), "serve.log"))
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	total := func() int {
		s := 0
		for _, c := range entriesBySubject(t, cfg) {
			s += c
		}
		return s
	}
	defer func() {
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(filepath.Dir(cfg), "serve.log"))
			t.Logf("last serve log:\n%s", tail(string(log), 40))
		}
	}()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	kills := 0
	for kills < 5 {
		before := total()
		if before >= n-50 {
			break
		}
		cmd := start()
		// Never beyond n: a child that finishes everything is still killed.
		target := min(before+20+rng.Intn(150), n)
		waitUntil(t, "progress", 180*time.Second, func() bool { return total() >= target })
		time.Sleep(time.Duration(rng.Intn(20)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		kills++
	}
	cmd := start()
	waitUntil(t, "every message moved", 300*time.Second, func() bool {
		return imaptest.Count(t, srv.Addr(), user, pass, "INBOX") == 0 && total() == n
	})
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after SIGTERM: %v", err)
	}
	t.Logf("killed %d times", kills)
	if kills < 3 {
		t.Errorf("only %d kills landed before the end; the test proves little", kills)
	}
	got := entriesBySubject(t, cfg)
	for i := 0; i < n; i++ {
		if c := got[fmt.Sprintf("Bulk %d", i)]; c != 1 {
			t.Errorf("message %d recorded %d times", i, c)
		}
	}
	if len(got) != n {
		t.Errorf("%d tickets, want %d", len(got), n)
	}
	if moved := imaptest.Count(t, srv.Addr(), user, pass, "Processed"); moved != n {
		t.Errorf("%d messages in Processed, want %d", moved, n)
	}
	st, err := store.Open(context.Background(), filepath.Join(filepath.Dir(cfg), "ticketgate.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
}

func tail(s string, lines int) string {
	l := strings.Split(s, "\n")
	if len(l) > lines {
		l = l[len(l)-lines:]
	}
	return strings.Join(l, "\n")
}
