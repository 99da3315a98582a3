package parser

import (
	"net/mail"
	"testing"
)

// dateSamples are Date values of the shape rfc5322Date reads and of shapes
// next to it that it must leave to net/mail.
var dateSamples = []string{
	"Mon, 16 Nov 2026 13:22:17 +0100",
	"16 Nov 2026 13:22:17 +0100",
	"Mon, 2 Nov 2026 03:02:01 -0000",
	"mon, 02 nov 2026 03:02:01 -0930",
	"Tue, 1 Dec 2026 23:59:59 +2400",
	"Tue, 1 Dec 2026 23:59:59 +2460",
	"Tue, 1 Dec 2026 23:59:59 +2500",
	"Tue, 1 Dec 2026 23:59:59 +0061",
	"Mon, 16 Nov 2026 13:22:17 +0100 (CET)",
	"Mon, 16 Nov 2026 13:22:17 +0100 (CET",
	"Mon, 16 Nov 2026 13:22:17 +0100 (a (nested) \\) comment) (two)",
	"Mon, 16 Nov 2026 13:22:17 +0100 trailing words",
	"Mon, 16 Nov 2026 13:22:17 +01000",
	"Mon, 16 Nov 2026 13:22:17 +010",
	"Mon, 16 Nov 2026 13:22:17",
	"Mon, 16 Nov 2026 13:22 +0100",
	"Mon, 16 Nov 2026 3:22:17 +0100",
	"Mon, 16 Nov 26 13:22:17 +0100",
	"Mon, 16 Nov 2026 13:22:17.5 +0100",
	"Mon, 16 Nov 2026 13:22:60 +0100",
	"Mon, 16 Nov 2026 24:00:00 +0100",
	"Mon, 31 Nov 2026 13:22:17 +0100",
	"Mon, 29 Feb 2028 13:22:17 +0100",
	"Mon, 29 Feb 2026 13:22:17 +0100",
	"Mon, 0 Nov 2026 13:22:17 +0100",
	"Mon, 116 Nov 2026 13:22:17 +0100",
	"Mon,  16 Nov 2026 13:22:17 +0100",
	"Mon, 16  Nov 2026 13:22:17 +0100",
	"Foo, 16 Nov 2026 13:22:17 +0100",
	"Mon, 16 Nox 2026 13:22:17 +0100",
	"Mon, 16 Nov 2026 13:22:17 GMT",
	"Mon, 16 Nov 2026 13:22:17 +0100\r\n",
	"16 Nov 2026 13:22:17 -0100 (UTC)",
}

// TestRFC5322DateAgreesWithNetMail holds the fast path to what it stands
// in for: whenever it reads a date, net/mail reads the same instant.
func TestRFC5322DateAgreesWithNetMail(t *testing.T) {
	read := 0
	for _, v := range dateSamples {
		got, ok := rfc5322Date(v)
		want, err := mail.ParseDate(v)
		if ok {
			read++
			if err != nil || !got.Equal(want) {
				t.Errorf("rfc5322Date(%q) = %v; net/mail: %v, %v", v, got, want, err)
			}
		}
	}
	if read < 10 {
		t.Errorf("the fast path read only %d of the samples", read)
	}
}

// FuzzRFC5322Date checks the same agreement on any input.
func FuzzRFC5322Date(f *testing.F) {
	for _, v := range dateSamples {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got, ok := rfc5322Date(v)
		if !ok {
			return
		}
		want, err := mail.ParseDate(v)
		if err != nil || !got.Equal(want) {
			t.Fatalf("rfc5322Date(%q) = %v; net/mail: %v, %v", v, got, want, err)
		}
	})
}
