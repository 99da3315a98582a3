package report_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway/report"
)

// Hand arithmetic, Paris open 09:00-18:00 (9h a day), London 09:00-17:00
// (8h), Monday to Friday; targets P1 1h/4h, P2 2h/1d, P3 4h/2d; the gold
// plan answers in 1h. "Nd" is the same clock time N business days later.
//
// SUP-1 P3, Sun 1 Mar 00:30 CET: both clocks start at Mon 2 Mar 09:00.
//
//	response due 13:00, resolution due Wed 4 Mar 09:00. Closed Mon 12:00
//	without an answer: both clocks stop there, met, 3h each.
//
// SUP-2 P2, Mon 2 Mar 10:00: response due 12:00, answered 11:00: met 1h.
//
//	Resolution due Tue 3 Mar 10:00, resolved Mon 15:00: met 5h.
//
// SUP-3 P3 gold, Thu 19 Mar 09:00: response due 10:00 (gold 1h); the
//
//	#wait reply at 09:30 meets it in 30m. Resolution due Mon 23 Mar
//	09:00 (Thu→Fri→Mon). Paused Thu 09:30 to Thu 26 Mar 09:30: 8h30 +
//	Fri 9h + Mon-Wed 27h + Thu 30m = 45h. The due time moves 45h:
//	Mon 23 09:00 + 9+9+9+9+9 = Fri 27 Mar 18:00 CET. Resolved Mon 30 Mar
//	10:00 CEST: late Fri 18:00→Mon 10:00 = 1h. Actual: Thu 19 09:00 to Mon
//	30 10:00 is 9+9+45+1 = 64h, less 45h paused = 19h (allowed 18h).
//
// SUP-4 P3, Fri 27 Mar 16:00 CET, across the change to summer time:
//
//	response due Fri 2h + Mon 30 Mar 09:00-11:00 CEST = Mon 11:00 CEST;
//	answered Mon 13:00: missed by 2h, actual 2h + 4h = 6h (in UTC the
//	same span is 15:00Z→11:00Z: an hour shorter, never used).
//	Resolution due Tue 31 Mar 16:00 (Fri→Mon→Tue). #wait Mon 14:00 to
//	the customer's reply Tue 10:00: paused Mon 4h + Tue 1h = 5h; due
//	moves to Tue 16:00 + 2h + Wed 3h = Wed 1 Apr 12:00. Resolved Wed
//	11:00: met. Actual Fri 2h + Mon 9h + Tue 9h + Wed 2h - 5h = 17h.
//
// SUP-5 P1 gold, Tue 31 Mar 17:30 CEST: response due 30m + Wed 30m = Wed
//
//	1 Apr 09:30; answered Wed 10:00: missed by 30m, actual 1h30.
//	Resolution due 30m + Wed 09:00-12:30 = Wed 12:30; never resolved. At
//	Tue 7 Apr 10:00 it is late by Wed 5h30 + Thu 9h + Fri 9h (Good
//	Friday is open in Paris) + Easter Monday 0 + Tue 1h = 24h30; it ran
//	4h + 24h30 = 28h30.
//
// SUP-6 Wed 1 Apr 01:30 CEST belongs to April: not in March's report.
//
// UK-1 P3, Tue 31 Mar 09:00 BST: response due 13:00, answered 13:00: met
//
//	at the due time exactly, 4h. Resolution due Thu 2 Apr 09:00 BST, never
//	resolved: at Tue 7 Apr 09:00 BST late by Thu 8h + Good Friday 0 +
//	Easter Monday 0 = 8h; ran Tue 8h + Wed 8h + 8h = 24h.
//
// UK-2 P2, Tue 31 Mar 16:00 BST: response due 1h + Wed 1h = Wed 10:00,
//
//	answered 09:30: met 1h30. Resolution due Wed 16:00; resolved Thu 2
//	Apr 10:00: late Wed 1h + Thu 1h = 2h, actual 1h + 8h + 1h = 10h.
//
// Medians and 90th percentiles are nearest rank: of n values sorted, the
// ceil(n/2)th and the ceil(0.9n)th.
func TestMarch(t *testing.T) {
	d := march(t)
	r := build(t, d, report.Options{})

	groups := []string{
		// mailbox priority plan tickets | response met/missed/running median p90 | resolution … | paused
		// SUP-5.
		"support P1 gold 1 | 0/1/0 1h30m 1h30m | 0/1/0 - - | 0m",
		// SUP-2.
		"support P2 - 1 | 1/0/0 1h 1h | 1/0/0 5h 5h | 0m",
		// SUP-1 and SUP-4: response 3h and 6h (median rank 1: 3h; p90
		// rank 2: 6h); resolution 3h and 17h; paused 5h (SUP-4).
		"support P3 - 2 | 1/1/0 3h 6h | 2/0/0 3h 17h | 5h",
		// SUP-3.
		"support P3 gold 1 | 1/0/0 30m 30m | 0/1/0 19h 19h | 45h",
		// UK-2.
		"uk P2 - 1 | 1/0/0 1h30m 1h30m | 0/1/0 10h 10h | 0m",
		// UK-1.
		"uk P3 - 1 | 1/0/0 4h 4h | 0/1/0 - - | 0m",
	}
	var got []string
	line := func(g report.Group) string {
		return fmt.Sprintf("%s %s %s %d | %s | %s | %s", g.Mailbox, g.Priority, plan(g.Tier), g.Tickets,
			clockLine(g.Response), clockLine(g.Resolution), report.Hours(g.Paused))
	}
	for _, g := range r.Groups {
		got = append(got, line(g))
	}
	if strings.Join(got, "\n") != strings.Join(groups, "\n") {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(groups, "\n"))
	}
	// Responses of all seven: 30m 1h 1h30 1h30 3h 4h 6h: median rank 4
	// is 1h30, p90 rank 7 is 6h. Stopped resolutions 3h 5h 10h 17h 19h:
	// rank 3 is 10h, rank 5 is 19h. Paused 5h + 45h.
	if got, want := line(r.Totals), " P0 - 7 | 5/2/0 1h30m 6h | 3/4/0 10h 19h | 50h"; got != want {
		t.Errorf("totals: %s, want %s", got, want)
	}

	misses := []string{
		"SUP-2026-000003 resolution 2 business days allowed 18h actual 19h late 1h due 2026-03-27 18:00 CET done 2026-03-30 10:00 CEST",
		"SUP-2026-000004 response 4 business hours allowed 4h actual 6h late 2h due 2026-03-30 11:00 CEST done 2026-03-30 13:00 CEST",
		"SUP-2026-000005 response 1 business hour allowed 1h actual 1h30m late 30m due 2026-04-01 09:30 CEST done 2026-04-01 10:00 CEST",
		"SUP-2026-000005 resolution 4 business hours allowed 4h actual 28h30m late 24h30m due 2026-04-01 12:30 CEST done still open",
		"UK-2026-000001 resolution 2 business days allowed 16h actual 24h late 8h due 2026-04-02 09:00 BST done still open",
		"UK-2026-000002 resolution 1 business day allowed 8h actual 10h late 2h due 2026-04-01 16:00 BST done 2026-04-02 10:00 BST",
	}
	got = nil
	for _, m := range r.Missed {
		done := "still open"
		if m.Done != nil {
			done = m.Done.Format("2006-01-02 15:04 MST")
		}
		got = append(got, fmt.Sprintf("%s %s %s allowed %s actual %s late %s due %s done %s", m.Reference, m.Clock, m.Target,
			report.Hours(m.Allowed), report.Hours(m.Actual), report.Hours(m.Late), m.Due.Format("2006-01-02 15:04 MST"), done))
	}
	if strings.Join(got, "\n") != strings.Join(misses, "\n") {
		t.Errorf("missed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(misses, "\n"))
	}

	// gold.example missed SUP-3 and SUP-5: 2 × 10% of 500 EUR = 100 EUR,
	// capped at 15% = 75 EUR.
	if len(r.Credits) != 1 {
		t.Fatalf("credits: %+v", r.Credits)
	}
	if c := r.Credits[0]; c.Customer != "gold.example" || c.Tier != "gold" || c.MissedTickets != 2 ||
		c.PerTicket.String() != "50.00 EUR" || c.Total.String() != "75.00 EUR" || !c.Capped {
		t.Errorf("credit: %+v", c)
	}
}

func plan(tier string) string {
	if tier == "" {
		return "-"
	}
	return tier
}

func clockLine(f report.ClockFigures) string {
	m, p := "-", "-"
	if f.Stopped > 0 {
		m, p = report.Hours(f.Median), report.Hours(f.P90)
	}
	return fmt.Sprintf("%d/%d/%d %s %s", f.Met, f.Missed, f.Running, m, p)
}

// The month boundary is each mailbox's own: April's report has SUP-6
// alone, opened at 01:30 on 1 April in Paris (23:30 UTC on 31 March).
func TestMonthInCalendarZone(t *testing.T) {
	d := march(t)
	r, err := report.Build(d.ctx, d.gw, report.Options{Month: report.Month{Year: 2026, Month: time.April}, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 1 || r.Groups[0].Tickets != 1 || r.Groups[0].Mailbox != "support" {
		t.Fatalf("April: %+v", r.Groups)
	}
	// Its response (4h from 01:30, so from 09:00: due 13:00) runs late
	// at Tue 7 Apr 10:00: Wed 5h + Thu 9h + Fri 9h + Tue 1h = 24h.
	if len(r.Missed) != 2 || r.Missed[0].Reference != "SUP-2026-000006" || r.Missed[0].Late != 24*time.Hour {
		t.Errorf("April misses: %+v", r.Missed)
	}
	// February holds nothing: SUP-1 is March in Paris though February 28
	// in UTC.
	r, err = report.Build(d.ctx, d.gw, report.Options{Month: report.Month{Year: 2026, Month: time.February}, AsOf: asOf})
	if err != nil || len(r.Groups) != 0 {
		t.Errorf("February: %+v, %v", r, err)
	}
}

func TestFilters(t *testing.T) {
	d := march(t)
	count := func(o report.Options) int { return build(t, d, o).Totals.Tickets }
	for _, c := range []struct {
		o    report.Options
		want int
	}{
		{report.Options{Mailbox: "uk"}, 2},
		{report.Options{Tier: "gold"}, 2},
		{report.Options{Customer: "acme.example"}, 2},
		{report.Options{Customer: "@ACME.example"}, 2},
		{report.Options{Customer: "b@acme.example"}, 1},
		{report.Options{Customer: "b@acme"}, 0},
		{report.Options{Mailbox: "support", Tier: "gold", Customer: "c@gold.example"}, 1},
	} {
		if got := count(c.o); got != c.want {
			t.Errorf("%+v: %d tickets, want %d", c.o, got, c.want)
		}
	}
}

// A ticket still waiting on the customer at the report's instant: its
// clocks are judged as if it resumed then.
func TestWaitingAtReportTime(t *testing.T) {
	d := newDesk(t)
	// P3 Mon 2 Mar 10:00 CET: response due 14:00, resolution Wed 4 Mar
	// 10:00. #wait with a reply at 11:00 meets the response in 1h.
	ref := d.open(at(paris, "2026-03-02 10:00"), "support", "a@acme.example", "[P3] Export")
	d.act(at(paris, "2026-03-02 11:00"), ref, "wait", "Which version?")
	// P3 Mon 2 Mar 10:00 CET too, #wait without a reply at 10:30: both
	// clocks pause before any answer.
	silent := d.open(at(paris, "2026-03-02 10:00"), "support", "b@acme.example", "[P3] Import")
	d.act(at(paris, "2026-03-02 10:30"), silent, "wait", "")
	// Wed 4 Mar 12:00: the first has waited Mon 7h + Tue 9h + Wed 3h =
	// 19h, its resolution due moves to Wed 10:00 + 19h = Fri 6 Mar 11:00:
	// running. The second has waited 7h30 + 9h + 3h = 19h30; its response
	// (due 14:00, 3h30 left at 10:30) and resolution both run.
	r, err := report.Build(d.ctx, d.gw, report.Options{Month: report.Month{Year: 2026, Month: time.March}, AsOf: at(paris, "2026-03-04 12:00")})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 1 {
		t.Fatalf("groups: %+v", r.Groups)
	}
	g := r.Groups[0]
	if got, want := clockLine(g.Response)+" | "+clockLine(g.Resolution)+" | "+report.Hours(g.Paused), "1/0/1 1h 1h | 0/0/2 - - | 38h30m"; got != want {
		t.Errorf("waiting tickets: %s, want %s", got, want)
	}
	if len(r.Missed) != 0 {
		t.Errorf("missed: %+v", r.Missed)
	}
	// A day later the pause has gone on counting, so the second's
	// response is still not late: a clock never goes late while the
	// ticket waits on the customer.
	r, err = report.Build(d.ctx, d.gw, report.Options{Month: report.Month{Year: 2026, Month: time.March}, AsOf: at(paris, "2026-03-05 12:00")})
	if err != nil || r.Totals.Response.Running != 1 || len(r.Missed) != 0 {
		t.Errorf("a day later: %+v, %v", r.Totals.Response, err)
	}
}
