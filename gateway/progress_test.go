package gateway_test

import (
	"strings"
	"testing"
	"time"

	"ticketgate/cmd/ticketgate/config"
	"ticketgate/gateway"
)

// progressFixture is the Paris desk (Monday–Friday 09:00–18:00, French
// holidays) whose P2 promises news every business day, with progress
// notes to the customer.
func progressFixture(t *testing.T, notes bool) *fixture {
	t.Helper()
	src := `secret = "0123456789abcdef-test-secret"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
sla = "desk"
[slas.desk]
P1 = { response = "1h", resolution = "4h", update = "1h" }
P2 = { response = "2h", resolution = "5d", update = "1d" }
P3 = { response = "4h", resolution = "2d" }
[[triage.rules]]
mailbox = "support"
priority = "P2"
`
	if notes {
		src += "[progress]\nnotes = true\n"
	}
	c, err := config.Parse("t.toml", []byte(src), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	g := c.Gateway()
	g.Secret = secret
	g.Mail.Agents = []string{team}
	g.Agents = gateway.AgentPolicy{Addresses: []string{alex}, TrustedServers: []string{"mx.helpdesk.example.com"},
		OnCall: []string{"oncall-team@helpdesk.example.com"}}
	f := newFixture(t, func(x *gateway.Config) { *x = g })
	f.now = inParis("2026-11-06 16:00") // a Friday
	return f
}

// count counts the mails of a kind an address got.
func (f *fixture) count(to, kind string) int {
	n := 0
	for _, m := range f.outboxTo(to) {
		if m.Kind == kind {
			n++
		}
	}
	return n
}

// The dates: news is due one business day after our last mail to the
// customer, the same clock time; Wednesday 11 November 2026 (Armistice
// Day) and weekends are skipped, and a wait on the customer moves the
// clock by the business time it lasted.
func TestProgressClock(t *testing.T) {
	f := progressFixture(t, true)
	ref, notice := f.opened()
	tk, _, _ := f.ticket(ref)
	if tk.Priority != 2 || tk.ProgressTarget != "1 business day" {
		t.Fatalf("priority %s, progress target %q", tk.Priority, tk.ProgressTarget)
	}
	// The acknowledgement went Friday 16:00: news due Monday 16:00.
	sameTime(t, "progress due", tk.ProgressDue, inParis("2026-11-09 16:00").Format(time.RFC3339))
	x, err := f.gw.ExplainSLA(f.ctx, ref, inParis("2026-11-09 16:01"))
	if err != nil || x.Progress.State != gateway.SLABreached || x.Progress.Target != "1 business day" {
		t.Errorf("explain the progress clock: %v %+v", err, x)
	}
	// The agent answers Monday 10:00: due Tuesday 10:00.
	f.now = inParis("2026-11-09 10:00")
	f.ingest("support", agentMail("g1@helpdesk.example.com", notice, "Hello Jane,\n\nWe are looking into it."))
	tk, _, _ = f.ticket(ref)
	sameTime(t, "progress due after the reply", tk.ProgressDue, inParis("2026-11-10 10:00").Format(time.RFC3339))

	steps := []struct {
		at             string
		reminders      int
		notes          int
		nextDue        string
		waiting, reply bool
	}{
		{at: "2026-11-09 16:00", nextDue: "2026-11-10 10:00"},
		{at: "2026-11-10 09:59", nextDue: "2026-11-10 10:00"},
		// Tuesday 10:00: reminder and note; next Thursday 10:00, over the holiday.
		{at: "2026-11-10 10:00", reminders: 1, notes: 1, nextDue: "2026-11-12 10:00"},
		{at: "2026-11-11 10:00", reminders: 1, notes: 1, nextDue: "2026-11-12 10:00"},
		{at: "2026-11-12 10:00", reminders: 2, notes: 2, nextDue: "2026-11-13 10:00"},
	}
	for _, s := range steps {
		f.now = inParis(s.at)
		f.tick()
		tk, _, _ = f.ticket(ref)
		if r, n := f.count(team, "progress-reminder"), f.count(customer, "progress"); r != s.reminders || n != s.notes {
			t.Errorf("at %s: %d reminders, %d notes; want %d, %d", s.at, r, n, s.reminders, s.notes)
		}
		sameTime(t, "progress due at "+s.at, tk.ProgressDue, inParis(s.nextDue).Format(time.RFC3339))
		sameTime(t, "wake at "+s.at, tk.WakeAt, earliestOf(tk).Format(time.RFC3339))
	}
	note := f.outboxTo(customer)
	first := note[len(note)-2].Mail
	for _, want := range []string{"Resolution expected by: Monday 16 November 2026, 16:00 (Paris time)",
		"You will hear from us again within 1 business day at the latest."} {
		if !strings.Contains(first.Text, want) {
			t.Errorf("progress note lacks %q:\n%s", want, first.Text)
		}
	}

	// Thursday 11:00 the agent asks a question: the clock restarts
	// (Friday 11:00) and pauses while the ticket waits.
	f.now = inParis("2026-11-12 11:00")
	f.ingest("support", agentMail("g2@helpdesk.example.com", notice, "#wait\nCould you send the spooler log?"))
	f.now = inParis("2026-11-13 11:00")
	f.tick()
	if r := f.count(team, "progress-reminder"); r != 2 {
		t.Errorf("a waiting ticket reminded: %d reminders", r)
	}
	if x, err := f.gw.ExplainSLA(f.ctx, ref, f.now); err != nil || x.Progress.State != gateway.SLANone {
		t.Errorf("explain a paused progress clock: %v %+v", err, x.Progress)
	}
	// The customer answers Monday 16 at 10:00, after 17 business hours
	// (7 Thursday, 9 Friday, 1 Monday): Friday 11:00 + 17 h = Tuesday 10:00.
	f.now = inParis("2026-11-16 10:00")
	f.ingest("support", customerReply("g3@customer.example", "Here it is: E42 spooler timeout."))
	tk, _, _ = f.ticket(ref)
	sameTime(t, "progress due after the pause", tk.ProgressDue, inParis("2026-11-17 10:00").Format(time.RFC3339))
	f.now = inParis("2026-11-17 10:00")
	f.tick()
	if r := f.count(team, "progress-reminder"); r != 3 {
		t.Errorf("after the pause: %d reminders, want 3", r)
	}
	// Resolved: the clock stops.
	f.ingest("support", agentMail("g4@helpdesk.example.com", notice, "#resolve\nThe spooler is fixed."))
	f.now = inParis("2026-11-18 11:00")
	f.tick()
	if r := f.count(team, "progress-reminder"); r != 3 {
		t.Errorf("a resolved ticket reminded: %d reminders", r)
	}
}

// earliestOf is the timer wake_at must follow in these steps: the
// progress due time, earlier than the resolution's warnings (from Friday
// 13) and with the response given.
func earliestOf(t *gateway.Ticket) time.Time { return *t.ProgressDue }

// Without progress notes only the agents hear of it; P1 every hour.
func TestProgressWithoutNotes(t *testing.T) {
	f := progressFixture(t, false)
	ref, notice := f.opened()
	f.now = inParis("2026-11-06 16:10")
	f.ingest("support", agentMail("h1@helpdesk.example.com", notice, "#priority P1"))
	tk, _, _ := f.ticket(ref)
	// Restarted at the raise, 16:10: an hour later, 17:10.
	sameTime(t, "P1 progress due", tk.ProgressDue, inParis("2026-11-06 17:10").Format(time.RFC3339))
	// 17:10 reminds; the next hour runs 17:10-18:00 and 09:00-09:10 Monday.
	f.now = inParis("2026-11-06 17:10")
	f.tick()
	tk, _, _ = f.ticket(ref)
	sameTime(t, "P1 progress due next", tk.ProgressDue, inParis("2026-11-09 09:10").Format(time.RFC3339))
	if r, n := f.count(team, "progress-reminder"), f.count(customer, "progress"); r != 1 || n != 0 {
		t.Errorf("%d reminders, %d notes; want 1, 0", r, n)
	}
}
