package gateway_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"ticketgate/gateway"
)

// Issue 13 item 3: what we send to a sender's address quotes little of
// what they wrote.
func TestReflectedTextIsBounded(t *testing.T) {
	f := newFixture(t)
	long := strings.Repeat("Click https://evil.example/login now ", 3000)
	f.ingest("support", mail("Jane Roe <jane@customer.example>", long, "long@customer.example"))
	ack := f.outboxTo("jane@customer.example")
	if len(ack) != 1 {
		t.Fatalf("acks %+v", ack)
	}
	if n := utf8.RuneCountInString(ack[0].Mail.Subject); n > 150+60 {
		t.Errorf("subject of %d characters quoted", n)
	}
	if !strings.Contains(ack[0].Mail.Text, "Jane Roe") {
		t.Errorf("a plain name is no longer greeted:\n%s", ack[0].Mail.Text)
	}
	for i, name := range []string{
		`"Your account is locked: evil.example/login"`, `"http://evil.example"`, `"pay@evil.example"`,
		`=?utf-8?Q?Jane=1B[31mRoe?=`, `"www.evil.example"`,
	} {
		to := fmt.Sprintf("victim%d@example.org", i)
		f.ingest("support", mail(name+" <"+to+">", "Hello", fmt.Sprintf("ph%d@example.org", i)))
		ms := f.outboxTo(to)
		if len(ms) != 1 {
			t.Fatalf("%s: %d mails", name, len(ms))
		}
		m := ms[0].Mail
		if strings.Contains(m.Text, "evil.example") || strings.Contains(m.HTML, "evil.example") || strings.Contains(m.Text, "\x1b") ||
			m.To[0].Name != "" {
			t.Errorf("%s: greeted with the name: To %q\n%s", name, m.To[0].Name, m.Text)
		}
	}
}

func TestGlobalCeilingOnAutomaticMail(t *testing.T) {
	f := newFixture(t, func(c *gateway.Config) { c.Mail.GlobalRateLimit = 3 })
	for i := range 5 {
		f.ingest("support", mail(fmt.Sprintf("s%d@customer.example", i), "Help", fmt.Sprintf("g%d@customer.example", i)))
	}
	if n := len(f.outbox()); n != 3 {
		t.Errorf("%d automatic mails, want 3", n)
	}
	if n := f.countTickets(); n != 5 {
		t.Errorf("%d tickets: the ceiling must not drop any", n)
	}
	if _, _, evs := f.ticket("SUP-2026-000004"); !hasEvent(evs, gateway.EventMailWithheld, "global rate limit") {
		t.Errorf("no reason on the timeline: %+v", evs)
	}
	f.now = f.now.Add(61 * time.Minute)
	f.ingest("support", mail("late@customer.example", "Help", "g-late@customer.example"))
	if n := len(f.outboxTo("late@customer.example")); n != 1 {
		t.Errorf("an hour later: %d mails", n)
	}
}

func TestAgentNoticesPerTicketAreLimited(t *testing.T) {
	f := lifecycleFixture(t)
	cfg := lifecycleConfig(t)
	cfg.Mail.AgentNoticeLimit = 2
	f.restart(cfg)
	ref, _ := f.opened()
	for i := range 4 {
		f.ingest("support", customerReply(fmt.Sprintf("r%d@customer.example", i), fmt.Sprintf("More details, part %d.", i)))
	}
	if got := f.kinds(team); got != "agent-new-ticket agent-notice agent-notice" {
		t.Errorf("agents got %q", got)
	}
	_, es, evs := f.ticket(ref)
	if len(es) != 5 || !hasEvent(evs, gateway.EventMailWithheld, "no agent-notice mail to "+team) {
		t.Errorf("%d messages; timeline %+v", len(es), evs)
	}
}
