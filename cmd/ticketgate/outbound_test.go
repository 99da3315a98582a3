package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"mime"
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
	"ticketgate/notifier/smtpsink"
)

// mailConfig writes a configuration whose support mailbox reads addr over
// IMAP and sends through the SMTP sink on port.
func mailConfig(t *testing.T, addr, user, pass string, port int) string {
	t.Helper()
	host, iport, _ := strings.Cut(addr, ":")
	return writeConfig(t, fmt.Sprintf(`secret = "0123456789abcdef-mail-test"
hostname = "helpdesk.example.com"
[smtp]
host = "127.0.0.1"
port = %[5]d
security = "plain"
min_backoff = "1s"
max_backoff = "2s"
give_up_after = "1h"
[mailboxes.support]
address = "support@helpdesk.example.com"
display_name = "Example Support"
prefix = "SUP"
[mailboxes.support.imap]
host = %[1]q
port = %[2]s
security = "plain"
username = %[3]q
password = %[4]q
idle_refresh = "10s"
`, host, iport, user, pass, port))
}

func startSink(t *testing.T, opt smtpsink.Options) *smtpsink.Sink {
	t.Helper()
	s, err := smtpsink.Start(opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// serveInProcess runs 'serve' until the returned function is called, on
// the wall clock or the one given.
func serveInProcess(t *testing.T, cfg string, clock ...gateway.Clock) func() {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		e := &env{stdin: strings.NewReader(""), stdout: os.Stderr, stderr: testWriter{t}, getenv: func(string) string { return "" }}
		if len(clock) > 0 {
			e.clock = clock[0]
		}
		done <- run(ctx, e, []string{"serve", "--config", cfg})
	}()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	}
	t.Cleanup(stop)
	return stop
}

// testWriter sends the log to the test's output only when it fails.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func outboxRows(t *testing.T, cfg string) []outboxJSON {
	t.Helper()
	out, errOut, code := cli(t, "", map[string]string{"TICKETGATE_CONFIG": cfg}, "outbox", "list", "--limit", "0", "--json")
	var rows []outboxJSON
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
		t.Fatalf("outbox list (%d): %s %s", code, out, errOut)
	}
	return rows
}

func decoded(h string) string {
	s, err := new(mime.WordDecoder).DecodeHeader(h)
	if err != nil {
		return h
	}
	return s
}

func TestAcknowledgeEndToEnd(t *testing.T) {
	t.Run("InMemoryIMAP", func(t *testing.T) { testAcknowledge(t, imaptest.NewMemServer(t)) })
	t.Run("Dovecot", func(t *testing.T) { testAcknowledge(t, imaptest.NewDovecot(t)) })
}

func testAcknowledge(t *testing.T, srv imaptest.Server) {
	user, pass := srv.NewUser(t)
	sink := startSink(t, smtpsink.Options{})
	cfg := mailConfig(t, srv.Addr(), user, pass, sink.Port())
	stop := serveInProcess(t, cfg)
	inbox := func(raw string) {
		imaptest.Append(t, srv.Addr(), user, pass, "INBOX", []byte(strings.ReplaceAll(raw, "\n", "\r\n")))
	}

	// Mail in, one acknowledgement out.
	inbox("From: Jane Roe <jane@customer.example>\nTo: support@helpdesk.example.com\nSubject: The printer is broken\n" +
		"Message-ID: <e2e-1@customer.example>\nDate: Mon, 23 Nov 2026 10:00:00 +0100\n\nHello, the printer does not print since this morning. Can you help?\n")
	waitUntil(t, "the acknowledgement", 30*time.Second, func() bool { return len(sink.Messages()) >= 1 })
	m := sink.Messages()[0]
	rows := outboxRows(t, cfg)
	if len(rows) != 1 || rows[0].Kind != "ack" || rows[0].Ticket != "SUP-2026-000001" {
		t.Fatalf("outbox %+v", rows)
	}
	h := m.Header
	for k, want := range map[string]string{
		"Message-Id": "<" + rows[0].MessageID + ">", "In-Reply-To": "<e2e-1@customer.example>",
		"References": "<e2e-1@customer.example>", "Auto-Submitted": "auto-replied",
		"X-Auto-Response-Suppress": "All", "Reply-To": "<support@helpdesk.example.com>",
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if m.From != "support@helpdesk.example.com" || len(m.To) != 1 || m.To[0] != "jane@customer.example" {
		t.Errorf("envelope %s → %v", m.From, m.To)
	}
	if s := decoded(h.Get("Subject")); !strings.HasPrefix(s, "[SUP-2026-000001] ") {
		t.Errorf("Subject %q", s)
	}
	body := string(m.Data)
	for _, want := range []string{"Hello Jane Roe", "SUP-2026-000001", "Priority: P", "(Paris time)"} {
		if !strings.Contains(body, want) {
			t.Errorf("the acknowledgement lacks %q:\n%s", want, body)
		}
	}
	var tk ticketJSON
	out, _, _ := cli(t, "", map[string]string{"TICKETGATE_CONFIG": cfg}, "tickets", "show", "SUP-2026-000001", "--json")
	if err := json.Unmarshal([]byte(out), &tk); err != nil {
		t.Fatal(err)
	}
	if tk.Language != "en" || tk.ResponseDue == nil || !strings.Contains(body, "Priority: "+tk.Priority) {
		t.Errorf("ticket %+v against\n%s", tk, body)
	}
	if due, _ := time.Parse(time.RFC3339, *tk.ResponseDue); !strings.Contains(body, due.In(paris(t)).Format("15:04")) {
		t.Errorf("the acknowledgement lacks the response due time %s", *tk.ResponseDue)
	}

	// An autoresponder answers our acknowledgement: recorded, not answered.
	inbox(fmt.Sprintf("From: Jane Roe <jane@customer.example>\nTo: support@helpdesk.example.com\nSubject: Automatic reply: %s\n"+
		"Message-ID: <ooo-1@customer.example>\nIn-Reply-To: %s\nAuto-Submitted: auto-replied\n\nI am out of the office.\n",
		decoded(h.Get("Subject")), h.Get("Message-Id")))
	waitUntil(t, "the auto-reply on the ticket", 30*time.Second, func() bool {
		return entriesBySubject(t, cfg)["The printer is broken"] == 2
	})
	// Whether to answer was decided in the commit that recorded it.
	if rows := outboxRows(t, cfg); len(rows) != 1 {
		t.Errorf("%d mails queued after the auto-reply, want still 1, the acknowledgement: %+v", len(rows), rows)
	}

	// SMTP down: tickets are still made, mail waits and goes out once
	// the server is back, each mail once.
	sink.Stop()
	for i := 1; i <= 3; i++ {
		inbox(fmt.Sprintf("From: c%[1]d@customer.example\nTo: support@helpdesk.example.com\nSubject: While down %[1]d\nMessage-ID: <down-%[1]d@customer.example>\n\nHello, question %[1]d.\n", i))
	}
	waitUntil(t, "failed attempts while SMTP is down", 60*time.Second, func() bool {
		failed := 0
		for _, r := range outboxRows(t, cfg) {
			if r.Status == "pending" && r.Attempts >= 1 && r.LastError != "" {
				failed++
			}
		}
		return failed == 3
	})
	if err := sink.Restart(); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the held mail", 60*time.Second, func() bool { return len(sink.Messages()) >= 4 })

	// 100 mails from one sender within a minute: 100 tickets, 5 mails.
	raws := make([][]byte, 100)
	for i := range raws {
		raws[i] = []byte(fmt.Sprintf("From: flood@customer.example\r\nTo: support@helpdesk.example.com\r\nSubject: Flood %[1]d\r\nMessage-ID: <flood-%[1]d@customer.example>\r\n\r\nHello %[1]d.\r\n", i))
	}
	imaptest.AppendMany(t, srv.Addr(), user, pass, "INBOX", raws)
	waitUntil(t, "100 more tickets", 120*time.Second, func() bool { return len(entriesBySubject(t, cfg)) == 104 })
	waitUntil(t, "the outbox to drain", 60*time.Second, func() bool {
		for _, r := range outboxRows(t, cfg) {
			if r.Status != "sent" {
				return false
			}
		}
		return true
	})
	stop()
	if sent, rows := len(sink.Messages()), len(outboxRows(t, cfg)); sent != rows {
		t.Errorf("%d mails delivered for %d outbox rows", sent, rows)
	}

	perID, perRcpt := map[string]int{}, map[string]int{}
	for _, m := range sink.Messages() {
		perID[m.Header.Get("Message-Id")]++
		perRcpt[m.To[0]]++
	}
	for id, n := range perID {
		if n != 1 {
			t.Errorf("%s delivered %d times", id, n)
		}
	}
	if perRcpt["flood@customer.example"] != 5 {
		t.Errorf("the flooding sender got %d mails, want 5", perRcpt["flood@customer.example"])
	}
	for i := 1; i <= 3; i++ {
		if n := perRcpt[fmt.Sprintf("c%d@customer.example", i)]; n != 1 {
			t.Errorf("c%d got %d acknowledgements after the outage", i, n)
		}
	}
	if len(perID) != 9 {
		t.Errorf("%d distinct mails, want 9 (1 + 3 + 5)", len(perID))
	}
}

func paris(t *testing.T) *time.Location {
	l, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestSendKilled kills 'serve' with SIGKILL while it sends acknowledgements
// through a slow SMTP server: every ticket must get its acknowledgement at
// least once, a copy only for a mail in flight at a kill, and a copy is
// always the same mail (same Message-ID).
func TestSendKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	srv := imaptest.NewMemServer(t)
	user, pass := srv.NewUser(t)
	sink := startSink(t, smtpsink.Options{Deliver: func(smtpsink.Message) error {
		time.Sleep(25 * time.Millisecond) // a slow server widens the window a kill can hit
		return nil
	}})
	const n = 150
	raws := make([][]byte, n)
	for i := range raws {
		raws[i] = []byte(fmt.Sprintf("From: c%[1]d@customer.example\r\nTo: support@helpdesk.example.com\r\nSubject: Kill %[1]d\r\nMessage-ID: <kill-%[1]d@customer.example>\r\n\r\nHello %[1]d.\r\n", i))
	}
	imaptest.AppendMany(t, srv.Addr(), user, pass, "INBOX", raws)
	cfg := mailConfig(t, srv.Addr(), user, pass, sink.Port())
	logPath := filepath.Join(filepath.Dir(cfg), "serve.log")
	start := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "serve", "--config", cfg)
		cmd.Env = append(os.Environ(), "TICKETGATE_TEST_MAIN=1")
		log, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	defer func() {
		if t.Failed() {
			log, _ := os.ReadFile(logPath)
			t.Logf("serve log:\n%s", tail(string(log), 40))
		}
	}()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	kills := 0
	for kills < 5 && len(sink.Messages()) < n-20 {
		cmd := start()
		target := min(len(sink.Messages())+5+rng.Intn(25), n)
		waitUntil(t, "mail going out", 60*time.Second, func() bool { return len(sink.Messages()) >= target })
		time.Sleep(time.Duration(rng.Intn(25)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		kills++
	}
	cmd := start()
	waitUntil(t, "every acknowledgement sent", 120*time.Second, func() bool {
		rows := pendingOrSent(t, cfg)
		return rows["sent"] == n && rows["pending"] == 0
	})
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after SIGTERM: %v", err)
	}
	t.Logf("killed %d times", kills)
	if kills < 3 {
		t.Errorf("only %d kills landed while sending", kills)
	}

	ids := map[string]string{} // Message-ID → recipient, from the outbox
	for _, r := range outboxRows(t, cfg) {
		ids["<"+r.MessageID+">"] = r.To
	}
	if len(ids) != n {
		t.Fatalf("%d outbox rows, want %d: one acknowledgement per ticket", len(ids), n)
	}
	got := map[string]int{}
	for _, m := range sink.Messages() {
		id := m.Header.Get("Message-Id")
		if ids[id] != m.To[0] {
			t.Errorf("received %s to %s, which is no outbox mail to that address", id, m.To[0])
		}
		got[id]++
	}
	dups := 0
	for id := range ids {
		if got[id] == 0 {
			t.Errorf("%s was never delivered", id)
		}
		dups += max(got[id]-1, 0)
	}
	t.Logf("%d copies sent again after kills", dups)
	if dups > kills {
		t.Errorf("%d copies for %d kills: more than the one mail in flight at each kill", dups, kills)
	}
}

// pendingOrSent counts outbox rows by status, straight from the database.
func pendingOrSent(t *testing.T, cfg string) map[string]int {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(filepath.Dir(cfg), "ticketgate.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	out := map[string]int{}
	err = st.View(ctx, func(tx gateway.ReadTx) error {
		rows, err := tx.OutboxList(ctx, gateway.OutboxFilter{})
		for _, r := range rows {
			out[string(r.Status)]++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
