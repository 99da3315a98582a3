package gateway_test

import (
	"strings"
	"testing"
	"time"

	"ticketgate/cmd/ticketgate/config"
	"ticketgate/gateway"
)

const pager = "pager@helpdesk.example.com"

// raiseFixture is the lifecycle desk with an on-call mailbox beside
// support: the built-in oncall SLA runs P1 round the clock, and the
// on-call mailbox pages its own list.
func raiseFixture(t *testing.T, mod ...func(*gateway.Config)) *fixture {
	t.Helper()
	c, err := config.Parse("t.toml", []byte(`secret = "0123456789abcdef-test-secret"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
[mailboxes.oncall]
address = "oncall@helpdesk.example.com"
prefix = "OC"
priority = "P1"
notify = ["`+pager+`"]
`), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	g := c.Gateway()
	g.Secret = secret
	g.Mail.Agents = []string{team}
	g.Agents = gateway.AgentPolicy{Addresses: []string{alex}, OnCall: []string{"oncall-team@helpdesk.example.com"}}
	f := newFixture(t, func(x *gateway.Config) {
		*x = g
		for _, m := range mod {
			m(x)
		}
	})
	return f
}

const outage = `From: Jane Roe <` + customer + `>
To: support@helpdesk.example.com, oncall@helpdesk.example.com
Subject: Invoices do not print
Message-ID: <r1@customer.example>
Date: Fri, 06 Nov 2026 17:30:00 +0100
Content-Language: en

Hello, the invoices stay in the print queue since this morning.
`

// Every due time was counted by hand on the 2026 Paris calendar
// (Monday–Friday 09:00–18:00, French holidays) or round the clock.
func TestRaiseByCopyToOnCall(t *testing.T) {
	f := raiseFixture(t)
	f.now = inParis("2026-11-06 17:30") // a Friday, half an hour before closing
	res := f.ingest("support", outage)
	tk, _, _ := f.ticket(res.Ticket)
	if tk.Priority == 1 {
		t.Fatalf("the support copy is already P1 (%s): nothing to raise", tk.PriorityReason)
	}
	before := tk.Priority
	f.now = inParis("2026-11-06 17:31")
	if dup := f.ingest("oncall", "Received: from mx2 by oncall; Fri, 06 Nov 2026 17:31:00 +0100\n"+outage); dup.Ticket != res.Ticket {
		t.Fatalf("the on-call copy: %+v", dup)
	}
	tk, _, evs := f.ticket(res.Ticket)
	// P1 on the on-call desk's clock, from the ticket's creation at
	// 17:30: one hour round the clock, not Monday 09:30; four hours,
	// not Monday 12:30.
	if tk.Priority != 1 || tk.SLAMailbox != "oncall" || tk.ResponseCalendar != "always" || tk.ResponseRule != "priority P1" {
		t.Errorf("after the copy: %s on %q, calendar %q by %q", tk.Priority, tk.SLAMailbox, tk.ResponseCalendar, tk.ResponseRule)
	}
	sameTime(t, "response due", tk.ResponseDue, inParis("2026-11-06 18:30").Format(time.RFC3339))
	sameTime(t, "resolution due", tk.ResolutionDue, inParis("2026-11-06 21:30").Format(time.RFC3339))
	if !hasEvent(evs, gateway.EventRaised, "raised from "+before.String()+" to P1; targets of mailbox oncall") {
		t.Errorf("events %+v", evs)
	}
	for _, who := range []string{pager, "oncall-team@helpdesk.example.com"} {
		if got := f.kinds(who); got != "agent-page" {
			t.Errorf("%s got %q, want one page", who, got)
		}
	}
	if got := f.kinds(team); got != "agent-new-ticket" {
		t.Errorf("support's agents got %q: the page goes to the on-call list", got)
	}
	mails := f.outboxTo(customer)
	if got := f.kinds(customer); got != "ack priority-raised" {
		t.Fatalf("customer got %q", got)
	}
	n := mails[1].Mail
	for _, want := range []string{"Reply expected by: Friday 6 November 2026, 18:30 (Paris time)",
		"Resolution expected by: Friday 6 November 2026, 21:30 (Paris time)", "Response time: 1 hour\n"} {
		if !strings.Contains(n.Text, want) {
			t.Errorf("notice lacks %q:\n%s", want, n.Text)
		}
	}
	if !strings.Contains(n.Subject, "[SUP-2026-000001]") {
		t.Errorf("subject %q", n.Subject)
	}

	// Lowered and raised again by an agent: paged again, but the customer
	// heard of the raise already.
	notice := f.outboxTo(team)[0].Mail.MessageID
	f.now = inParis("2026-11-06 17:40")
	f.ingest("support", agentMail("p1@helpdesk.example.com", notice, "#priority P2"))
	f.ingest("support", agentMail("p2@helpdesk.example.com", notice, "#priority P1"))
	if got := f.kinds(customer); got != "ack priority-raised" {
		t.Errorf("customer got %q after a second raise", got)
	}
	if got := f.kinds(pager); got != "agent-page agent-page" {
		t.Errorf("pager got %q", got)
	}
}

func TestRaiseByAgentCommand(t *testing.T) {
	f := lifecycleFixture(t)  // support only: no on-call desk
	ref, notice := f.opened() // Friday 16:00, P3
	f.now = inParis("2026-11-06 16:30")
	f.ingest("support", agentMail("a1@helpdesk.example.com", notice, "#priorite P1"))
	tk, _, _ := f.ticket(ref)
	// P1 on the mailbox's own business clock from 16:00: an hour, 17:00;
	// four hours, two on Friday and two on Monday, 11:00.
	if tk.Priority != 1 || tk.SLAMailbox != "" || tk.ResponseCalendar != "paris" {
		t.Errorf("after #priorite P1: %s on %q, calendar %q", tk.Priority, tk.SLAMailbox, tk.ResponseCalendar)
	}
	sameTime(t, "response due", tk.ResponseDue, inParis("2026-11-06 17:00").Format(time.RFC3339))
	sameTime(t, "resolution due", tk.ResolutionDue, inParis("2026-11-09 11:00").Format(time.RFC3339))
	if got := f.kinds("oncall-team@helpdesk.example.com"); got != "agent-page" {
		t.Errorf("agents.oncall got %q", got)
	}
	if got := f.kinds(team); got != "agent-new-ticket agent-page" {
		t.Errorf("the mailbox's agents got %q", got)
	}
	if got := f.kinds(customer); got != "ack priority-raised" {
		t.Fatalf("customer got %q", got)
	}
	n := f.outboxTo(customer)[1].Mail
	for _, want := range []string{"Reply expected by: Friday 6 November 2026, 17:00 (Paris time)",
		"Resolution expected by: Monday 9 November 2026, 11:00 (Paris time)", "Response time: 1 business hour"} {
		if !strings.Contains(n.Text, want) {
			t.Errorf("notice lacks %q:\n%s", want, n.Text)
		}
	}
}

func TestRaiseTellsAFrenchCustomerInFrench(t *testing.T) {
	f := raiseFixture(t)
	f.now = inParis("2026-11-06 17:30")
	fr := strings.Replace(strings.Replace(outage, "Content-Language: en", "Content-Language: fr", 1),
		"Hello, the invoices stay in the print queue since this morning.", "Bonjour, les factures restent dans la file d'impression depuis ce matin.", 1)
	res := f.ingest("support", fr)
	f.ingest("oncall", "Received: from mx2 by oncall; Fri, 06 Nov 2026 17:31:00 +0100\n"+fr)
	mails := f.outboxTo(customer)
	if len(mails) != 2 || mails[1].Kind != "priority-raised" {
		t.Fatalf("customer got %q", f.kinds(customer))
	}
	n := mails[1].Mail
	for _, want := range []string{"Réponse prévue avant le : vendredi 6 novembre 2026 à 18:30 (heure de Paris)",
		"Délai de réponse : 1 heure\n", "[" + res.Ticket + "]", "Priorité : P1 critique"} {
		if !strings.Contains(n.Text+n.Subject, want) {
			t.Errorf("notice lacks %q:\n%s\n%s", want, n.Subject, n.Text)
		}
	}
}

// tillsStopped is a French customer's mail to both desks that triage
// reads as P1 on support: every till down, sales stopped.
const tillsStopped = `From: Jeanne Roux <` + customer + `>
To: support@helpdesk.example.com, oncall@helpdesk.example.com
Subject: Toutes nos caisses sont en panne
Message-ID: <p1-born@customer.example>
Date: Fri, 06 Nov 2026 17:30:00 +0100
Content-Language: fr

Bonjour, toutes nos caisses sont bloquées depuis 17 h, nous ne pouvons plus encaisser.
`

// A ticket triage opens at P1 on support gets what a raise gives: the
// on-call desk's clock, one page to the on-call list, and the P1 targets
// in its acknowledgement, with no raise notice after it. Dates counted by
// hand: Friday 17:30 Paris, round the clock.
func TestOpenedAtP1OnSupport(t *testing.T) {
	f := raiseFixture(t)
	f.now = inParis("2026-11-06 17:30")
	res := f.ingest("support", tillsStopped)
	tk, _, evs := f.ticket(res.Ticket)
	if tk.Priority != 1 {
		t.Fatalf("triage gave %s (%s), want P1", tk.Priority, tk.PriorityReason)
	}
	if tk.Mailbox != "support" || tk.SLAMailbox != "oncall" || tk.ResponseCalendar != "always" || tk.ResolutionCalendar != "always" {
		t.Errorf("ticket on %q, clocks of %q on %q/%q", tk.Mailbox, tk.SLAMailbox, tk.ResponseCalendar, tk.ResolutionCalendar)
	}
	sameTime(t, "response due", tk.ResponseDue, inParis("2026-11-06 18:30").Format(time.RFC3339))
	sameTime(t, "resolution due", tk.ResolutionDue, inParis("2026-11-06 21:30").Format(time.RFC3339))
	if !hasEvent(evs, gateway.EventPaged, "opened at P1; targets of mailbox oncall; on-call list paged") {
		t.Errorf("events %+v", evs)
	}
	for _, who := range []string{pager, "oncall-team@helpdesk.example.com"} {
		if got := f.kinds(who); got != "agent-page" {
			t.Errorf("%s got %q, want one page", who, got)
		}
	}
	page := f.outboxTo(pager)[0].Mail
	if !strings.Contains(page.Subject, "New ticket at P1 critical") || !strings.Contains(page.Text, "was opened at P1 critical") ||
		strings.Contains(page.Text, "raised") {
		t.Errorf("page:\n%s\n%s", page.Subject, page.Text)
	}
	if got := f.kinds(team); got != "agent-new-ticket" {
		t.Errorf("support's agents got %q", got)
	}
	if got := f.kinds(customer); got != "ack" {
		t.Fatalf("customer got %q, want the acknowledgement alone", got)
	}
	ack := f.outboxTo(customer)[0].Mail
	for _, want := range []string{"Priorité : P1 critique", "Délai de réponse : 1 heure\n",
		"Première réponse prévue : vendredi 6 novembre 2026 à 18:30 (heure de Paris)",
		"Résolution prévue : vendredi 6 novembre 2026 à 21:30 (heure de Paris)"} {
		if !strings.Contains(ack.Text, want) {
			t.Errorf("acknowledgement lacks %q:\n%s", want, ack.Text)
		}
	}

	// The on-call copy of the same mail: the same ticket, nothing more.
	f.now = inParis("2026-11-06 17:31")
	dup := f.ingest("oncall", "Received: from mx2 by oncall; Fri, 06 Nov 2026 17:31:00 +0100\n"+tillsStopped)
	if dup.Action != gateway.ActionDuplicate || dup.Ticket != res.Ticket {
		t.Fatalf("the on-call copy: %+v", dup)
	}
	if n := len(f.outbox()); n != 4 {
		t.Errorf("%d mails after the copy, want 4 (ack, notice, two pages)", n)
	}

	// Lowered and raised again by an agent: the on-call list is paged
	// again, the customer knew the P1 targets from the start.
	notice := f.outboxTo(team)[0].Mail.MessageID
	f.now = inParis("2026-11-06 17:40")
	f.ingest("support", agentMail("p1@helpdesk.example.com", notice, "#priority P2"))
	f.ingest("support", agentMail("p2@helpdesk.example.com", notice, "#priority P1"))
	if got := f.kinds(customer); got != "ack" {
		t.Errorf("customer got %q after a lower and a raise", got)
	}
	if got := f.kinds(pager); got != "agent-page agent-page" {
		t.Errorf("pager got %q", got)
	}
}

// The same mail through the on-call desk first: one ticket, on that desk,
// whose agents hear of it once; the copy to support changes nothing.
func TestOpenedAtP1OnCallFirst(t *testing.T) {
	f := raiseFixture(t)
	f.now = inParis("2026-11-06 17:30")
	res := f.ingest("oncall", tillsStopped)
	f.now = inParis("2026-11-06 17:31")
	if dup := f.ingest("support", "Received: from mx1 by support; Fri, 06 Nov 2026 17:31:00 +0100\n"+tillsStopped); dup.Ticket != res.Ticket {
		t.Fatalf("the support copy: %+v", dup)
	}
	tk, _, _ := f.ticket(res.Ticket)
	if tk.Mailbox != "oncall" || tk.SLAMailbox != "" || tk.ResponseCalendar != "always" {
		t.Errorf("ticket on %q, clocks of %q on %q", tk.Mailbox, tk.SLAMailbox, tk.ResponseCalendar)
	}
	// The desk's own agents get the new-ticket notice with the message;
	// agents.oncall, who are not among them, the page.
	for who, want := range map[string]string{pager: "agent-new-ticket", "oncall-team@helpdesk.example.com": "agent-page",
		team: "", customer: "ack-oncall"} {
		if got := f.kinds(who); got != want {
			t.Errorf("%s got %q, want %q", who, got, want)
		}
	}
}

// Without an on-call mailbox a ticket opened at P1 keeps its mailbox's
// business clock, and agents.oncall is paged; the mailbox's agents have
// the new-ticket notice and are not paged besides.
func TestOpenedAtP1WithoutOnCallDesk(t *testing.T) {
	f := lifecycleFixture(t)
	f.now = inParis("2026-11-06 17:30")
	res := f.ingest("support", strings.Replace(tillsStopped, ", oncall@helpdesk.example.com", "", 1))
	tk, _, _ := f.ticket(res.Ticket)
	if tk.Priority != 1 || tk.SLAMailbox != "" || tk.ResponseCalendar != "paris" {
		t.Errorf("%s on %q, calendar %q", tk.Priority, tk.SLAMailbox, tk.ResponseCalendar)
	}
	// One business hour from Friday 17:30: 30 minutes on Friday, 30 on
	// Monday; four hours: Monday 12:30.
	sameTime(t, "response due", tk.ResponseDue, inParis("2026-11-09 09:30").Format(time.RFC3339))
	sameTime(t, "resolution due", tk.ResolutionDue, inParis("2026-11-09 12:30").Format(time.RFC3339))
	for who, want := range map[string]string{"oncall-team@helpdesk.example.com": "agent-page", team: "agent-new-ticket", customer: "ack"} {
		if got := f.kinds(who); got != want {
			t.Errorf("%s got %q, want %q", who, got, want)
		}
	}
	if ack := f.outboxTo(customer)[0].Mail.Text; !strings.Contains(ack, "Délai de réponse : 1 heure ouvrée") {
		t.Errorf("acknowledgement:\n%s", ack)
	}
}

// Lowered below P1, a ticket opened at P1 runs on its own mailbox's
// clock again: the on-call desk's targets came with the top priority.
// Here the desk runs every priority round the clock, so the difference
// shows on P3 too.
func TestLoweredFromP1KeepsItsOwnClock(t *testing.T) {
	c, err := config.Parse("t.toml", []byte(`secret = "0123456789abcdef-test-secret"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
[mailboxes.oncall]
address = "oncall@helpdesk.example.com"
prefix = "OC"
priority = "P1"
calendar = "always"
`), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	g := c.Gateway()
	g.Secret = secret
	g.Mail.Agents = []string{team}
	g.Agents = gateway.AgentPolicy{Addresses: []string{alex}}
	f := newFixture(t, func(x *gateway.Config) { *x = g })
	f.now = inParis("2026-11-06 17:30")
	res := f.ingest("support", tillsStopped)
	if tk, _, _ := f.ticket(res.Ticket); tk.Priority != 1 || tk.SLAMailbox != "oncall" {
		t.Fatalf("opened %s on %q", tk.Priority, tk.SLAMailbox)
	}
	f.now = inParis("2026-11-06 17:40")
	f.ingest("support", agentMail("low-1@helpdesk.example.com", f.outboxTo(team)[0].Mail.MessageID, "#priority P3"))
	tk, _, evs := f.ticket(res.Ticket)
	// P3 from Friday 17:30 on Paris hours: 4 business hours, half an hour
	// on Friday and the rest on Monday; 2 business days, Tuesday 17:30.
	if tk.Priority != 3 || tk.SLAMailbox != "" || tk.ResponseCalendar != "paris" {
		t.Errorf("lowered: %s on %q, calendar %q", tk.Priority, tk.SLAMailbox, tk.ResponseCalendar)
	}
	sameTime(t, "response due", tk.ResponseDue, inParis("2026-11-09 12:30").Format(time.RFC3339))
	sameTime(t, "resolution due", tk.ResolutionDue, inParis("2026-11-10 17:30").Format(time.RFC3339))
	if !hasEvent(evs, gateway.EventPriority, "priority P1 → P3 (set by "+alex+"); targets of mailbox support again, not oncall") {
		t.Errorf("events %+v", evs)
	}
}
