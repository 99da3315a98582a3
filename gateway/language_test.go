package gateway

import (
	"strings"
	"testing"
	"unicode"
)

// detectLanguageCopy is DetectLanguage as first written: the text
// lower-cased and split into a slice of words. DetectLanguage reads the
// words in place and must decide the same.
func detectLanguageCopy(text string) string {
	if len(text) > 4000 {
		text = text[:4000]
	}
	fr, en := 0, 0
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	})
	for _, w := range words {
		if frWords[w] {
			fr++
		}
		if enWords[w] {
			en++
		}
	}
	switch {
	case fr >= 2 && fr >= 2*en:
		return "fr"
	case en >= 2 && en >= 2*fr:
		return "en"
	}
	return ""
}

func FuzzDetectLanguage(f *testing.F) {
	for _, s := range []string{
		"Bonjour, l'imprimante ne fonctionne plus depuis hier. Merci",
		"Hello, the till DOES NOT close the day. Thanks",
		"THE AND Is", "PROBLÈME Impossible avec la facture", "Kelvin \u212a the and", "doesn't can't",
		strings.Repeat("the ", 1100) + "le la les",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := DetectLanguage(s), detectLanguageCopy(s); got != want {
			t.Fatalf("DetectLanguage(%q) = %q, lower-cased copy says %q", s, got, want)
		}
	})
}

// BenchmarkDetectLanguage reads 3 KB of English prose, next to the
// lower-cased copy in the same run.
//
//	go test -run '^$' -bench DetectLanguage ./gateway/
func BenchmarkDetectLanguage(b *testing.B) {
	text := strings.Repeat("The till does not close the day and the report is empty since Monday. ", 42)
	for _, c := range []struct {
		name   string
		detect func(string) string
	}{{"copy", detectLanguageCopy}, {"inplace", DetectLanguage}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.detect(text)
			}
		})
	}
}
