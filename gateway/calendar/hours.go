package calendar

import (
	"fmt"
	"strings"
	"time"
)

// ParseHours reads a day's opening hours: "09:00-18:00",
// "09:00-12:00,14:00-18:00", "24h", or "closed" (also "").
func ParseHours(s string) ([]Range, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "", "closed", "ferme", "fermé":
		return nil, nil
	case "24h", "00:00-24:00":
		return []Range{{0, 24 * time.Hour}}, nil
	}
	var out []Range
	for _, part := range strings.Split(s, ",") {
		a, b, ok := strings.Cut(strings.TrimSpace(part), "-")
		if !ok {
			return nil, fmt.Errorf("opening hours %q: want HH:MM-HH:MM, several separated by commas, 24h or closed", s)
		}
		start, err := ParseClock(a)
		if err != nil {
			return nil, fmt.Errorf("opening hours %q: %w", s, err)
		}
		end, err := ParseClock(b)
		if err != nil {
			return nil, fmt.Errorf("opening hours %q: %w", s, err)
		}
		if end <= start {
			return nil, fmt.Errorf("opening hours %q: %s does not end after it starts", s, part)
		}
		out = append(out, Range{start, end})
	}
	return out, nil
}

// ParseClock reads "HH:MM" (00:00 to 24:00) as an offset from midnight.
func ParseClock(s string) (time.Duration, error) {
	var h, m int
	if n, err := fmt.Sscanf(strings.TrimSpace(s), "%d:%d", &h, &m); err != nil || n != 2 || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("%q is not a time of day (HH:MM)", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}
