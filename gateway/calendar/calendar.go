// Package calendar does business-time arithmetic: when a support desk is
// open, and what "4 business hours" or "2 business days" after an instant
// is, in a time zone, with weekly hours, public holidays and closed dates.
//
// Semantics (the ones the SLA promises are written in):
//   - N business minutes or hours: N of open time counted from t, or from
//     the next opening when t is outside hours.
//   - N business days: the same clock time on the Nth following business day,
//     counted from t, or from the next opening when t is outside hours. A
//     week is 5 business days. With a cut-off time, a start at or after the
//     cut-off counts from the next business day's opening.
//   - Every wall-clock boundary is resolved in the calendar's zone on its
//     own day, so DST changes shorten or lengthen the day, never shift the
//     hours.
//
// A leaf package: it imports nothing of ticketgate.
package calendar

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
)

// Range is an opening range within a day, as offsets from midnight. End may
// be 24h (open until midnight).
type Range struct {
	Start, End time.Duration
}

// Calendar is a business calendar. It is immutable and safe for concurrent
// use.
type Calendar struct {
	name     string
	loc      *time.Location
	week     [7][]Range // by time.Weekday
	holidays []*cal.Holiday
	country  string
	closed   map[civil]bool
	cutoff   time.Duration // 0: none
	always   bool
}

// civil is a calendar date without a zone.
type civil struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, m, d}
}

// Config describes a calendar.
type Config struct {
	Name     string
	TimeZone string // IANA name, e.g. Europe/Paris
	// Hours by weekday (time.Sunday = 0). An empty slice is a closed day.
	Hours [7][]Range
	// Holidays is a country code (FR, GB, CA, ...) whose public holidays
	// close the desk; empty for none.
	Holidays string
	// Closed lists extra closed dates.
	Closed []time.Time
	// Cutoff is the daily cut-off time for business-day targets, 0 for none.
	Cutoff time.Duration
	// AlwaysOpen makes a 24/7 calendar; hours and holidays are ignored.
	AlwaysOpen bool
}

// ErrNeverOpen is returned for a calendar without a single open hour.
var ErrNeverOpen = errors.New("calendar is never open")

// New builds a calendar.
func New(c Config) (*Calendar, error) {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("calendar %s: time zone %q: %w", c.Name, c.TimeZone, err)
	}
	cl := &Calendar{name: c.Name, loc: loc, closed: map[civil]bool{}, cutoff: c.Cutoff, always: c.AlwaysOpen}
	if c.AlwaysOpen {
		return cl, nil
	}
	open := false
	for d, rs := range c.Hours {
		rs = append([]Range(nil), rs...)
		sort.Slice(rs, func(i, j int) bool { return rs[i].Start < rs[j].Start })
		for i, r := range rs {
			if r.Start < 0 || r.End > 24*time.Hour || r.Start >= r.End {
				return nil, fmt.Errorf("calendar %s: %s: range %s is empty or outside the day", c.Name, time.Weekday(d), r)
			}
			if i > 0 && r.Start < rs[i-1].End {
				return nil, fmt.Errorf("calendar %s: %s: ranges %s and %s overlap", c.Name, time.Weekday(d), rs[i-1], r)
			}
			open = true
		}
		cl.week[d] = rs
	}
	if !open {
		return nil, fmt.Errorf("calendar %s: %w", c.Name, ErrNeverOpen)
	}
	if c.Holidays != "" {
		hs, ok := holidaySets[strings.ToUpper(c.Holidays)]
		if !ok {
			return nil, fmt.Errorf("calendar %s: no public holidays known for %q (known: %s)", c.Name, c.Holidays, strings.Join(Countries(), ", "))
		}
		cl.holidays, cl.country = hs, strings.ToUpper(c.Holidays)
	}
	for _, d := range c.Closed {
		cl.closed[dateOf(d)] = true
	}
	return cl, nil
}

// AlwaysOpen returns a 24/7 calendar in loc.
func AlwaysOpen(name string, loc *time.Location) *Calendar {
	return &Calendar{name: name, loc: loc, always: true, closed: map[civil]bool{}}
}

// Name is the calendar's name.
func (c *Calendar) Name() string { return c.name }

// AllHours reports a 24/7 calendar: its time is plain time, not business
// time.
func (c *Calendar) AllHours() bool { return c.always }

// Location is the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// String describes the calendar for people: "paris (Europe/Paris, FR holidays)".
func (c *Calendar) String() string {
	if c.always {
		return fmt.Sprintf("%s (24/7, %s)", c.name, c.loc)
	}
	s := fmt.Sprintf("%s (%s", c.name, c.loc)
	if c.country != "" {
		s += ", " + c.country + " holidays"
	}
	return s + ")"
}

func (r Range) String() string {
	f := func(d time.Duration) string { return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60) }
	return f(r.Start) + "-" + f(r.End)
}

// Closed reports whether the whole local day of t is closed: a holiday,
// an extra closed date, or a day without hours.
func (c *Calendar) Closed(t time.Time) bool {
	return !c.always && len(c.intervals(dateOf(t.In(c.loc)))) == 0
}

// HolidayName names the public holiday on t's local day, if any.
func (c *Calendar) HolidayName(t time.Time) string {
	if h := c.holiday(dateOf(t.In(c.loc))); h != nil {
		return h.Name
	}
	return ""
}

func (c *Calendar) holiday(d civil) *cal.Holiday {
	if len(c.holidays) == 0 {
		return nil
	}
	day := time.Date(d.y, d.m, d.d, 12, 0, 0, 0, c.loc)
	for _, h := range c.holidays {
		for _, y := range []int{d.y - 1, d.y, d.y + 1} { // observed days can cross a year end
			act, obs := h.Calc(y)
			if sameDay(act, day) || sameDay(obs, day) {
				return h
			}
		}
	}
	return nil
}

func sameDay(a, b time.Time) bool {
	if a.IsZero() {
		return false
	}
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// interval is an open period in absolute time.
type interval struct{ start, end time.Time }

// intervals returns the open periods of a local day.
func (c *Calendar) intervals(d civil) []interval {
	if c.always {
		return []interval{{c.at(d, 0), c.at(d, 24*time.Hour)}}
	}
	if c.closed[d] || c.holiday(d) != nil {
		return nil
	}
	wd := time.Date(d.y, d.m, d.d, 12, 0, 0, 0, time.UTC).Weekday()
	out := make([]interval, 0, len(c.week[wd]))
	for _, r := range c.week[wd] {
		out = append(out, interval{c.at(d, r.Start), c.at(d, r.End)})
	}
	return out
}

// at is the instant of a wall-clock reading on a local day: 09:00 is 09:00
// on a DST day too; 24:00 is the next midnight.
func (c *Calendar) at(d civil, off time.Duration) time.Time {
	if off >= 24*time.Hour {
		n := next(d)
		return time.Date(n.y, n.m, n.d, 0, 0, 0, 0, c.loc)
	}
	h, m, s := int(off/time.Hour), int(off%time.Hour/time.Minute), int(off%time.Minute/time.Second)
	return time.Date(d.y, d.m, d.d, h, m, s, int(off%time.Second), c.loc)
}

func next(d civil) civil {
	t := time.Date(d.y, d.m, d.d+1, 12, 0, 0, 0, time.UTC)
	return dateOf(t)
}

// searchDays bounds every search: ten years of closed days means a broken
// calendar, not a long holiday.
const searchDays = 3660

// IsOpen reports whether the desk is open at t.
func (c *Calendar) IsOpen(t time.Time) bool {
	if c.always {
		return true
	}
	for _, iv := range c.intervals(dateOf(t.In(c.loc))) {
		if !t.Before(iv.start) && t.Before(iv.end) {
			return true
		}
	}
	return false
}

// NextOpen returns t when open, else the next opening.
func (c *Calendar) NextOpen(t time.Time) time.Time {
	if c.always {
		return t
	}
	d := dateOf(t.In(c.loc))
	for i := 0; i < searchDays; i++ {
		for _, iv := range c.intervals(d) {
			if t.Before(iv.end) {
				if t.Before(iv.start) {
					return iv.start
				}
				return t
			}
		}
		d = next(d)
	}
	return t
}

// Add returns the instant after d of open time counted from t (from the
// next opening when t is outside hours). A target that ends exactly at a
// closing time is that closing time.
func (c *Calendar) Add(t time.Time, d time.Duration) time.Time {
	if c.always {
		return t.Add(d)
	}
	cur := c.NextOpen(t)
	if d <= 0 {
		return cur
	}
	day := dateOf(cur.In(c.loc))
	for i := 0; i < searchDays; i++ {
		for _, iv := range c.intervals(day) {
			if !cur.Before(iv.end) {
				continue
			}
			s := iv.start
			if cur.After(s) {
				s = cur
			}
			if avail := iv.end.Sub(s); d <= avail {
				return s.Add(d)
			} else {
				d -= avail
			}
		}
		day = next(day)
	}
	return cur
}

// AddDays returns the same clock time on the nth following business day,
// counted from t or from the next opening when t is outside hours (or at
// or after the cut-off). n = 0 is the start itself.
func (c *Calendar) AddDays(t time.Time, n int) time.Time {
	start := c.NextOpen(t)
	local := start.In(c.loc)
	if c.cutoff > 0 && !c.always && sinceMidnight(local) >= c.cutoff {
		start = c.NextOpen(c.at(next(dateOf(local)), 0))
		local = start.In(c.loc)
	}
	if n <= 0 {
		return start
	}
	tod := sinceMidnight(local)
	day := dateOf(local)
	for i := 0; i < searchDays && n > 0; i++ {
		day = next(day)
		if c.always || len(c.intervals(day)) > 0 {
			n--
		}
	}
	return c.clampToDay(day, tod)
}

// clampToDay is the wall-clock reading tod on day, moved into the day's open
// hours when the day is shorter (a half day).
func (c *Calendar) clampToDay(day civil, tod time.Duration) time.Time {
	t := c.at(day, tod)
	if c.always {
		return t
	}
	ivs := c.intervals(day)
	for _, iv := range ivs {
		if t.Before(iv.start) {
			return iv.start
		}
		if t.Before(iv.end) {
			return t
		}
	}
	return ivs[len(ivs)-1].end
}

// sinceMidnight is the wall-clock reading of t as a duration.
func sinceMidnight(t time.Time) time.Duration {
	h, m, s := t.Clock()
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second + time.Duration(t.Nanosecond())
}

// Between returns the open time between a and b (0 when b is not after a).
func (c *Calendar) Between(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	if c.always {
		return b.Sub(a)
	}
	var total time.Duration
	day := dateOf(a.In(c.loc))
	for i := 0; i < searchDays*10; i++ {
		for _, iv := range c.intervals(day) {
			s, e := iv.start, iv.end
			if s.Before(a) {
				s = a
			}
			if e.After(b) {
				e = b
			}
			if e.After(s) {
				total += e.Sub(s)
			}
		}
		if !c.at(day, 24*time.Hour).Before(b) {
			break
		}
		day = next(day)
	}
	return total
}
