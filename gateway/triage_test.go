package gateway_test

import (
	"strings"
	"testing"
	"time"

	"ticketgate/cmd/ticketgate/config"
	"ticketgate/gateway"
)

// triagedFixture is a gateway running the default policy (D) plus a gold
// tier, a registered-only mailbox and required details.
func triagedFixture(t *testing.T, mod ...func(*gateway.Config)) *fixture {
	t.Helper()
	src := `secret = "0123456789abcdef-test-secret"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
require = ["phone", "serial"]
[mailboxes.oncall]
address = "oncall@helpdesk.example.com"
prefix = "OC"
priority = "P1"
[mailboxes.vip]
address = "vip@helpdesk.example.com"
prefix = "VIP"
registered_only = true
registered = ["admin@store.example"]
[tiers.gold]
senders = ["@gold.example"]
response = "6h"
`
	c, err := config.Parse("t.toml", []byte(src), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, append([]func(*gateway.Config){func(g *gateway.Config) {
		cg := c.Gateway()
		g.Mailboxes, g.Triager = cg.Mailboxes, cg.Triager
	}}, mod...)...)
	f.now = time.Date(2026, 11, 20, 15, 55, 0, 0, time.UTC) // Friday 16:55 in Paris
	return f
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func sameTime(t *testing.T, what string, got *time.Time, want string) {
	t.Helper()
	switch {
	case want == "" && got != nil:
		t.Errorf("%s = %v, want none", what, got)
	case want != "" && got == nil:
		t.Errorf("%s = none, want %s", what, want)
	case want != "" && !got.Equal(utc(want)):
		t.Errorf("%s = %v, want %s", what, got.UTC(), want)
	}
}

const tillsDown = `From: Jane <jane@customer.example>
To: support@helpdesk.example.com
Subject: Caisse en panne
Message-ID: <triage-1@customer.example>
Date: Fri, 20 Nov 2026 16:54:00 +0100

Plus rien ne fonctionne depuis ce matin. Mon numéro : 01 23 45 67 89.
`

// A ticket triage opens at P1 on support runs on the on-call desk's P1
// clock, as one raised to P1 does: the on-call mailbox is configured.
func TestNewTicketIsTriagedWithDueTimes(t *testing.T) {
	f := triagedFixture(t)
	res := f.ingest("support", tillsDown)
	tk, _, evs := f.ticket(res.Ticket)
	if tk.Priority != 1 || tk.PriorityReason != `"Plus rien ne fonctionne" (nothing works) + "Caisse" (sales)` {
		t.Errorf("priority %s (%s)", tk.Priority, tk.PriorityReason)
	}
	// P1 round the clock from Friday 16:55 Paris: 1 hour, 4 hours.
	sameTime(t, "response due", tk.ResponseDue, "2026-11-20T16:55:00Z")
	sameTime(t, "resolution due", tk.ResolutionDue, "2026-11-20T19:55:00Z")
	if tk.SLAMailbox != "oncall" || tk.ResponseCalendar != "always" || tk.ResolutionCalendar != "always" ||
		tk.ResponseTarget != "1 business hour" || tk.ResolutionTarget != "4 business hours" {
		t.Errorf("on %q, deadlines %+v", tk.SLAMailbox, tk.Deadlines)
	}
	if strings.Join(tk.Missing, ",") != "serial number" {
		t.Errorf("missing %q, want the serial number only (a phone number was given)", tk.Missing)
	}
	if len(evs) == 0 || !strings.Contains(evs[0].Detail, `priority P1 ("Plus rien ne fonctionne" (nothing works)`) {
		t.Errorf("created event %+v", evs)
	}
}

// Without an on-call mailbox a P1 keeps its own mailbox's business clock.
func TestNewP1WithoutOnCallDeskKeepsItsClock(t *testing.T) {
	f := triagedFixture(t, func(g *gateway.Config) {
		mbs := map[string]gateway.Mailbox{}
		for n, mb := range g.Mailboxes {
			if !mb.OnCall {
				mbs[n] = mb
			}
		}
		g.Mailboxes = mbs
	})
	res := f.ingest("support", tillsDown)
	tk, _, _ := f.ticket(res.Ticket)
	// P1: 1 business hour / 4 business hours from Friday 16:55 Paris.
	sameTime(t, "response due", tk.ResponseDue, "2026-11-20T16:55:00Z")
	sameTime(t, "resolution due", tk.ResolutionDue, "2026-11-23T10:55:00Z")
	if tk.Priority != 1 || tk.SLAMailbox != "" || tk.ResponseCalendar != "paris" {
		t.Errorf("%s on %q, deadlines %+v", tk.Priority, tk.SLAMailbox, tk.Deadlines)
	}
}

func TestOncallAndTierDueTimes(t *testing.T) {
	f := triagedFixture(t)
	f.now = time.Date(2026, 11, 22, 2, 0, 0, 0, time.UTC) // Sunday 03:00 Paris
	res := f.ingest("oncall", `From: ops@customer.example
To: oncall@helpdesk.example.com
Subject: site
Message-ID: <triage-2@customer.example>

Help.
`)
	tk, _, _ := f.ticket(res.Ticket)
	if tk.Priority != 1 || tk.PriorityReason != "mailbox oncall" || tk.ResponseCalendar != "always" {
		t.Errorf("on-call ticket %s (%s) on %q", tk.Priority, tk.PriorityReason, tk.ResponseCalendar)
	}
	sameTime(t, "on-call response due", tk.ResponseDue, "2026-11-22T03:00:00Z")
	sameTime(t, "on-call resolution due", tk.ResolutionDue, "2026-11-22T06:00:00Z")

	f.now = time.Date(2026, 11, 20, 15, 55, 0, 0, time.UTC)
	res = f.ingest("support", `From: cto@GOLD.example
To: support@helpdesk.example.com
Subject: une question
Message-ID: <triage-3@gold.example>

Comment faire un export ?
`)
	tk, _, _ = f.ticket(res.Ticket)
	if tk.Tier != "gold" || tk.Priority != 5 {
		t.Errorf("tier %q priority %s (%s)", tk.Tier, tk.Priority, tk.PriorityReason)
	}
	// Gold: 6 business hours whatever the priority; P5 has no resolution target.
	sameTime(t, "gold response due", tk.ResponseDue, "2026-11-23T12:55:00Z")
	sameTime(t, "gold resolution due", tk.ResolutionDue, "")
}

func TestSetPriorityRecomputesDueTimes(t *testing.T) {
	f := triagedFixture(t)
	res := f.ingest("support", `From: jane@customer.example
To: support@helpdesk.example.com
Subject: Caisse en panne
Message-ID: <triage-4@customer.example>

Rien ne va.
`)
	f.now = f.now.Add(48 * time.Hour) // the change happens later; due times still count from creation
	tk, err := f.gw.SetPriority(f.ctx, res.Ticket, 4, "agent@helpdesk.example.com", "set by agent agent@helpdesk.example.com")
	if err != nil {
		t.Fatal(err)
	}
	// P4 from Friday 16:55 on support's own clock, the on-call desk's
	// having come with P1: 1 business day / 5 business days.
	sameTime(t, "response due", tk.ResponseDue, "2026-11-23T15:55:00Z")
	sameTime(t, "resolution due", tk.ResolutionDue, "2026-11-27T15:55:00Z")
	stored, _, evs := f.ticket(res.Ticket)
	if stored.Priority != 4 || stored.PriorityReason != "set by agent agent@helpdesk.example.com" || stored.ResponseTarget != "1 business day" {
		t.Errorf("stored %s (%s) %q", stored.Priority, stored.PriorityReason, stored.ResponseTarget)
	}
	sameTime(t, "stored resolution due", stored.ResolutionDue, "2026-11-27T15:55:00Z")
	last := evs[len(evs)-1]
	if last.Kind != gateway.EventPriority || last.Detail != "priority P1 → P4 (set by agent agent@helpdesk.example.com); targets of mailbox support again, not oncall" {
		t.Errorf("last event %+v", last)
	}
	if _, err := f.gw.SetPriority(f.ctx, "SUP-2026-999999", 2, "x", "y"); err == nil {
		t.Error("SetPriority on an unknown ticket succeeded")
	}
}

func TestUnregisteredSenderIsRecordedNotTicketed(t *testing.T) {
	f := triagedFixture(t)
	res := f.ingest("vip", `From: someone@elsewhere.example
To: vip@helpdesk.example.com
Subject: Bonjour
Message-ID: <triage-5@elsewhere.example>

Pouvez-vous m'aider ?
`)
	if res.Action != gateway.ActionRecorded || res.Ticket != "" || !strings.Contains(res.How, "not registered") {
		t.Errorf("unregistered sender: %+v", res)
	}
	res = f.ingest("vip", `From: admin@store.example
To: vip@helpdesk.example.com
Subject: Bonjour
Message-ID: <triage-6@store.example>

Pouvez-vous m'aider ?
`)
	if res.Action != gateway.ActionCreated || !strings.HasPrefix(res.Ticket, "VIP-2026-") {
		t.Errorf("registered sender: %+v", res)
	}
}

// Details the first mail lacked are checked again on each reply: sent in
// two steps, they are cleared in two steps, on the timeline.
func TestMissingDetailsSuppliedLater(t *testing.T) {
	f := triagedFixture(t, func(g *gateway.Config) { g.Mail.Agents = []string{"alex@helpdesk.example.com"} })
	res := f.ingest("support", "From: Marie <marie@client.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Badge printer\r\n"+
		"Message-ID: <md-1@client.example>\r\n\r\nThe badge printer at reception prints blank badges.\r\n")
	tk, _, _ := f.ticket(res.Ticket)
	if strings.Join(tk.Missing, ",") != "phone number,serial number" {
		t.Fatalf("missing at first: %v", tk.Missing)
	}
	reply := func(id, body string) *gateway.Ticket {
		t.Helper()
		f.ingest("support", "From: Marie <marie@client.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Re: ["+res.Ticket+"] Badge printer\r\n"+
			"Message-ID: <"+id+"@client.example>\r\nIn-Reply-To: <md-1@client.example>\r\n\r\n"+body+"\r\n")
		tk, _, _ := f.ticket(res.Ticket)
		return tk
	}
	tk = reply("md-2", "Here it is: serial number SN-40817.")
	if strings.Join(tk.Missing, ",") != "phone number" {
		t.Fatalf("missing after the serial number: %v", tk.Missing)
	}
	notices := f.outboxTo("alex@helpdesk.example.com")
	if last := notices[len(notices)-1].Mail.Text; !strings.Contains(last, "Still missing: phone number") {
		t.Errorf("the agents' notice does not say what is still missing:\n%s", last)
	}
	tk = reply("md-3", "You can call me on +33 1 23 45 67 89.")
	if len(tk.Missing) != 0 {
		t.Fatalf("missing after the phone number: %v", tk.Missing)
	}
	_, _, evs := f.ticket(res.Ticket)
	var details []string
	for _, ev := range evs {
		if ev.Kind == gateway.EventDetails {
			details = append(details, ev.Detail)
		}
	}
	if len(details) != 2 || details[0] != "details received: serial number; still missing: phone number" ||
		details[1] != "details received: phone number" {
		t.Errorf("timeline: %q", details)
	}
}
