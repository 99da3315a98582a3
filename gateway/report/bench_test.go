package report_test

import (
	"fmt"
	"testing"
	"time"

	"ticketgate/gateway/report"
)

// BenchmarkMonth measures the report over a month of 2000 tickets beside
// its floor: reading the same tickets from the store and nothing more.
func BenchmarkMonth(b *testing.B) {
	d := newDesk(b)
	start := at(paris, "2026-03-02 09:00")
	const n = 2000
	for i := range n {
		// Spread over the month's weekdays and hours.
		when := start.Add(time.Duration(i%20)*24*time.Hour + time.Duration(i%9)*time.Hour)
		ref := d.open(when, "support", fmt.Sprintf("c%d@acme%d.example", i, i%7), fmt.Sprintf("[P%d] case %d", 1+i%3, i))
		if i%2 == 0 {
			d.act(when.Add(90*time.Minute), ref, "resolve", "Done.")
		}
	}
	from, to := at(paris, "2026-03-01 00:00"), at(paris, "2026-04-01 00:00")
	b.Run("floor-read", func(b *testing.B) {
		for b.Loop() {
			if ts, err := d.gw.TicketsOpened(d.ctx, from.Add(-24*time.Hour), to.Add(24*time.Hour)); err != nil || len(ts) != n {
				b.Fatal(len(ts), err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tickets/s")
	})
	b.Run("report", func(b *testing.B) {
		for b.Loop() {
			r, err := report.Build(d.ctx, d.gw, report.Options{Month: report.Month{Year: 2026, Month: time.March}, AsOf: asOf})
			if err != nil || r.Totals.Tickets != n {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tickets/s")
	})
}
