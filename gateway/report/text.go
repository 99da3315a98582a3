package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// MonthRule is the rule that puts a ticket in a month, stated in every
// rendering.
const MonthRule = "A ticket belongs to the month in which it was opened, in its mailbox calendar's time zone. " +
	"Times are business time on each target's own calendar, without the time paused waiting on the customer. " +
	"A clock still running past its due time counts as missed."

// Hours writes a business time for people: "45m", "3h", "27h05m".
func Hours(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}

const stamp = "2006-01-02 15:04 MST"

// Format is one form of the report: its renderer, its media type and the
// extension of a file holding it.
type Format struct {
	Write       func(io.Writer, *Report) error
	ContentType string
	Ext         string
}

// Formats are the report's forms by name.
var Formats = map[string]Format{
	"text": {WriteText, "text/plain; charset=utf-8", "txt"},
	"csv":  {WriteCSV, "text/csv; charset=utf-8", "csv"},
	"json": {WriteJSON, "application/json", "json"},
	"html": {WriteHTML, "text/html; charset=utf-8", "html"},
}

// WriteText writes the report as aligned plain text.
func WriteText(w io.Writer, r *Report) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "SLA compliance, %s (as of %s)\n", r.Month, r.AsOf.UTC().Format(stamp))
	if f := r.Filters.describe(); f != "" {
		fmt.Fprintf(ew, "Only %s.\n", f)
	}
	fmt.Fprintln(ew, MonthRule)
	for _, z := range r.Zones {
		fmt.Fprintf(ew, "Mailbox %s: calendar %s, %s.\n", z.Mailbox, z.Calendar, z.Location)
	}
	fmt.Fprintln(ew)
	if len(r.Groups) == 0 {
		fmt.Fprintln(ew, "No tickets were opened this month.")
		return ew.err
	}
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MAILBOX\tPRIORITY\tPLAN\tTICKETS\tRESPONSE met/missed/running\tmedian\tp90\tRESOLUTION met/missed/running\tmedian\tp90\tPAUSED")
	row := func(mailbox, prio, plan string, g Group) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", mailbox, prio, plan, g.Tickets,
			counts(g.Response), median(g.Response), p90(g.Response),
			counts(g.Resolution), median(g.Resolution), p90(g.Resolution), Hours(g.Paused))
	}
	for _, g := range r.Groups {
		row(g.Mailbox, g.PriorityLabel, planName(g.Tier), g)
	}
	row("all", "", "", r.Totals)
	tw.Flush()

	fmt.Fprintln(ew)
	if len(r.Missed) == 0 {
		fmt.Fprintln(ew, "No target was missed.")
	} else {
		fmt.Fprintf(ew, "Missed targets (%d):\n", len(r.Missed))
		tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "REFERENCE\tCLOCK\tPRIORITY\tPLAN\tCUSTOMER\tTARGET\tDUE\tDONE\tACTUAL\tLATE BY")
		for _, m := range r.Missed {
			done := "still open"
			if m.Done != nil {
				done = m.Done.Format(stamp)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.Reference, m.Clock, m.Priority, planName(m.Tier),
				oneLine(m.Customer), m.Target, m.Due.Format(stamp), done, Hours(m.Actual), Hours(m.Late))
		}
		tw.Flush()
	}
	if len(r.Credits) > 0 {
		fmt.Fprintln(ew)
		fmt.Fprintln(ew, "Credits owed (one per ticket with a missed target, at most the plan's cap):")
		tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CUSTOMER\tPLAN\tMISSED TICKETS\tPER TICKET\tTOTAL")
		for _, c := range r.Credits {
			capped := ""
			if c.Capped {
				capped = " (capped)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s%s\n", oneLine(c.Customer), c.Tier, c.MissedTickets, c.PerTicket, c.Total, capped)
		}
		tw.Flush()
	}
	return ew.err
}

func counts(f ClockFigures) string {
	if f.Met+f.Missed+f.Running == 0 {
		return "no target"
	}
	return fmt.Sprintf("%d/%d/%d", f.Met, f.Missed, f.Running)
}

func median(f ClockFigures) string {
	if f.Stopped == 0 {
		return "-"
	}
	return Hours(f.Median)
}

func p90(f ClockFigures) string {
	if f.Stopped == 0 {
		return "-"
	}
	return Hours(f.P90)
}

func planName(tier string) string {
	if tier == "" {
		return "-"
	}
	return tier
}

// oneLine keeps a customer-controlled value on its line: a newline or a
// tab in it would forge rows.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

func (f Filters) describe() string {
	var parts []string
	if f.Mailbox != "" {
		parts = append(parts, "mailbox "+f.Mailbox)
	}
	if f.Tier != "" {
		parts = append(parts, "plan "+f.Tier)
	}
	if f.Customer != "" {
		parts = append(parts, "customer "+f.Customer)
	}
	return strings.Join(parts, ", ")
}

// errWriter keeps the first write error so a renderer checks once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
