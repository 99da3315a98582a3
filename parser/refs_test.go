package parser

import (
	"reflect"
	"strings"
	"testing"
)

var refPatterns = []string{
	DefaultRefPattern, `#[0-9]+`, `(?i)sup-[0-9]{3}`, `[a-z]{2,4}-\d{3,5}`, `X?Y-\d`, `(?:AB|C)?-\d\d`,
	`[A-Z]+-[0-9]+`, `\bT\d+`, `é-\d`, `(?i)k\d`, `x*`, `(a|b)c`,
}

var refTexts = []string{
	"", "SUP-2026-000123", "see SUP-2026-000123, and [SUP-2026-000124]x SUP-2026-000123",
	"xSUP-2026-000123 SUP-2026-0001234567890 _SUP-2026-000123 SUP-2026-000123_ SUP-2026-123456é",
	"#12 a#34 ##5 #", "Sup-123 SUP-1234 sup-123x", "ab-123 abcde-12345 Y-1 XY-2 XXY-3", "AB-12 C-34 -56 ABC-78",
	"T1 T22 xT3", "é-1 aé-2 É-3", "k1 K2 \u212a3 ak4", "ac bc abc cc", strings.Repeat("SUP-2026-000123 ", 30),
}

// TestRefFinderMatchesRegexp checks the prefiltered search against the plain
// regular expression it stands for.
func TestRefFinderMatchesRegexp(t *testing.T) {
	for _, pat := range refPatterns {
		f, err := newRefFinder(pat)
		if err != nil {
			t.Fatalf("%s: %v", pat, err)
		}
		for _, s := range refTexts {
			var want []string
			for _, sm := range f.full.FindAllStringSubmatch(s, 20) {
				want = append(want, sm[1])
			}
			if got := f.findAll(s, 20); !reflect.DeepEqual(got, want) {
				t.Errorf("pattern %q in %q: got %q, want %q", pat, s, got, want)
			}
		}
	}
	if f, _ := newRefFinder(DefaultRefPattern); f.anchored == nil {
		t.Errorf("the default pattern should take the prefiltered path")
	}
}

func FuzzRefFinder(f *testing.F) {
	for _, s := range refTexts {
		f.Add(s, 0)
	}
	finders := make([]*refFinder, len(refPatterns))
	for i, pat := range refPatterns {
		finders[i], _ = newRefFinder(pat)
	}
	f.Fuzz(func(t *testing.T, s string, which int) {
		fd := finders[uint(which)%uint(len(finders))]
		var want []string
		for _, sm := range fd.full.FindAllStringSubmatch(s, 20) {
			want = append(want, sm[1])
		}
		if got := fd.findAll(s, 20); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
	})
}

func TestRefFinderStepsOfDefaultPattern(t *testing.T) {
	f, _ := newRefFinder(DefaultRefPattern)
	// [A-Z][A-Z0-9]{1,9}-[0-9]{4}-[0-9]{6,9}: at least 14 bytes.
	if len(f.steps) != 14 {
		t.Fatalf("%d steps, want 14", len(f.steps))
	}
	for _, s := range []string{"ERR 2026-11-16T08:00:00", "POS-12 payment", "Hello there", "SUP-2026-0001 x"} {
		if f.possible(s, 0) {
			t.Errorf("%q passes the steps", s)
		}
	}
	if !f.possible("SUP-2026-000123", 0) || !f.possible("AB1-2026-000123", 0) {
		t.Errorf("a reference fails the steps")
	}
}
