package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// csvHeader is one table for every row, RFC 4180 (the same fields on
// each line): the first column says what a row is ("group", "total",
// "missed", "credit") so a spreadsheet filters on it, and a row leaves
// empty what its section has not. Times are minutes of business time.
var csvHeader = []string{"section", "month", "mailbox", "priority", "plan", "tickets",
	"response_met", "response_missed", "response_running", "response_median_min", "response_p90_min",
	"resolution_met", "resolution_missed", "resolution_running", "resolution_median_min", "resolution_p90_min",
	"paused_min", "reference", "customer", "subject", "clock", "target", "due", "done", "actual_min", "late_min",
	"missed_tickets", "credit_per_ticket", "credit_total", "currency", "capped"}

// WriteCSV writes the report as one CSV table with a header row.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180 §2
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	month := r.Month.String()
	row := func(set map[string]string) error {
		rec := make([]string, len(csvHeader))
		for i, h := range csvHeader {
			rec[i] = set[h]
		}
		rec[0], rec[1] = set["section"], month
		return cw.Write(rec)
	}
	group := func(section string, g Group) error {
		set := map[string]string{"section": section, "mailbox": g.Mailbox, "plan": g.Tier, "tickets": strconv.Itoa(g.Tickets),
			"paused_min": minutes(g.Paused)}
		if g.Priority != 0 {
			set["priority"] = g.Priority.String()
		}
		for _, c := range []struct {
			name string
			f    ClockFigures
		}{{Response, g.Response}, {Resolution, g.Resolution}} {
			set[c.name+"_met"], set[c.name+"_missed"], set[c.name+"_running"] = strconv.Itoa(c.f.Met), strconv.Itoa(c.f.Missed), strconv.Itoa(c.f.Running)
			if c.f.Stopped > 0 {
				set[c.name+"_median_min"], set[c.name+"_p90_min"] = minutes(c.f.Median), minutes(c.f.P90)
			}
		}
		return row(set)
	}
	for _, g := range r.Groups {
		if err := group("group", g); err != nil {
			return err
		}
	}
	if err := group("total", r.Totals); err != nil {
		return err
	}
	for _, m := range r.Missed {
		set := map[string]string{"section": "missed", "mailbox": m.Mailbox, "priority": m.Priority.String(), "plan": m.Tier,
			"reference": m.Reference, "customer": cell(m.Customer), "subject": cell(m.Subject), "clock": m.Clock,
			"target": m.Target, "due": m.Due.Format(time.RFC3339), "actual_min": minutes(m.Actual), "late_min": minutes(m.Late)}
		if m.Done != nil {
			set["done"] = m.Done.Format(time.RFC3339)
		}
		if err := row(set); err != nil {
			return err
		}
	}
	for _, c := range r.Credits {
		set := map[string]string{"section": "credit", "plan": c.Tier, "customer": cell(c.Customer),
			"missed_tickets": strconv.Itoa(c.MissedTickets), "credit_per_ticket": decimal(c.PerTicket),
			"credit_total": decimal(c.Total), "currency": c.Total.Currency, "capped": strconv.FormatBool(c.Capped)}
		if err := row(set); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell defuses a customer-written value: a spreadsheet runs a cell that
// starts with = + - @ (or a tab or carriage return before one) as a
// formula, so such a cell starts with a quote mark instead.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// minutes writes business time in minutes, with decimals only when
// needed.
func minutes(d time.Duration) string {
	return strconv.FormatFloat(d.Minutes(), 'f', -1, 64)
}

func decimal(a Amount) string {
	s := a.String()
	if a.Currency != "" {
		s = strings.TrimSuffix(s, " "+a.Currency)
	}
	return s
}
