package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"ticketgate/gateway/imapsource/imaptest"
)

// syncBuffer is a log that the test reads while serve writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// monitoredServe runs serve with [metrics] on a free port and returns
// the base URL of its monitoring listener and the function that stops
// serve.
func monitoredServe(t *testing.T, cfg string, clock *fakeClock) (base string, stop func()) {
	t.Helper()
	return serveListening(t, cfg, clock, "metrics and health listening")
}

// serveListening runs serve and returns the base URL of the listener
// whose log line is msg.
func serveListening(t *testing.T, cfg string, clock *fakeClock, msg string) (base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: log, getenv: func(string) string { return "" }, clock: clock}
		done <- run(ctx, e, []string{"serve", "--config", cfg})
	}()
	addr := regexp.MustCompile(`msg="` + regexp.QuoteMeta(msg) + `" addr=(\S+)`)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("serve log:\n%s", log.String())
		}
	})
	waitUntil(t, msg, 20*time.Second, func() bool { return addr.MatchString(log.String()) })
	base = "http://" + addr.FindStringSubmatch(log.String())[1]
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v\n%s", err, log.String())
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	}
	t.Cleanup(stop)
	return base, stop
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// sample returns the value of one series of a scrape; ok is false when
// the series is absent.
func sample(scrape, series string) (float64, bool) {
	for _, line := range strings.Split(scrape, "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f, err == nil
		}
	}
	return 0, false
}

type readyBody struct {
	Ready  bool `json:"ready"`
	Checks []struct {
		Name   string `json:"name"`
		OK     bool   `json:"ok"`
		Detail string `json:"detail"`
	} `json:"checks"`
}

func readyz(t *testing.T, base string) (int, map[string]bool, string) {
	t.Helper()
	code, body := get(t, base+"/readyz")
	var rb readyBody
	if err := json.Unmarshal([]byte(body), &rb); err != nil {
		t.Fatalf("readyz body %q: %v", body, err)
	}
	ok := map[string]bool{}
	for _, c := range rb.Checks {
		ok[c.Name] = c.OK
	}
	if rb.Ready != (code == http.StatusOK) {
		t.Errorf("readyz says ready=%v with status %d", rb.Ready, code)
	}
	return code, ok, body
}

// TestServeMetricsAndProbes scrapes a running serve after it took mail
// in over IMAP: the counters match what happened, the gauges what the
// database holds; /readyz fails once the mailbox goes stale and once due
// mail waits too long.
func TestServeMetricsAndProbes(t *testing.T) {
	srv := imaptest.NewMemServer(t)
	user, pass := srv.NewUser(t)
	host, port, _ := strings.Cut(srv.Addr(), ":")
	cfg := writeConfig(t, fmt.Sprintf(`secret = "0123456789abcdef-metrics-test"
[serve]
stale_after = "1m"
[metrics]
listen = "127.0.0.1:0"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
calendar = "always"
sla = "fast"
[mailboxes.support.imap]
host = %q
port = %s
security = "plain"
username = %q
password = %q
idle_refresh = "10s"
[calendars.always]
time_zone = "Europe/Paris"
always_open = true
[slas.fast]
P1 = { response = "1h", resolution = "8h" }
P2 = { response = "1h", resolution = "8h" }
P3 = { response = "1h", resolution = "8h" }
P4 = { response = "1h", resolution = "8h" }
P5 = { response = "1h", resolution = "8h" }
`, host, port, user, pass))
	clock := &fakeClock{t: time.Now()}
	base, stop := monitoredServe(t, cfg, clock)

	if code, body := get(t, base+"/healthz"); code != http.StatusOK || !strings.Contains(body, `"status":"ok"`) {
		t.Errorf("healthz: %d %s", code, body)
	}
	mail := func(id, subject, extra string) []byte {
		return []byte("From: jane@customer.example\r\nTo: support@helpdesk.example.com\r\nSubject: " + subject +
			"\r\nMessage-ID: <" + id + ">\r\n" + extra + "\r\nHello, the printer is broken.\r\n")
	}
	imaptest.Append(t, srv.Addr(), user, pass, "INBOX", mail("m1@customer.example", "Printer", ""))
	imaptest.Append(t, srv.Addr(), user, pass, "INBOX", mail("m2@customer.example", "Scanner", ""))
	imaptest.Append(t, srv.Addr(), user, pass, "INBOX", mail("m3@customer.example", "Re: Printer", "In-Reply-To: <m1@customer.example>\r\n"))
	var scrape string
	waitUntil(t, "three ingested messages in the metrics", 20*time.Second, func() bool {
		_, scrape = get(t, base+"/metrics")
		c, _ := sample(scrape, `ticketgate_mail_ingested_total{mailbox="support",outcome="created"}`)
		a, _ := sample(scrape, `ticketgate_mail_ingested_total{mailbox="support",outcome="appended"}`)
		return c == 2 && a == 1
	})
	if n, _ := sample(scrape, `ticketgate_ingest_duration_seconds_count{mailbox="support"}`); n != 3 {
		t.Errorf("ingest latency count = %v, want 3", n)
	}
	if v, ok := sample(scrape, `ticketgate_store_up`); !ok || v != 1 {
		t.Errorf("store_up = %v %v", v, ok)
	}
	// The gauges hold what the database holds.
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	out, _, _ := cli(t, "", env, "tickets", "list", "--json")
	var tickets []ticketJSON
	if err := json.Unmarshal([]byte(out), &tickets); err != nil || len(tickets) != 2 {
		t.Fatalf("tickets list: %v %s", err, out)
	}
	want := map[string]float64{}
	for _, tk := range tickets {
		want[fmt.Sprintf(`ticketgate_tickets{priority=%q,status=%q}`, tk.Priority, tk.Status)]++
	}
	for series, n := range want {
		if v, _ := sample(scrape, series); v != n {
			t.Errorf("%s = %v, want %v", series, v, n)
		}
	}
	if v, ok := sample(scrape, `ticketgate_tickets{priority="P5",status="waiting"}`); !ok || v != 0 {
		t.Errorf("a status and priority without tickets reads %v %v, want 0", v, ok)
	}
	pending := 0
	for _, r := range outboxRows(t, cfg) {
		if r.Status == "pending" {
			pending++
		}
	}
	if v, _ := sample(scrape, `ticketgate_outbox_mails{status="pending"}`); pending == 0 || v != float64(pending) {
		t.Errorf("outbox pending gauge %v, outbox list %d", v, pending)
	}
	if v, ok := sample(scrape, `ticketgate_outbox_mails{status="dead"}`); !ok || v != 0 {
		t.Errorf("dead letters gauge %v %v", v, ok)
	}
	if v, _ := sample(scrape, `ticketgate_mailbox_last_sync_timestamp_seconds{mailbox="support"}`); v < float64(time.Now().Add(-time.Minute).Unix()) {
		t.Errorf("last sync %v", v)
	}
	if v, _ := sample(scrape, `ticketgate_scheduler_tick_duration_seconds_count`); v < 1 {
		t.Errorf("scheduler ticks %v", v)
	}
	if _, ok := sample(scrape, `ticketgate_sla_clocks{clock="response",mailbox="support",state="breached"}`); ok {
		t.Error("a fresh ticket's response clock reads breached")
	}

	code, checks, body := readyz(t, base)
	if code != http.StatusOK || !checks["database"] || !checks["mailbox support"] || !checks["outbox"] {
		t.Errorf("readyz while all is well: %d %s", code, body)
	}
	// Two minutes on, the mailbox has not synced within stale_after
	// (its reader keeps the wall clock); due mail has waited two minutes,
	// well inside the limit.
	clock.set(time.Now().Add(2 * time.Minute))
	code, checks, body = readyz(t, base)
	if code != http.StatusServiceUnavailable || checks["mailbox support"] || !checks["outbox"] || !checks["database"] {
		t.Errorf("readyz with a stale mailbox: %d %s", code, body)
	}
	// Two hours on, the acknowledgements have been due for two hours
	// with no sender: the outbox is stuck, and the first responses late.
	clock.set(time.Now().Add(2 * time.Hour))
	code, checks, body = readyz(t, base)
	if code != http.StatusServiceUnavailable || checks["outbox"] || !strings.Contains(body, "stuck") {
		t.Errorf("readyz with a stuck outbox: %d %s", code, body)
	}
	_, scrape = get(t, base+"/metrics")
	if v, _ := sample(scrape, `ticketgate_sla_clocks{clock="response",mailbox="support",state="breached"}`); v != 2 {
		t.Errorf("breached response clocks = %v, want 2\n%s", v, grep(scrape, "sla"))
	}
	if _, ok := sample(scrape, `ticketgate_sla_clocks{clock="resolution",mailbox="support",state="breached"}`); ok {
		t.Errorf("resolution clocks read breached two hours into eight\n%s", grep(scrape, "sla"))
	}
	if v, _ := sample(scrape, `ticketgate_outbox_oldest_due_seconds`); v < 7000 {
		t.Errorf("oldest due mail waited %vs, want about 7200", v)
	}

	stop()
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("the monitoring listener still answers after serve stopped")
	}
}

func grep(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// Without a listener of its own, the metrics and probes answer on the web
// admin's, beside (and under the path of) the admin's pages.
func TestMetricsOnTheAdminListener(t *testing.T) {
	srv := imaptest.NewMemServer(t)
	user, pass := srv.NewUser(t)
	host, port, _ := strings.Cut(srv.Addr(), ":")
	cfg := writeConfig(t, fmt.Sprintf(`secret = "0123456789abcdef-metrics-test"
[admin]
listen = "127.0.0.1:0"
base_url = "https://help.example.com/desk"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
[mailboxes.support.imap]
host = %q
port = %s
security = "plain"
username = %q
password = %q
idle_refresh = "10s"  # the in-process server may miss an IDLE notice; re-checking bounds the wait
`, host, port, user, pass))
	base, _ := serveListening(t, cfg, &fakeClock{t: time.Now()}, "web admin listening")
	imaptest.Append(t, srv.Addr(), user, pass, "INBOX", []byte("From: jane@customer.example\r\nTo: support@helpdesk.example.com\r\n"+
		"Subject: Printer\r\nMessage-ID: <adm1@customer.example>\r\n\r\nThe printer is broken.\r\n"))
	waitUntil(t, "the ingested message in the metrics", 20*time.Second, func() bool {
		_, scrape := get(t, base+"/desk/metrics")
		n, _ := sample(scrape, `ticketgate_mail_ingested_total{mailbox="support",outcome="created"}`)
		return n == 1
	})
	if code, body := get(t, base+"/desk/healthz"); code != http.StatusOK || !strings.Contains(body, `"status":"ok"`) {
		t.Errorf("healthz: %d %s", code, body)
	}
	if code, checks, body := readyz(t, base+"/desk"); code != http.StatusOK || !checks["database"] || !checks["mailbox support"] {
		t.Errorf("readyz: %d %s", code, body)
	}
	// The admin's pages are still the admin's: a stranger is sent to sign in.
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(base + "/desk/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
		t.Errorf("admin root: %d, want a redirect to sign in", resp.StatusCode)
	}
	if code, _ := get(t, base+"/metrics"); code != http.StatusNotFound {
		t.Errorf("/metrics outside base_url's path: %d, want 404", code)
	}
}
