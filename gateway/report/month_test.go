package report_test

import (
	"testing"
	"time"

	"ticketgate/gateway/report"
)

func TestMonthBeforeAndParseMonth(t *testing.T) {
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC), "2026-11"},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), "2026-12"},
		{time.Date(2026, 3, 31, 23, 59, 0, 0, time.UTC), "2026-02"},
	} {
		if got := report.MonthBefore(c.at).String(); got != c.want {
			t.Errorf("MonthBefore(%v) = %s, want %s", c.at, got, c.want)
		}
	}
	if m, err := report.ParseMonth(" 2026-10 "); err != nil || m != (report.Month{Year: 2026, Month: time.October}) {
		t.Errorf("ParseMonth: %v %v", m, err)
	}
	if _, err := report.ParseMonth("10-2026"); err == nil {
		t.Error("ParseMonth accepted 10-2026")
	}
}
