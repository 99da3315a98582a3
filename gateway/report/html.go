package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
)

//go:embed html/report.html
var htmlFiles embed.FS

// page is parsed once; html/template escapes every value by its context,
// so a subject or an address can never become markup.
var page = template.Must(template.ParseFS(htmlFiles, "html/report.html"))

// WriteHTML writes the report as one self-contained page: inline CSS,
// inline SVG charts, no script. The web admin calls it as the command
// line does.
func WriteHTML(w io.Writer, r *Report) error {
	return page.Execute(w, htmlView(r))
}

type htmlPage struct {
	Month, AsOf, Rule, Filters string
	Zones                      []Zone
	Chart                      chart
	Groups                     []Group
	Rows                       []htmlRow
	Missed                     []htmlMiss
	Credits                    []Credit
}

type htmlRow struct {
	Total                   bool
	Mailbox, Priority, Plan string
	Tickets                 int
	Response, Resolution    htmlClock
	Paused                  string
}

type htmlClock struct {
	Met, Missed, Running int
	Median, P90          string
}

type htmlMiss struct {
	Reference, Clock, Priority, Plan, Customer, Subject, Target, Due, Done, Actual, Late string
}

// chart is a bar per group and clock: met, missed and running side by
// side in one bar of fixed width.
type chart struct {
	Width, Height int
	Bars          []bar
}

type bar struct {
	Label, Counts string
	TextY, CountX int
	Segments      []segment
}

type segment struct {
	X, Y, W     int
	Fill, Title string
}

const (
	barLabel = 300 // room for "support P2 high gold — resolution"
	barWidth = 420
	barRow   = 22
)

func htmlView(r *Report) htmlPage {
	p := htmlPage{Month: r.Month.String(), AsOf: r.AsOf.UTC().Format(stamp), Rule: MonthRule,
		Filters: r.Filters.describe(), Zones: r.Zones, Groups: r.Groups, Credits: r.Credits}
	clockOf := func(f ClockFigures) htmlClock {
		return htmlClock{Met: f.Met, Missed: f.Missed, Running: f.Running, Median: median(f), P90: p90(f)}
	}
	for _, g := range r.Groups {
		p.Rows = append(p.Rows, htmlRow{Mailbox: g.Mailbox, Priority: g.PriorityLabel, Plan: planName(g.Tier), Tickets: g.Tickets,
			Response: clockOf(g.Response), Resolution: clockOf(g.Resolution), Paused: Hours(g.Paused)})
		for _, c := range []struct {
			name string
			f    ClockFigures
		}{{Response, g.Response}, {Resolution, g.Resolution}} {
			if c.f.Met+c.f.Missed+c.f.Running == 0 {
				continue
			}
			plan := "no plan"
			if g.Tier != "" {
				plan = "plan " + g.Tier
			}
			label := fmt.Sprintf("%s %s, %s — %s", g.Mailbox, g.PriorityLabel, plan, c.name)
			p.Chart.Bars = append(p.Chart.Bars, newBar(len(p.Chart.Bars), label, c.f))
		}
	}
	t := r.Totals
	p.Rows = append(p.Rows, htmlRow{Total: true, Mailbox: "all", Tickets: t.Tickets,
		Response: clockOf(t.Response), Resolution: clockOf(t.Resolution), Paused: Hours(t.Paused)})
	p.Chart.Width, p.Chart.Height = barLabel+barWidth+90, len(p.Chart.Bars)*barRow+4
	for _, m := range r.Missed {
		done := "still open"
		if m.Done != nil {
			done = m.Done.Format(stamp)
		}
		p.Missed = append(p.Missed, htmlMiss{Reference: m.Reference, Clock: m.Clock, Priority: m.Priority.String(),
			Plan: planName(m.Tier), Customer: m.Customer, Subject: m.Subject, Target: m.Target,
			Due: m.Due.Format(stamp), Done: done, Actual: Hours(m.Actual), Late: Hours(m.Late)})
	}
	return p
}

func newBar(i int, label string, f ClockFigures) bar {
	y := i*barRow + 2
	b := bar{Label: label, TextY: y + 12, CountX: barLabel + barWidth + 8,
		Counts: fmt.Sprintf("%d/%d/%d", f.Met, f.Missed, f.Running)}
	total := f.Met + f.Missed + f.Running
	x := barLabel
	for _, s := range []struct {
		n          int
		fill, name string
	}{{f.Met, "#2e8540", "met"}, {f.Missed, "#c9302c", "missed"}, {f.Running, "#a0a8b5", "still running"}} {
		if s.n == 0 {
			continue
		}
		w := s.n * barWidth / total
		b.Segments = append(b.Segments, segment{X: x, Y: y, W: w, Fill: s.fill, Title: fmt.Sprintf("%d %s", s.n, s.name)})
		x += w
	}
	// Rounding down leaves the last segment short: it ends the bar.
	if n := len(b.Segments); n > 0 {
		b.Segments[n-1].W += barLabel + barWidth - x
	}
	return b
}
