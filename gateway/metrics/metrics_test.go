package metrics

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
)

// fixed is a Source with set figures.
type fixed struct {
	b      gateway.Backlog
	risks  []gateway.SLACount
	states []gateway.MailboxState
	err    error
}

func (f fixed) Backlog(context.Context) (gateway.Backlog, error) { return f.b, f.err }
func (f fixed) SLARisks(context.Context, time.Time) ([]gateway.SLACount, error) {
	return f.risks, f.err
}
func (f fixed) MailboxStates(context.Context) ([]gateway.MailboxState, error) { return f.states, f.err }

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestGaugesAndHooks(t *testing.T) {
	now := time.Date(2026, 11, 9, 10, 0, 0, 0, time.UTC)
	due := now.Add(-90 * time.Second)
	synced := now.Add(-time.Minute)
	src := fixed{
		b: gateway.Backlog{Tickets: map[gateway.Status]map[gateway.Priority]int{gateway.StatusNew: {1: 2, 3: 5}},
			Pending: 4, Dead: 1, OldestDue: &due},
		risks:  []gateway.SLACount{{Mailbox: "support", Clock: "response", State: gateway.SLAAtRisk, N: 3}},
		states: []gateway.MailboxState{{Mailbox: "support", LastSyncAt: &synced}, {Mailbox: "gone"}},
	}
	m := New(src, Options{Mailboxes: []string{"support", "oncall"}, Levels: 3, Now: func() time.Time { return now }})
	m.Ingested("support", "created", 20*time.Millisecond)
	m.Ingested("support", gateway.OutcomeFailed, time.Second)
	m.MailHandled("sent")
	m.MailHandled("retry")
	m.MailHandled("dead")
	m.Ticked(time.Millisecond, errors.New("one ticket failed"))
	out := scrape(t, m)
	for _, want := range []string{
		`ticketgate_mail_ingested_total{mailbox="support",outcome="created"} 1`,
		`ticketgate_mail_ingested_total{mailbox="support",outcome="failed"} 1`,
		`ticketgate_ingest_duration_seconds_count{mailbox="support"} 1`,
		`ticketgate_send_attempts_total 3`,
		`ticketgate_outbox_sent_total 1`,
		`ticketgate_send_failures_total{outcome="retry"} 1`,
		`ticketgate_send_failures_total{outcome="dead"} 1`,
		`ticketgate_scheduler_tick_duration_seconds_count 1`,
		`ticketgate_scheduler_tick_errors_total 1`,
		`ticketgate_store_up 1`,
		`ticketgate_outbox_mails{status="pending"} 4`,
		`ticketgate_outbox_mails{status="dead"} 1`,
		`ticketgate_outbox_oldest_due_seconds 90`,
		`ticketgate_tickets{priority="P1",status="new"} 2`,
		`ticketgate_tickets{priority="P3",status="new"} 5`,
		`ticketgate_tickets{priority="P2",status="open"} 0`,
		`ticketgate_sla_clocks{clock="response",mailbox="support",state="at_risk"} 3`,
		`ticketgate_mailbox_last_sync_timestamp_seconds{mailbox="oncall"} 0`,
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("scrape lacks %s", want)
		}
	}
	if strings.Contains(out, `priority="P4"`) || strings.Contains(out, `mailbox="gone"`) {
		t.Error("scrape reports a level or mailbox not configured")
	}
	if !strings.Contains(out, `ticketgate_mailbox_last_sync_timestamp_seconds{mailbox="support"} 1.79421834e+09`) {
		t.Errorf("last sync of support:\n%s", grepLines(out, "last_sync"))
	}

	// A database that does not answer: store_up 0, no stale gauges, the
	// counters still there.
	down := New(fixed{err: context.DeadlineExceeded}, Options{})
	down.Ingested("support", "created", time.Millisecond)
	out = scrape(t, down)
	if !strings.Contains(out, "ticketgate_store_up 0\n") || strings.Contains(out, "ticketgate_outbox_mails") ||
		!strings.Contains(out, `ticketgate_mail_ingested_total{mailbox="support",outcome="created"} 1`) {
		t.Errorf("scrape with the database down:\n%s", grepLines(out, "ticketgate_"))
	}
}

func grepLines(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestReadmeOperations: the alert rules and the metrics table in README
// name only metrics that exist; the rules and the systemd unit have the
// shape their readers expect.
func TestReadmeOperations(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	block := func(lang string) string {
		i := strings.Index(doc, "```"+lang+"\n")
		if i < 0 {
			t.Fatalf("README has no %s block", lang)
		}
		rest := doc[i+len(lang)+4:]
		return rest[:strings.Index(rest, "```")]
	}
	now := time.Now()
	m := New(fixed{b: gateway.Backlog{OldestDue: &now}, risks: []gateway.SLACount{{Mailbox: "m", Clock: "response", State: gateway.SLABreached, N: 1}},
		states: []gateway.MailboxState{{Mailbox: "m", LastSyncAt: &now}}}, Options{Mailboxes: []string{"m"}})
	m.Ingested("m", "created", time.Millisecond)
	m.MailHandled("sent")
	m.MailHandled("retry")
	m.Ticked(time.Millisecond, nil)
	exported := scrape(t, m)
	names := regexp.MustCompile(`ticketgate_[a-z_]+`)
	section := doc[strings.Index(doc, "### Monitoring"):]
	section = section[:strings.Index(section, "### Backup")]
	for _, n := range names.FindAllString(section, -1) {
		if !regexp.MustCompile(`(?m)^` + n + `(_bucket|_count|_sum)?[{ ]`).MatchString(exported) {
			t.Errorf("README names %s, which is not exported", n)
		}
	}

	// The alert rules: YAML of two-space indents, each rule an alert with
	// an expression.
	rules := block("yaml")
	alerts, exprs := 0, 0
	for i, line := range strings.Split(strings.TrimRight(rules, "\n"), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if ind := len(line) - len(trimmed); ind%2 != 0 || strings.Contains(line, "\t") {
			t.Errorf("alert rules line %d: odd indentation: %q", i+1, line)
		}
		if !regexp.MustCompile(`^(- )?[a-z_]+:( .+)?$`).MatchString(trimmed) {
			t.Errorf("alert rules line %d is not a YAML key: %q", i+1, line)
		}
		if v, ok := strings.CutPrefix(trimmed, "summary: "); ok && (!strings.HasPrefix(v, `"`) || !strings.HasSuffix(v, `"`)) {
			t.Errorf("alert rules line %d: a summary with {{ }} must be quoted: %q", i+1, line)
		}
		if strings.HasPrefix(trimmed, "- alert: ") {
			alerts++
		}
		if strings.HasPrefix(trimmed, "expr: ") {
			exprs++
		}
	}
	if alerts < 4 || alerts != exprs {
		t.Errorf("%d alerts, %d expressions", alerts, exprs)
	}
	for _, want := range []string{"TicketgateDown", "TicketgateMailboxStale", "TicketgateDeadLetters", "TicketgateSLABreached"} {
		if !strings.Contains(rules, "- alert: "+want+"\n") {
			t.Errorf("no %s alert", want)
		}
	}

	// The unit: sections and Key=Value lines, with the hardening asked for.
	unit := block("ini")
	keys := map[string]string{}
	for i, line := range strings.Split(unit, "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case regexp.MustCompile(`^\[(Unit|Service|Install)\]$`).MatchString(line):
		case regexp.MustCompile(`^[A-Z][A-Za-z]+=`).MatchString(line):
			k, v, _ := strings.Cut(line, "=")
			keys[k] = v
		default:
			t.Errorf("unit line %d: %q", i+1, line)
		}
	}
	for k, v := range map[string]string{"ProtectSystem": "strict", "NoNewPrivileges": "true", "PrivateTmp": "true",
		"ReadWritePaths": "/var/lib/ticketgate", "Type": "simple"} {
		if keys[k] != v {
			t.Errorf("unit: %s=%q, want %q", k, keys[k], v)
		}
	}
	if !strings.Contains(keys["ExecStart"], "ticketgate serve --config ") {
		t.Errorf("unit ExecStart=%q", keys["ExecStart"])
	}
}
