package report_test

import (
	"errors"
	"testing"

	"ticketgate/gateway/report"
)

func TestParseAmount(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"500", "500.00"}, {"49.9", "49.90"}, {"49.90 EUR", "49.90 EUR"}, {"EUR 12", "12.00 EUR"}, {" 0.05 GBP ", "0.05 GBP"},
	} {
		a, err := report.ParseAmount(c.in)
		if err != nil || a.String() != c.want {
			t.Errorf("ParseAmount(%q) = %v, %v; want %s", c.in, a, err, c.want)
		}
	}
	for _, in := range []string{"", "-5", "+5", "5.123", "5,00", "5 euros", "1e3", "EUR", "5 EUR EUR", "99999999999999"} {
		if _, err := report.ParseAmount(in); !errors.Is(err, report.ErrAmount) {
			t.Errorf("ParseAmount(%q): %v, want ErrAmount", in, err)
		}
	}
}

func TestParseRate(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"10%", "10%"}, {"12.5%", "12.50%"}, {"100%", "100%"}, {"50 EUR", "50.00 EUR"},
	} {
		r, err := report.ParseRate(c.in)
		if err != nil || r.String() != c.want {
			t.Errorf("ParseRate(%q) = %v, %v; want %s", c.in, r, err, c.want)
		}
	}
	for _, in := range []string{"101%", "-1%", "%", "ten percent"} {
		if _, err := report.ParseRate(in); !errors.Is(err, report.ErrRate) {
			t.Errorf("ParseRate(%q): %v, want ErrRate", in, err)
		}
	}
}

// FuzzParseRate: terms come from a configuration file; nothing read
// there may crash, and what parses prints back to what parses the same.
func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"10%", "50 EUR", "EUR 0.5", "12.5%", "", "%", "1.%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := report.ParseRate(s)
		if err != nil {
			return
		}
		again, err := report.ParseRate(r.String())
		if err != nil || again != r {
			t.Fatalf("%q → %q → %v, %v", s, r.String(), again, err)
		}
	})
}
