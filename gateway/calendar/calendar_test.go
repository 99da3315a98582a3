package calendar

import (
	"testing"
	"time"
)

func mustCal(t *testing.T, c Config) *Calendar {
	t.Helper()
	cl, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

func weekdays(hours string) [7][]Range {
	var w [7][]Range
	rs, err := ParseHours(hours)
	if err != nil {
		panic(err)
	}
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = rs
	}
	return w
}

func paris(t *testing.T) *Calendar {
	return mustCal(t, Config{Name: "paris", TimeZone: "Europe/Paris", Hours: weekdays("09:00-18:00"), Holidays: "FR"})
}

func london(t *testing.T) *Calendar {
	return mustCal(t, Config{Name: "london", TimeZone: "Europe/London", Hours: weekdays("09:00-17:00"), Holidays: "GB"})
}

// at parses a local time in the calendar's zone.
func at(t *testing.T, c *Calendar, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, c.Location())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestIsOpenAndNextOpen(t *testing.T) {
	c := paris(t)
	tests := []struct {
		at   string
		open bool
		next string
	}{
		{"2026-11-20 16:00", true, "2026-11-20 16:00"},  // Friday afternoon
		{"2026-11-20 18:00", false, "2026-11-23 09:00"}, // closing time is closed
		{"2026-11-20 08:59", false, "2026-11-20 09:00"},
		{"2026-11-21 11:00", false, "2026-11-23 09:00"}, // Saturday
		{"2026-11-10 19:00", false, "2026-11-12 09:00"}, // the evening before Armistice Day
		{"2026-12-24 20:00", false, "2026-12-28 09:00"}, // Christmas on Friday, then a weekend
		{"2026-12-31 18:30", false, "2027-01-04 09:00"}, // New Year on Friday
		{"2026-05-13 18:00", false, "2026-05-15 09:00"}, // Ascension Thursday
		{"2026-07-14 10:00", false, "2026-07-15 09:00"}, // Bastille Day
	}
	for _, tt := range tests {
		tm := at(t, c, tt.at)
		if got := c.IsOpen(tm); got != tt.open {
			t.Errorf("IsOpen(%s) = %v", tt.at, got)
		}
		if got, want := c.NextOpen(tm), at(t, c, tt.next); !got.Equal(want) {
			t.Errorf("NextOpen(%s) = %s, want %s", tt.at, got.In(c.Location()), want)
		}
	}
	if c.HolidayName(at(t, c, "2026-11-11 12:00")) != "Armistice de 1918" || !c.Closed(at(t, c, "2026-11-11 12:00")) {
		t.Error("Armistice Day is not a closed holiday")
	}
}

func TestAdd(t *testing.T) {
	c := paris(t)
	tests := []struct {
		name, from string
		d          time.Duration
		want       string
	}{
		{"within the day", "2026-11-20 10:00", 4 * time.Hour, "2026-11-20 14:00"},
		{"ends at closing", "2026-11-20 14:00", 4 * time.Hour, "2026-11-20 18:00"},
		{"over the weekend", "2026-11-20 16:00", 4 * time.Hour, "2026-11-23 11:00"},
		{"outside hours counts from the opening", "2026-11-21 03:00", time.Hour, "2026-11-23 10:00"},
		{"Friday 16:55 plus 1h", "2026-11-20 16:55", time.Hour, "2026-11-20 17:55"},
		{"Friday 17:30 plus 1h", "2026-11-20 17:30", time.Hour, "2026-11-23 09:30"},
		{"over a holiday", "2026-11-10 17:00", 2 * time.Hour, "2026-11-12 10:00"},
		{"minutes", "2026-11-20 17:50", 15 * time.Minute, "2026-11-23 09:05"},
		{"Christmas to New Year", "2026-12-24 17:00", 9 * time.Hour, "2026-12-28 17:00"},
		{"a week of hours over New Year", "2026-12-28 09:00", 45 * time.Hour, "2027-01-04 18:00"},
		{"zero is the next opening", "2026-11-21 10:00", 0, "2026-11-23 09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := c.Add(at(t, c, tt.from), tt.d), at(t, c, tt.want)
			if !got.Equal(want) {
				t.Errorf("Add(%s, %s) = %s, want %s", tt.from, tt.d, got.In(c.Location()).Format("Mon 2006-01-02 15:04"), tt.want)
			}
		})
	}
}

func TestAddDays(t *testing.T) {
	c := paris(t)
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-11-20 16:00", 1, "2026-11-23 16:00"}, // Friday → Monday
		{"2026-11-20 16:00", 5, "2026-11-27 16:00"}, // a week
		{"2026-11-20 19:00", 1, "2026-11-24 09:00"}, // outside hours: from Monday's opening
		{"2026-11-10 11:00", 1, "2026-11-12 11:00"}, // over Armistice Day
		{"2026-12-23 10:00", 2, "2026-12-28 10:00"}, // over Christmas
		{"2026-12-31 10:00", 1, "2027-01-04 10:00"}, // over New Year
		{"2026-05-13 15:00", 1, "2026-05-15 15:00"}, // over Ascension
		{"2026-11-22 10:00", 0, "2026-11-23 09:00"},
	}
	for _, tt := range tests {
		got, want := c.AddDays(at(t, c, tt.from), tt.n), at(t, c, tt.want)
		if !got.Equal(want) {
			t.Errorf("AddDays(%s, %d) = %s, want %s", tt.from, tt.n, got.In(c.Location()).Format("Mon 2006-01-02 15:04"), tt.want)
		}
	}
}

func TestLondonChristmas(t *testing.T) {
	c := london(t)
	// Boxing Day 2026 is a Saturday: the bank holiday is Monday 28.
	if got, want := c.Add(at(t, c, "2026-12-24 16:00"), 2*time.Hour), at(t, c, "2026-12-29 10:00"); !got.Equal(want) {
		t.Errorf("the day before Christmas + 2h = %s, want %s", got.In(c.Location()), want)
	}
	if got, want := c.AddDays(at(t, c, "2026-12-24 11:00"), 1), at(t, c, "2026-12-29 11:00"); !got.Equal(want) {
		t.Errorf("the day before Christmas + 1 day = %s, want %s", got.In(c.Location()), want)
	}
}

func TestCutoff(t *testing.T) {
	c := mustCal(t, Config{Name: "telecom", TimeZone: "Europe/Paris", Hours: weekdays("08:00-18:00"), Holidays: "FR", Cutoff: 16 * time.Hour})
	if got, want := c.AddDays(at(t, c, "2026-11-19 15:59"), 1), at(t, c, "2026-11-20 15:59"); !got.Equal(want) {
		t.Errorf("before the cut-off: %s, want %s", got.In(c.Location()), want)
	}
	if got, want := c.AddDays(at(t, c, "2026-11-19 16:00"), 1), at(t, c, "2026-11-23 08:00"); !got.Equal(want) {
		t.Errorf("at the cut-off: %s, want %s", got.In(c.Location()), want)
	}
}

func TestDST(t *testing.T) {
	var all [7][]Range
	for d := range all {
		all[d] = []Range{{0, 24 * time.Hour}}
	}
	c := mustCal(t, Config{Name: "every day", TimeZone: "Europe/Paris", Hours: all})
	// Sunday 29 March 2026 has 23 hours in Paris.
	if got, want := c.Add(at(t, c, "2026-03-28 12:00"), 24*time.Hour), at(t, c, "2026-03-29 13:00"); !got.Equal(want) {
		t.Errorf("spring forward: %s, want %s", got.In(c.Location()), want)
	}
	if got := c.Between(at(t, c, "2026-03-29 00:00"), at(t, c, "2026-03-30 00:00")); got != 23*time.Hour {
		t.Errorf("spring-forward day has %s", got)
	}
	// Sunday 25 October 2026 has 25.
	if got := c.Between(at(t, c, "2026-10-25 00:00"), at(t, c, "2026-10-26 00:00")); got != 25*time.Hour {
		t.Errorf("fall-back day has %s", got)
	}
	// Business hours stay on the wall clock: 09:00 is 09:00 both sides.
	p := paris(t)
	if got, want := p.Add(at(t, p, "2026-03-27 17:00"), 2*time.Hour), at(t, p, "2026-03-30 10:00"); !got.Equal(want) {
		t.Errorf("over the DST weekend: %s, want %s", got.In(p.Location()), want)
	}
	// 24/7: real hours.
	a := AlwaysOpen("247", p.Location())
	if got, want := a.Add(at(t, a, "2026-03-29 01:30"), time.Hour), at(t, a, "2026-03-29 03:30"); !got.Equal(want) {
		t.Errorf("24/7 over the gap: %s, want %s", got.In(a.Location()), want)
	}
}

func TestBetween(t *testing.T) {
	c := paris(t)
	tests := []struct {
		a, b string
		want time.Duration
	}{
		{"2026-11-20 16:00", "2026-11-23 11:00", 4 * time.Hour},
		{"2026-11-21 10:00", "2026-11-22 10:00", 0},
		{"2026-11-10 12:00", "2026-11-12 12:00", 9 * time.Hour}, // Armistice Day in between
		{"2026-11-23 11:00", "2026-11-20 16:00", 0},
	}
	for _, tt := range tests {
		if got := c.Between(at(t, c, tt.a), at(t, c, tt.b)); got != tt.want {
			t.Errorf("Between(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
	// Add and Between agree.
	from := at(t, c, "2026-12-22 15:20")
	for _, d := range []time.Duration{time.Minute, 3 * time.Hour, 20 * time.Hour, 100 * time.Hour} {
		if got := c.Between(from, c.Add(from, d)); got != d {
			t.Errorf("Between(t, Add(t, %s)) = %s", d, got)
		}
	}
}

func TestSplitDayAndHalfDay(t *testing.T) {
	var w [7][]Range
	full, _ := ParseHours("09:00-12:00,14:00-18:00")
	half, _ := ParseHours("09:00-12:00")
	for d := time.Monday; d <= time.Thursday; d++ {
		w[d] = full
	}
	w[time.Friday] = half
	c := mustCal(t, Config{Name: "split", TimeZone: "America/Toronto", Hours: w, Holidays: "CA"})
	if got, want := c.Add(at(t, c, "2026-11-19 11:00"), 2*time.Hour), at(t, c, "2026-11-19 15:00"); !got.Equal(want) {
		t.Errorf("over lunch: %s, want %s", got.In(c.Location()), want)
	}
	if got, want := c.AddDays(at(t, c, "2026-11-19 16:00"), 1), at(t, c, "2026-11-20 12:00"); !got.Equal(want) {
		t.Errorf("to a half day: %s, want %s", got.In(c.Location()), want)
	}
	if c.IsOpen(at(t, c, "2026-11-19 13:00")) {
		t.Error("open at lunch")
	}
}

func TestConfigErrors(t *testing.T) {
	if _, err := New(Config{Name: "x", TimeZone: "Mars/Olympus"}); err == nil {
		t.Error("unknown zone accepted")
	}
	if _, err := New(Config{Name: "x", TimeZone: "UTC"}); err == nil {
		t.Error("calendar without hours accepted")
	}
	if _, err := New(Config{Name: "x", TimeZone: "UTC", Hours: weekdays("09:00-17:00"), Holidays: "XX"}); err == nil {
		t.Error("unknown holiday country accepted")
	}
	for _, bad := range []string{"9-5", "18:00-09:00", "09:00-25:00", "09:00"} {
		if _, err := ParseHours(bad); err == nil {
			t.Errorf("ParseHours(%q) accepted", bad)
		}
	}
}
