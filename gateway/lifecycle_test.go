package gateway_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"ticketgate/cmd/ticketgate/config"
	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

// The story runs on Paris business hours with French holidays:
// Wednesday 11 November 2026 (Armistice) is closed.
var paris, _ = time.LoadLocation("Europe/Paris")

func inParis(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

const (
	customer = "jane@customer.example"
	team     = "team@helpdesk.example.com"
	alex     = "alex@helpdesk.example.com"
)

func lifecycleConfig(t testing.TB) gateway.Config {
	t.Helper()
	c, err := config.Parse("t.toml", []byte(`secret = "0123456789abcdef-test-secret"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
`), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	g := c.Gateway()
	g.Secret = secret
	g.Mail.Agents = []string{team}
	g.Agents = gateway.AgentPolicy{Addresses: []string{alex}, TrustedServers: []string{"mx.helpdesk.example.com"},
		OnCall: []string{"oncall-team@helpdesk.example.com"}}
	return g
}

func lifecycleFixture(t *testing.T) *fixture {
	t.Helper()
	cfg := lifecycleConfig(t)
	f := newFixture(t, func(g *gateway.Config) { *g = cfg })
	f.now = inParis("2026-11-06 16:00") // a Friday
	return f
}

// restart simulates a restart: a new store and gateway on the same file.
func (f *fixture) restart(cfg gateway.Config) {
	f.t.Helper()
	path := f.store.Path()
	f.store.Close()
	st, err := store.Open(f.ctx, path)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { st.Close() })
	f.store = st
	if f.gw, err = gateway.New(cfg, st, gateway.ClockFunc(func() time.Time { return f.now }), nil); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) tick() int {
	f.t.Helper()
	n, err := f.gw.Tick(f.ctx)
	if err != nil {
		f.t.Fatalf("Tick: %v", err)
	}
	return n
}

func (f *fixture) kinds(to string) string {
	var ks []string
	for _, m := range f.outboxTo(to) {
		ks = append(ks, m.Kind)
	}
	return strings.Join(ks, " ")
}

// opened has the customer write on Friday 16:00 and returns the
// reference and the Message-ID of the notice the agents got.
func (f *fixture) opened() (string, string) {
	f.t.Helper()
	res := f.ingest("support", `From: Jane Roe <`+customer+`>
To: support@helpdesk.example.com
Subject: Invoices do not print
Message-ID: <c1@customer.example>
Content-Language: en

Hello, the invoices stay in the print queue since this morning.
`)
	if res.Action != gateway.ActionCreated {
		f.t.Fatalf("first mail: %+v", res)
	}
	notices := f.outboxTo(team)
	if len(notices) != 1 || notices[0].Kind != "agent-new-ticket" {
		f.t.Fatalf("agents' notice: %+v", notices)
	}
	return res.Ticket, notices[0].Mail.MessageID
}

// agentMail is alex's answer to one of our mails.
func agentMail(id, inReplyTo, body string, headers ...string) string {
	h := fmt.Sprintf("From: Alex Martin <%s>\nTo: support@helpdesk.example.com\nSubject: Re: [SUP-2026-000001] New ticket\nMessage-ID: <%s>\nIn-Reply-To: <%s>\nReferences: <%s>\n",
		alex, id, inReplyTo, inReplyTo)
	for _, x := range headers {
		h += x + "\n"
	}
	return h + "\n" + body + "\n"
}

func TestResolutionStory(t *testing.T) {
	f := lifecycleFixture(t)
	ref, notice := f.opened()
	if got := f.kinds(customer); got != "ack" {
		t.Fatalf("customer mail after opening: %q", got)
	}

	// Monday 10:00: the agent answers from a mail client, quoting history.
	f.now = inParis("2026-11-09 10:00")
	res := f.ingest("support", agentMail("a1@helpdesk.example.com", notice,
		"Hello Jane,\n\nPlease restart the print spooler.\n\nOn Fri, Nov 6, 2026, Support wrote:\n> A new ticket has been opened.\n> Reference: "+ref))
	if res.Action != gateway.ActionAppended || res.Ticket != ref || !strings.Contains(res.How, "from an agent") {
		t.Fatalf("agent reply: %+v", res)
	}
	relayed := f.outboxTo(customer)
	if len(relayed) != 2 || relayed[1].Kind != "agent-reply" {
		t.Fatalf("customer mail: %q", f.kinds(customer))
	}
	m := relayed[1].Mail
	if m.From.Address != "support@helpdesk.example.com" || m.InReplyTo != "c1@customer.example" || m.AutoSubmitted != "" {
		t.Errorf("relayed headers: %+v", m)
	}
	all := m.Subject + m.Text + m.HTML + m.ReplyTo + strings.Join(m.References, " ")
	if strings.Contains(all, alex) || strings.Contains(all, "A new ticket has been opened") {
		t.Errorf("relayed mail shows the agent's address or our notice:\n%s", all)
	}
	if !strings.Contains(m.Text, "Please restart the print spooler.") || !strings.Contains(m.Text, "Alex Martin") ||
		!strings.Contains(m.Text, "> Hello, the invoices stay in the print queue") {
		t.Errorf("relayed text:\n%s", m.Text)
	}
	tk, _, _ := f.ticket(ref)
	if tk.Status != gateway.StatusOpen || tk.FirstResponseAt == nil || !tk.FirstResponseAt.Equal(f.now) {
		t.Errorf("after the first answer: status %s, first response %v", tk.Status, tk.FirstResponseAt)
	}

	// Monday 11:00: #resolve. Five business days skip Wednesday 11
	// (Armistice): the deadline is Tuesday 17 at 11:00, the reminder
	// Monday 16 at 11:00.
	f.now = inParis("2026-11-09 11:00")
	f.ingest("support", agentMail("a2@helpdesk.example.com", notice, "#resolve\n\nThe spooler is fixed."))
	tk, _, _ = f.ticket(ref)
	if tk.Status != gateway.StatusResolved || tk.PausedAt == nil {
		t.Fatalf("after #resolve: %s, paused %v", tk.Status, tk.PausedAt)
	}
	sameTime(t, "deadline", tk.ConfirmBy, inParis("2026-11-17 11:00").Format(time.RFC3339))
	sameTime(t, "reminder", tk.RemindAt, inParis("2026-11-16 11:00").Format(time.RFC3339))
	resolved := f.outboxTo(customer)[2]
	if resolved.Kind != "resolved" || !strings.Contains(resolved.Mail.Text, "The spooler is fixed.") ||
		!strings.Contains(resolved.Mail.Text, "Tuesday 17 November 2026") || strings.Contains(resolved.Mail.Text, "#resolve") {
		t.Errorf("resolved notice:\n%s", resolved.Mail.Text)
	}

	// Nothing before its time; the reminder once; the close at the
	// deadline with the closed notice.
	for _, step := range []struct {
		at, kinds string
	}{
		{"2026-11-13 18:00", "ack agent-reply resolved"},
		{"2026-11-16 10:59", "ack agent-reply resolved"},
		{"2026-11-16 11:00", "ack agent-reply resolved reminder"},
		{"2026-11-16 11:30", "ack agent-reply resolved reminder"},
		{"2026-11-17 10:59", "ack agent-reply resolved reminder"},
		{"2026-11-17 11:00", "ack agent-reply resolved reminder closed"},
		{"2026-11-18 09:00", "ack agent-reply resolved reminder closed"},
	} {
		f.now = inParis(step.at)
		f.tick()
		if got := f.kinds(customer); got != step.kinds {
			t.Fatalf("at %s: customer mail %q, want %q", step.at, got, step.kinds)
		}
	}
	tk, _, evs := f.ticket(ref)
	if tk.Status != gateway.StatusClosed || tk.CloseReason != gateway.ClosePresumed || !tk.ClosedAt.Equal(inParis("2026-11-17 11:00")) {
		t.Errorf("closed: %s %q %v", tk.Status, tk.CloseReason, tk.ClosedAt)
	}
	if !hasEvent(evs, gateway.EventStatus, "resolved → closed") || !hasEvent(evs, gateway.EventRelayed, "reply from "+alex) {
		t.Errorf("timeline lacks the close or the relay: %+v", evs)
	}
}

// resolvedTicket opens a ticket and resolves it on Monday 9 November 11:00.
func resolvedTicket(t *testing.T, f *fixture) string {
	t.Helper()
	ref, notice := f.opened()
	f.now = inParis("2026-11-09 11:00")
	f.ingest("support", agentMail("r1@helpdesk.example.com", notice, "#resolu\nC'est corrigé."))
	if tk, _, _ := f.ticket(ref); tk.Status != gateway.StatusResolved {
		t.Fatalf("status %s after #resolu", tk.Status)
	}
	return ref
}

func customerReply(id, body string) string {
	return "From: Jane Roe <" + customer + ">\nTo: support@helpdesk.example.com\nSubject: Re: [SUP-2026-000001] Request resolved\nMessage-ID: <" + id +
		">\nIn-Reply-To: <c1@customer.example>\n\n" + body + "\n"
}

func TestCustomerConfirms(t *testing.T) {
	f := lifecycleFixture(t)
	ref := resolvedTicket(t, f)
	f.now = inParis("2026-11-10 09:30")
	f.ingest("support", customerReply("c2@customer.example", "Merci, c'est résolu !"))
	tk, _, _ := f.ticket(ref)
	if tk.Status != gateway.StatusClosed || tk.CloseReason != gateway.CloseConfirmed || tk.ConfirmBy != nil {
		t.Fatalf("after confirming: %s %q %v", tk.Status, tk.CloseReason, tk.ConfirmBy)
	}
	if got := f.kinds(customer); got != "ack resolved closed" {
		t.Errorf("customer mail %q", got)
	}
	notices := f.outboxTo(team)
	if last := notices[len(notices)-1]; last.Kind != "agent-notice" || !strings.Contains(last.Mail.Subject, "Resolution confirmed") {
		t.Errorf("agents not told of the confirmation: %+v", last)
	}
	// The deadline passes: nothing more happens.
	f.now = inParis("2026-11-17 12:00")
	f.tick()
	if got := f.kinds(customer); got != "ack resolved closed" {
		t.Errorf("customer mail after the deadline %q", got)
	}
}

func TestCustomerReopens(t *testing.T) {
	f := lifecycleFixture(t)
	ref := resolvedTicket(t, f)
	before, _, _ := f.ticket(ref)
	// Tuesday 10 at 11:00: one business day (9 hours) after the resolve.
	f.now = inParis("2026-11-10 11:00")
	f.ingest("support", customerReply("c2@customer.example", "Sorry, the invoices are stuck again."))
	tk, _, _ := f.ticket(ref)
	if tk.Status != gateway.StatusOpen || tk.ResolvedAt != nil || tk.ConfirmBy != nil || tk.RemindAt != nil || tk.PausedAt != nil {
		t.Fatalf("after reopening: %+v", tk)
	}
	if got := f.kinds(customer); got != "ack resolved reopened" {
		t.Errorf("customer mail %q", got)
	}
	if tk.ResolutionDue == nil || before.ResolutionDue == nil || tk.ResolutionPaused != 9*time.Hour {
		t.Fatalf("resolution clock: paused %v", tk.ResolutionPaused)
	}
	// P3 resolution is 2 business days: due Tuesday 10 at 16:00. The 9
	// paused business hours move it past the Wednesday holiday to
	// Thursday 12 at 16:00.
	sameTime(t, "resolution due before", before.ResolutionDue, inParis("2026-11-10 16:00").Format(time.RFC3339))
	if want := inParis("2026-11-12 16:00"); !tk.ResolutionDue.Equal(want) {
		t.Errorf("resolution due %v, want %v (moved by the pause)", tk.ResolutionDue, want)
	}
	notices := f.outboxTo(team)
	if last := notices[len(notices)-1]; last.Kind != "agent-notice" || !strings.Contains(last.Mail.Text, "stuck again") {
		t.Errorf("agents not told of the reopening: %+v", last)
	}
	f.now = inParis("2026-11-17 12:00")
	f.tick()
	if tk, _, _ := f.ticket(ref); tk.Status != gateway.StatusOpen {
		t.Errorf("the old deadline closed a reopened ticket: %s", tk.Status)
	}
}

func TestTimersSurviveRestart(t *testing.T) {
	f := lifecycleFixture(t)
	ref := resolvedTicket(t, f)
	f.restart(lifecycleConfig(t))
	f.now = inParis("2026-11-16 11:00")
	f.tick()
	f.restart(lifecycleConfig(t))
	f.tick() // the reminder went before the restart: not again
	if got := f.kinds(customer); got != "ack resolved reminder" {
		t.Errorf("customer mail %q", got)
	}
	// Down from before the deadline until the next day: the ticket closes
	// without a stale reminder.
	f2 := lifecycleFixture(t)
	ref2 := resolvedTicket(t, f2)
	f2.restart(lifecycleConfig(t))
	f2.now = inParis("2026-11-18 09:00")
	f2.tick()
	tk, _, evs := f2.ticket(ref2)
	if got := f2.kinds(customer); got != "ack resolved closed" || tk.Status != gateway.StatusClosed {
		t.Errorf("after downtime: %q, %s", got, tk.Status)
	}
	if !hasEvent(evs, gateway.EventReminder, "deadline passed first") {
		t.Errorf("skipped reminder not recorded: %+v", evs)
	}
	_ = ref
}

func TestAgentCommandTypo(t *testing.T) {
	f := lifecycleFixture(t)
	ref, notice := f.opened()
	f.now = inParis("2026-11-09 10:00")
	f.ingest("support", agentMail("t1@helpdesk.example.com", notice, "#reslove\nFixed."))
	tk, _, evs := f.ticket(ref)
	if tk.Status != gateway.StatusNew || tk.FirstResponseAt != nil {
		t.Errorf("a typo changed the ticket: %s %v", tk.Status, tk.FirstResponseAt)
	}
	if got := f.kinds(customer); got != "ack" {
		t.Errorf("a typo reached the customer: %q", got)
	}
	errs := f.outboxTo(alex)
	if len(errs) != 1 || errs[0].Kind != "agent-error" || !strings.Contains(errs[0].Mail.Text, `unknown command "#reslove"`) ||
		errs[0].Mail.InReplyTo != "t1@helpdesk.example.com" {
		t.Fatalf("agent error: %+v", errs)
	}
	if !hasEvent(evs, gateway.EventRefused, "not acted on") {
		t.Errorf("no refused event: %+v", evs)
	}
	// A command that does not apply is refused the same way, and the
	// command before it in the same mail does not apply either.
	f.ingest("support", agentMail("t2@helpdesk.example.com", notice, "#priority P1\n#reopen"))
	tk, _, _ = f.ticket(ref)
	if tk.Priority == 1 || len(f.outboxTo(alex)) != 2 {
		t.Errorf("half-applied mail: priority %s, %d errors", tk.Priority, len(f.outboxTo(alex)))
	}
}

func TestOtherAgentCommands(t *testing.T) {
	f := lifecycleFixture(t)
	ref, notice := f.opened()
	before, _, _ := f.ticket(ref)
	f.now = inParis("2026-11-09 10:00")
	f.ingest("support", agentMail("o1@helpdesk.example.com", notice, "#priorite P2\n#assigner Alex\n#note called Jane, logs on the way"))
	tk, _, evs := f.ticket(ref)
	if tk.Priority != 2 || tk.PriorityReason != "set by "+alex || tk.Assignee != "Alex" || tk.ResponseDue.Equal(*before.ResponseDue) {
		t.Errorf("priority/assign: %s %q %q due %v", tk.Priority, tk.PriorityReason, tk.Assignee, tk.ResponseDue)
	}
	if !hasEvent(evs, gateway.EventNote, "called Jane, logs on the way") || f.kinds(customer) != "ack" {
		t.Errorf("note: %+v, customer mail %q", evs, f.kinds(customer))
	}
	// #wait relays the question and pauses the clocks until the customer
	// answers.
	f.ingest("support", agentMail("o2@helpdesk.example.com", notice, "#wait\nCould you send the spooler log?"))
	tk, _, _ = f.ticket(ref)
	if tk.Status != gateway.StatusWaiting || tk.PausedAt == nil || f.kinds(customer) != "ack agent-reply" {
		t.Fatalf("after #wait: %s %v %q", tk.Status, tk.PausedAt, f.kinds(customer))
	}
	f.now = inParis("2026-11-09 12:00")
	f.ingest("support", customerReply("c9@customer.example", "Here it is: E42 spooler timeout."))
	tk, _, _ = f.ticket(ref)
	if tk.Status != gateway.StatusOpen || tk.PausedAt != nil || tk.ResolutionPaused != 2*time.Hour {
		t.Errorf("after the customer's answer: %s paused %v for %v", tk.Status, tk.PausedAt, tk.ResolutionPaused)
	}
	// #close closes without asking.
	f.ingest("support", agentMail("o3@helpdesk.example.com", notice, "#fermer"))
	if tk, _, _ = f.ticket(ref); tk.Status != gateway.StatusClosed || f.kinds(customer) != "ack agent-reply closed" {
		t.Errorf("after #fermer: %s %q", tk.Status, f.kinds(customer))
	}
}

func TestStrangersAndForgedAgents(t *testing.T) {
	f := lifecycleFixture(t)
	ref, notice := f.opened()
	f.now = inParis("2026-11-09 10:00")
	ack := f.outboxTo(customer)[0].Mail.MessageID
	// A stranger answering the customer's thread.
	f.ingest("support", "From: mallory@evil.example\nTo: support@helpdesk.example.com\nSubject: Re: hi\nMessage-ID: <m1@evil.example>\nIn-Reply-To: <c1@customer.example>\n\n#close\n")
	// The agent's address, answering the customer's acknowledgement: a
	// signed ID anyone the customer forwarded it to holds.
	f.ingest("support", agentMail("m2@evil.example", ack, "#close"))
	// The agent's address with a pass from a server we do not trust.
	f.ingest("support", "From: "+alex+"\nTo: support@helpdesk.example.com\nSubject: Re: [SUP-2026-000001]\nMessage-ID: <m3@evil.example>\nIn-Reply-To: <c1@customer.example>\n"+
		"Authentication-Results: mx.evil.example; dkim=pass header.d=helpdesk.example.com\n\n#close\n")
	// A pass written by the sender under our server's name, below the
	// result our server added: only the topmost counts.
	f.ingest("support", "Authentication-Results: mx.helpdesk.example.com; dkim=fail header.d=helpdesk.example.com\n"+
		"From: "+alex+"\nTo: support@helpdesk.example.com\nSubject: Re: [SUP-2026-000001]\nMessage-ID: <m4@evil.example>\nIn-Reply-To: <c1@customer.example>\n"+
		"Authentication-Results: mx.helpdesk.example.com; dkim=pass header.d=helpdesk.example.com\n\n#close\n")
	tk, _, evs := f.ticket(ref)
	if tk.Status != gateway.StatusNew || f.kinds(customer) != "ack" {
		t.Fatalf("forged commands acted: %s %q", tk.Status, f.kinds(customer))
	}
	n := 0
	for _, ev := range evs {
		if ev.Kind == gateway.EventIgnored {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d ignored events, want 4: %+v", n, evs)
	}
	// Our receiving server's DKIM pass proves the agent, even on a new
	// mail that answers no notice.
	f.ingest("support", "From: Alex Martin <"+alex+">\nTo: support@helpdesk.example.com\nSubject: Re: [SUP-2026-000001]\nMessage-ID: <a9@helpdesk.example.com>\nIn-Reply-To: <c1@customer.example>\n"+
		"Authentication-Results: mx.helpdesk.example.com; dkim=pass header.d=helpdesk.example.com; spf=pass smtp.mailfrom=helpdesk.example.com\n\nWe are on it.\n")
	if got := f.kinds(customer); got != "ack agent-reply" {
		t.Errorf("authenticated agent not relayed: %q", got)
	}
	_ = notice
}

func TestReplyAfterClosing(t *testing.T) {
	f := lifecycleFixture(t)
	ref := resolvedTicket(t, f)
	f.now = inParis("2026-11-17 11:00")
	f.tick()
	// Within ten business days a reply reopens.
	f.now = inParis("2026-11-20 10:00")
	f.ingest("support", customerReply("late1@customer.example", "It broke again this morning."))
	if tk, _, _ := f.ticket(ref); tk.Status != gateway.StatusOpen {
		t.Fatalf("reply within the grace period: %s", tk.Status)
	}
	f.ingest("support", agentMail("x1@helpdesk.example.com", f.outboxTo(team)[0].Mail.MessageID, "#close"))
	// Later, a reply opens a new ticket linked to the old one; a thank-you
	// does not.
	f.now = inParis("2026-12-21 10:00")
	f.ingest("support", customerReply("late2@customer.example", "Thanks, all good."))
	res := f.ingest("support", customerReply("late3@customer.example", "The printer is broken again."))
	if res.Action != gateway.ActionCreated || res.Ticket == ref || f.countTickets() != 2 {
		t.Fatalf("late reply: %+v", res)
	}
	nt, _, _ := f.ticket(res.Ticket)
	old, _, _ := f.ticket(ref)
	if nt.LinkedTicketID != old.ID || old.Status != gateway.StatusClosed {
		t.Errorf("new ticket links %d, want %d; old status %s", nt.LinkedTicketID, old.ID, old.Status)
	}
}

// warnings lists the SLA warnings an address got, "at risk|breached",
// failing on any other mail or a warning about another clock.
func (f *fixture) warnings(to, clock string) string {
	f.t.Helper()
	var got []string
	for _, m := range f.outboxTo(to) {
		if m.Kind != "sla-warning" || !strings.Contains(m.Mail.Subject, clock) {
			f.t.Fatalf("%s got %s %q, not a warning about the %s", to, m.Kind, m.Mail.Subject, clock)
		}
		if strings.Contains(m.Mail.Subject, "breached") {
			got = append(got, "breached")
		} else {
			got = append(got, "at risk")
		}
	}
	return strings.Join(got, "|")
}

func TestSLAWarnings(t *testing.T) {
	f := lifecycleFixture(t)
	// P3: four business hours from Friday 16:00 → due Monday 11:00.
	ref, _ := f.opened()
	tk, _, _ := f.ticket(ref)
	sameTime(t, "response due", tk.ResponseDue, inParis("2026-11-09 11:00").Format(time.RFC3339))
	oncall := "oncall-team@helpdesk.example.com"
	for _, step := range []struct{ at, want string }{
		{"2026-11-09 09:30", ""},
		{"2026-11-09 10:00", "at risk"},
		{"2026-11-09 10:30", "at risk"},
		{"2026-11-09 11:01", "at risk|breached"},
		{"2026-11-09 15:00", "at risk|breached"},
	} {
		f.now = inParis(step.at)
		f.tick()
		if got := f.warnings(oncall, "first response"); got != step.want {
			t.Errorf("at %s: warnings %v, want %q", step.at, got, step.want)
		}
	}
}

func TestAdminActs(t *testing.T) {
	f := lifecycleFixture(t)
	ref, _ := f.opened()
	if _, err := f.gw.Act(f.ctx, ref, "root", gateway.Command{Verb: gateway.VerbReopen}, ""); err == nil ||
		!strings.Contains(err.Error(), "not waiting, resolved or closed") {
		t.Errorf("reopen of a new ticket: %v", err)
	}
	tk, err := f.gw.Act(f.ctx, ref, "root", gateway.Command{Verb: gateway.VerbResolve}, "Fixed by a restart.")
	if err != nil || tk.Status != gateway.StatusResolved || tk.FirstResponseAt == nil {
		t.Fatalf("resolve: %v %+v", err, tk)
	}
	if got := f.kinds(customer); got != "ack resolved" {
		t.Errorf("customer mail %q", got)
	}
	_, _, evs := f.ticket(ref)
	if !hasEvent(evs, gateway.EventStatus, "resolved by admin root") {
		t.Errorf("timeline does not name the administrator: %+v", evs)
	}
}

func TestAgentAttachmentsRelayed(t *testing.T) {
	f := lifecycleFixture(t)
	ref, notice := f.opened()
	f.now = inParis("2026-11-09 10:00")
	f.ingest("support", "From: Alex Martin <"+alex+">\nTo: support@helpdesk.example.com\nSubject: Re: ["+ref+"]\n"+
		"Message-ID: <att1@helpdesk.example.com>\nIn-Reply-To: <"+notice+">\nMIME-Version: 1.0\n"+
		"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nThe fixed driver is attached.\n"+
		"--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"driver.bin\"\nContent-Transfer-Encoding: base64\n\nAAECAw==\n--b--\n")
	ms := f.outboxTo(customer)
	if len(ms) != 2 || ms[1].Kind != "agent-reply" {
		t.Fatalf("customer mail %q", f.kinds(customer))
	}
	atts := ms[1].Mail.Attachments
	if len(atts) != 1 || atts[0].Filename != "driver.bin" || string(atts[0].Data) != "\x00\x01\x02\x03" {
		t.Errorf("attachments %+v", atts)
	}
}

// A ticket from unreadable mail has no one to write to: a reply is
// refused, a resolution goes through without its notice.
func TestNoCustomerAddress(t *testing.T) {
	f := lifecycleFixture(t)
	res := f.ingest("support", "To: support@helpdesk.example.com\nSubject: ???\nMessage-ID: <nofrom@x.example>\n\nbody\n")
	if !res.NeedsHuman {
		t.Fatalf("%+v", res)
	}
	if _, err := f.gw.Act(f.ctx, res.Ticket, "root", gateway.Command{Verb: gateway.VerbResolve}, "Done."); err == nil ||
		!strings.Contains(err.Error(), "no customer address") {
		t.Errorf("reply to nobody: %v", err)
	}
	tk, err := f.gw.Act(f.ctx, res.Ticket, "root", gateway.Command{Verb: gateway.VerbResolve}, "")
	if err != nil || tk.Status != gateway.StatusResolved {
		t.Fatalf("resolve: %v", err)
	}
	_, _, evs := f.ticket(res.Ticket)
	if !hasEvent(evs, gateway.EventMailWithheld, "no resolved mail: no address") {
		t.Errorf("timeline %+v", evs)
	}
	for _, m := range f.outbox() {
		if m.Ticket == res.Ticket && m.Kind == "resolved" {
			t.Errorf("resolved notice queued to %+v", m.Mail.To)
		}
	}
}

// A reply to a resolution is read like a person reads it: a bare
// thank-you confirms, "I'll test" changes nothing yet, a thank-you after
// the reopen window is only recorded.
func TestRepliesToAResolution(t *testing.T) {
	t.Run("thank-you confirms", func(t *testing.T) {
		f := lifecycleFixture(t)
		ref := resolvedTicket(t, f)
		f.now = inParis("2026-11-10 09:30")
		f.ingest("support", customerReply("t1@customer.example", "Merci beaucoup !\n\nJane Roe\nAccueil - 01 23 45 67 89"))
		if tk, _, _ := f.ticket(ref); tk.Status != gateway.StatusClosed || tk.CloseReason != gateway.CloseConfirmed {
			t.Fatalf("after a thank-you: %s %q", tk.Status, tk.CloseReason)
		}
	})
	t.Run("will test waits", func(t *testing.T) {
		f := lifecycleFixture(t)
		ref := resolvedTicket(t, f)
		before, _, _ := f.ticket(ref)
		f.now = inParis("2026-11-10 09:30")
		f.ingest("support", customerReply("t2@customer.example", "Thanks, I'll test tomorrow and let you know."))
		tk, es, _ := f.ticket(ref)
		if tk.Status != gateway.StatusResolved || tk.ConfirmBy == nil || !tk.ConfirmBy.Equal(*before.ConfirmBy) || len(es) != 3 {
			t.Fatalf("after 'I'll test': %s, confirm by %v (was %v), %d messages", tk.Status, tk.ConfirmBy, before.ConfirmBy, len(es))
		}
		if got := f.kinds(customer); got != "ack resolved" {
			t.Errorf("customer mail %q", got)
		}
		notices := f.outboxTo(team)
		if last := notices[len(notices)-1]; last.Kind != "agent-notice" {
			t.Errorf("agents not told of the answer: %+v", last)
		}
	})
	t.Run("late thank-you", func(t *testing.T) {
		f := lifecycleFixture(t)
		ref := resolvedTicket(t, f)
		f.now = inParis("2026-11-17 11:00")
		f.tick()
		f.now = inParis("2026-12-21 10:00")
		mails := len(f.outbox())
		res := f.ingest("support", customerReply("t3@customer.example", "Merci beaucoup !"))
		if res.Action != gateway.ActionAppended || res.Ticket != ref || f.countTickets() != 1 {
			t.Fatalf("late thank-you: %+v, %d tickets", res, f.countTickets())
		}
		if tk, _, _ := f.ticket(ref); tk.Status != gateway.StatusClosed {
			t.Errorf("a late thank-you moved the ticket to %s", tk.Status)
		}
		if n := len(f.outbox()); n != mails {
			t.Errorf("a late thank-you queued %d mails", n-mails)
		}
	})
}

// An agent our receiving server authenticated acts on the ticket its
// subject names, even in a new mail that threads to nothing else; the
// same mail unauthenticated proves nothing: kept on the ticket, ignored.
func TestAuthenticatedAgentByReference(t *testing.T) {
	f := lifecycleFixture(t)
	ref, _ := f.opened()
	f.now = inParis("2026-11-09 10:00")
	mail := func(id, auth string) gateway.Result {
		return f.ingest("support", "From: Alex Martin <"+alex+">\nTo: support@helpdesk.example.com\nSubject: ["+ref+"] printer\n"+
			"Message-ID: <"+id+"@helpdesk.example.com>\n"+auth+"\nHello Jane,\n\nA technician comes at two.\n")
	}
	res := mail("r1", "Authentication-Results: mx.helpdesk.example.com; dkim=pass header.d=helpdesk.example.com")
	if res.Ticket != ref || f.countTickets() != 1 {
		t.Fatalf("authenticated agent by [REF]: %+v, %d tickets", res, f.countTickets())
	}
	if got := f.kinds(customer); got != "ack agent-reply" {
		t.Errorf("customer mail %q, want the agent's reply relayed", got)
	}
	if n := len(f.outboxTo(alex)); n != 0 {
		t.Errorf("the agent got %d mails, as if a customer", n)
	}
	// Without the pass, the reference alone is no key.
	res = mail("r2", "")
	if _, _, evs := f.ticket(ref); res.Ticket != ref || f.countTickets() != 1 || !hasEvent(evs, gateway.EventIgnored, "proves nothing") {
		t.Errorf("an unauthenticated mail from the agent's address: %+v, %d tickets; want it kept on %s and ignored", res, f.countTickets(), ref)
	}
	if n := len(f.outboxTo(alex)); n != 0 {
		t.Errorf("the agent got %d mails, as if a customer", n)
	}
	if got := f.kinds(customer); got != "ack agent-reply" {
		t.Errorf("customer mail after the unauthenticated one %q", got)
	}
}

// The resolution clock warns too, once at risk and once late, after the
// first response has stopped its own clock.
func TestResolutionWarnings(t *testing.T) {
	f := lifecycleFixture(t)
	// P3: two business days from Friday 16:00 → due Tuesday 16:00, 18
	// business hours on 09:00–18:00; at risk with a quarter left, 4 h 30:
	// Tuesday 11:30.
	ref, notice := f.opened()
	tk, _, _ := f.ticket(ref)
	sameTime(t, "resolution due", tk.ResolutionDue, inParis("2026-11-10 16:00").Format(time.RFC3339))
	f.now = inParis("2026-11-09 09:30")
	f.ingest("support", agentMail("w1@helpdesk.example.com", notice, "Hello Jane,\n\nWe are looking into it."))
	oncall := "oncall-team@helpdesk.example.com"
	for _, step := range []struct{ at, want string }{
		{"2026-11-09 11:01", ""}, // the response came in time: no response warning
		{"2026-11-10 11:25", ""},
		{"2026-11-10 11:30", "at risk"},
		{"2026-11-10 15:00", "at risk"},
		{"2026-11-10 16:01", "at risk|breached"},
		{"2026-11-12 10:00", "at risk|breached"},
	} {
		f.now = inParis(step.at)
		f.tick()
		if got := f.warnings(oncall, "resolution"); got != step.want {
			t.Errorf("at %s: warnings %v, want %q", step.at, got, step.want)
		}
	}
	if tk, _, _ := f.ticket(ref); tk.SLAWarnedResolution != string(gateway.SLABreached) || tk.WakeAt != nil {
		t.Errorf("after both warnings: warned %q, wake %v", tk.SLAWarnedResolution, tk.WakeAt)
	}
}

// A mail of megabytes is on the ticket whole; the agents' notice quotes
// only its start.
func TestAgentNoticeQuotesTheStartOfAHugeMail(t *testing.T) {
	f := lifecycleFixture(t)
	body := "The kiosk crashes, here is the log:\n" + strings.Repeat("2026-11-09 10:00:00 kiosk-3 ERROR printer spooler timeout\n", 20000)
	res := f.ingest("support", "From: Jane Roe <"+customer+">\nTo: support@helpdesk.example.com\nSubject: Kiosk log\nMessage-ID: <huge@customer.example>\n\n"+body)
	if res.Action != gateway.ActionCreated {
		t.Fatalf("got %+v", res)
	}
	notices := f.outboxTo(team)
	if len(notices) != 1 {
		t.Fatalf("%d notices", len(notices))
	}
	text := notices[0].Mail.Text
	if len(text) > 100<<10 || !strings.Contains(text, "here is the log") || !strings.Contains(text, "[…]") {
		t.Errorf("notice of %d bytes (mail %d): want its start quoted and the cut marked", len(text), len(body))
	}
	if _, es, _ := f.ticket(res.Ticket); len(es[0].Text) < len(body)-100 {
		t.Errorf("the ticket does not hold the whole text: %d bytes", len(es[0].Text))
	}
}
