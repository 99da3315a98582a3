package report_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"ticketgate/cmd/ticketgate/config"
	"ticketgate/gateway"
	"ticketgate/gateway/report"
	"ticketgate/gateway/store/storetest"
)

// The month is March 2026 in Paris and London. Both leave summer time
// off on Sunday 29 March (CET becomes CEST, GMT becomes BST); Friday 3
// April is Good Friday (closed in London, open in Paris) and Monday 6
// April Easter Monday (closed in both).
const policy = `secret = "0123456789abcdef-test-secret"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
calendar = "paris"
[mailboxes.uk]
address = "uk@helpdesk.example.com"
prefix = "UK"
calendar = "london"
language = "en"

[calendars.paris]
time_zone = "Europe/Paris"
weekdays = "09:00-18:00"
holidays = "FR"
[calendars.london]
time_zone = "Europe/London"
weekdays = "09:00-17:00"
holidays = "GB"

[slas.standard]
P1 = { response = "1h", resolution = "4h" }
P2 = { response = "2h", resolution = "1d" }
P3 = { response = "4h", resolution = "2d" }
P4 = { response = "1d", resolution = "5d" }
P5 = { response = "2d" }

[tiers.gold]
senders = ["@gold.example"]
response = "1h"
fee = "500 EUR"
credit = "10%"
credit_cap = "15%"

[[triage.rules]]
priority_tags = true
`

const (
	team = "team@helpdesk.example.com"
	alex = "alex@helpdesk.example.com"
)

var (
	paris, _  = time.LoadLocation("Europe/Paris")
	london, _ = time.LoadLocation("Europe/London")
)

func at(loc *time.Location, s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		panic(err)
	}
	return t
}

// desk is a gateway on a fresh database whose clock the test sets.
type desk struct {
	t    testing.TB
	ctx  context.Context
	gw   *gateway.Gateway
	cfg  *config.Config
	now  time.Time
	mail int
}

func newDesk(t testing.TB) *desk {
	t.Helper()
	c, err := config.Parse("t.toml", []byte(policy), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	st := storetest.OpenSQLite(t)
	gc := c.Gateway()
	gc.Mail.Agents = []string{team}
	gc.Agents = gateway.AgentPolicy{Addresses: []string{alex}}
	d := &desk{t: t, ctx: context.Background(), cfg: c}
	if d.gw, err = gateway.New(gc, st, gateway.ClockFunc(func() time.Time { return d.now }), nil); err != nil {
		t.Fatal(err)
	}
	return d
}

func (d *desk) ingest(mailbox, raw string) gateway.Result {
	d.t.Helper()
	res, err := d.gw.Ingest(d.ctx, gateway.Source{Mailbox: mailbox}, []byte(strings.ReplaceAll(raw, "\n", "\r\n")))
	if err != nil {
		d.t.Fatalf("ingest at %s: %v", d.now, err)
	}
	return res
}

// open has a customer write to a mailbox at when; the subject's [Pn]
// sets the priority.
func (d *desk) open(when time.Time, mailbox, from, subject string) string {
	d.t.Helper()
	d.now, d.mail = when, d.mail+1
	res := d.ingest(mailbox, fmt.Sprintf("From: %s\nTo: %s@helpdesk.example.com\nSubject: %s\nMessage-ID: <c%d@customer.example>\n\nHello, it is broken.\n",
		from, mailbox, subject, d.mail))
	if res.Action != gateway.ActionCreated {
		d.t.Fatalf("open %q: %+v", subject, res)
	}
	return res.Ticket
}

// customerReplies has the ticket's customer answer, quoting its reference.
func (d *desk) customerReplies(when time.Time, ref string) {
	d.t.Helper()
	d.now, d.mail = when, d.mail+1
	tk, err := d.gw.Ticket(d.ctx, ref)
	if err != nil {
		d.t.Fatal(err)
	}
	res := d.ingest(tk.Mailbox, fmt.Sprintf("From: %s\nTo: %s@helpdesk.example.com\nSubject: Re: [%s] logs\nMessage-ID: <c%d@customer.example>\n\nHere are the logs.\n",
		tk.Customer.Address, tk.Mailbox, ref, d.mail))
	if res.Action != gateway.ActionAppended || res.Ticket != ref {
		d.t.Fatalf("customer reply on %s: %+v", ref, res)
	}
}

// agentReplies has alex answer the agents' notice of the ticket from a
// mail client: the real first-response path.
func (d *desk) agentReplies(when time.Time, ref string) {
	d.t.Helper()
	d.now, d.mail = when, d.mail+1
	tk, err := d.gw.Ticket(d.ctx, ref)
	if err != nil {
		d.t.Fatal(err)
	}
	mails, err := d.gw.OutboxList(d.ctx, gateway.OutboxFilter{TicketID: tk.ID})
	if err != nil {
		d.t.Fatal(err)
	}
	notice := ""
	for _, m := range mails {
		if m.Kind == "agent-new-ticket" {
			notice = m.Mail.MessageID
		}
	}
	if notice == "" {
		d.t.Fatalf("no agents' notice for %s", ref)
	}
	res := d.ingest(tk.Mailbox, fmt.Sprintf("From: Alex <%s>\nTo: %s@helpdesk.example.com\nSubject: Re: [%s] New ticket\nMessage-ID: <a%d@helpdesk.example.com>\nIn-Reply-To: <%s>\nReferences: <%s>\n\nPlease send the logs.\n",
		alex, tk.Mailbox, ref, d.mail, notice, notice))
	if res.Action != gateway.ActionAppended || res.Ticket != ref {
		d.t.Fatalf("agent reply on %s: %+v", ref, res)
	}
	if tk, _ = d.gw.Ticket(d.ctx, ref); tk.FirstResponseAt == nil {
		d.t.Fatalf("agent reply on %s recorded no response", ref)
	}
}

// act runs an administrator's command (resolve, wait, close) at when.
func (d *desk) act(when time.Time, ref string, verb gateway.Verb, text string) {
	d.t.Helper()
	d.now = when
	if _, err := d.gw.Act(d.ctx, ref, "alex", gateway.Command{Verb: verb, Line: "#" + string(verb)}, text); err != nil {
		d.t.Fatalf("%s %s: %v", verb, ref, err)
	}
}

// march builds the fixture month, in the order things happen. Each
// ticket's expected figures are worked out by hand in TestMarch.
func march(t *testing.T) *desk {
	d := newDesk(t)
	// SUP-1 (T6): Sunday 1 March 00:30 CET is still Saturday in UTC.
	d.open(at(paris, "2026-03-01 00:30"), "support", "f@other.example", "[P3] Printer")
	// SUP-2 (T1).
	d.open(at(paris, "2026-03-02 10:00"), "support", "a@acme.example", "[P2] Invoices")
	d.agentReplies(at(paris, "2026-03-02 11:00"), "SUP-2026-000002")
	d.act(at(paris, "2026-03-02 12:00"), "SUP-2026-000001", gateway.VerbClose, "")
	d.act(at(paris, "2026-03-02 15:00"), "SUP-2026-000002", gateway.VerbResolve, "Fixed.")
	// SUP-3 (T4): a gold customer waits a week to answer.
	d.open(at(paris, "2026-03-19 09:00"), "support", "d@gold.example", "[P3] Export")
	d.act(at(paris, "2026-03-19 09:30"), "SUP-2026-000003", gateway.VerbWait, "Which version do you run?")
	d.customerReplies(at(paris, "2026-03-26 09:30"), "SUP-2026-000003")
	// SUP-4 (T2): opened before the change to summer time.
	d.open(at(paris, "2026-03-27 16:00"), "support", "b@acme.example", "[P3] Login")
	d.act(at(paris, "2026-03-30 10:00"), "SUP-2026-000003", gateway.VerbResolve, "Fixed in 4.2.")
	d.agentReplies(at(paris, "2026-03-30 13:00"), "SUP-2026-000004")
	d.act(at(paris, "2026-03-30 14:00"), "SUP-2026-000004", gateway.VerbWait, "")
	// UK-1 (T8).
	d.open(at(london, "2026-03-31 09:00"), "uk", "h@brit.example", "[P3] Reports")
	d.customerReplies(at(paris, "2026-03-31 10:00"), "SUP-2026-000004")
	d.agentReplies(at(london, "2026-03-31 13:00"), "UK-2026-000001")
	// UK-2 (T7).
	d.open(at(london, "2026-03-31 16:00"), "uk", "g@brit.example", "[P2] Tills")
	// SUP-5 (T3).
	d.open(at(paris, "2026-03-31 17:30"), "support", "c@gold.example", "[P1] Shop down")
	// SUP-6 (T5): 1 April in Paris although still 31 March in UTC.
	d.open(at(paris, "2026-04-01 01:30"), "support", "e@acme.example", "[P3] Question")
	d.agentReplies(at(london, "2026-04-01 09:30"), "UK-2026-000002")
	d.agentReplies(at(paris, "2026-04-01 10:00"), "SUP-2026-000005")
	d.act(at(paris, "2026-04-01 11:00"), "SUP-2026-000004", gateway.VerbResolve, "Reset.")
	d.act(at(london, "2026-04-02 10:00"), "UK-2026-000002", gateway.VerbResolve, "Replaced.")
	return d
}

// asOf is when the report is run: Tuesday 7 April 10:00 in Paris.
var asOf = at(paris, "2026-04-07 10:00")

func build(t *testing.T, d *desk, o report.Options) *report.Report {
	t.Helper()
	o.Month, o.AsOf, o.Plans = report.Month{Year: 2026, Month: time.March}, asOf, d.cfg.Plans()
	r, err := report.Build(d.ctx, d.gw, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
