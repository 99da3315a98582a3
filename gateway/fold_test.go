package gateway

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/transform"
)

// foldWhole is Fold as it was written first: the whole text decomposed at
// once. Fold must give the same for every input.
func foldWhole(s string) string {
	out := strings.ToLower(s)
	if t, _, err := transform.String(folder(), out); err == nil {
		out = t
	}
	var b strings.Builder
	space := true
	for _, r := range out {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '[' || r == ']' || r == ':' {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

var foldCases = []struct{ in, want string }{
	{"Hors-Service !", "hors service"},
	{"d'information", "d information"},
	{"  [URGENT]: Panne  ", "[urgent]: panne"},
	{"Événement Réseau", "evenement reseau"},
	{"cafe\u0301 cre\u0300me", "cafe creme"}, // combining accents after ASCII letters
	{"\u0301leading mark", "leading mark"},
	{"KELVIN \u212a", "kelvin k"},
	{"Straße Ærø ǅ", "straße ærø ǆ"},
	{"invalid \xff\xfe bytes", "invalid bytes"},
	{"한국어 텍스트", "한국어 텍스트"},
	{"x\u1100\u1161y", "x가y"}, // conjoining jamo compose between ASCII letters
	{"a<\u0338b", "a b"},      // the overlay is a nonspacing mark, removed
	{"Ärger mit Ölfarbe", "arger mit olfarbe"},
	{"ée\u0301é\u0323x", "eeex"}, // a mark after a precomposed letter
	{"", ""},
	{"!!!", ""},
}

func TestFold(t *testing.T) {
	for _, c := range foldCases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
		if got, whole := Fold(c.in), foldWhole(c.in); got != whole {
			t.Errorf("Fold(%q) = %q, whole-text folding %q", c.in, got, whole)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, c := range foldCases {
		f.Add(c.in)
	}
	f.Add("Ça ne marche pas: l'écran reste noir après la mise à jour")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldWhole(s); got != want {
			t.Fatalf("Fold(%q) = %q, whole-text folding %q", s, got, want)
		}
	})
}

// BenchmarkFold folds 3 KB of mixed French and English prose, next to
// whole-text folding of the same text in the same run.
//
//	go test -run '^$' -bench Fold ./gateway/
func BenchmarkFold(b *testing.B) {
	text := strings.Repeat("Bonjour, l'imprimante du bureau ne répond plus depuis la mise à jour; "+
		"the till does not close the day and the report is empty. Merci d'avance. ", 20)
	for _, c := range []struct {
		name string
		fold func(string) string
	}{{"whole", foldWhole}, {"fold", Fold}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				c.fold(text)
			}
		})
	}
}
