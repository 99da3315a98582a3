package gateway

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// A transform chain keeps state between calls: each Fold builds its own,
// since mailboxes ingest concurrently.
func folder() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// Fold lower-cases, removes accents and turns everything but letters,
// digits, brackets and colons into single spaces, so that "Hors-Service !"
// matches "hors service" and "d'information" matches "d information".
func Fold(s string) string {
	out := strings.ToLower(s)
	// Accents need Unicode decomposition; plain ASCII, most mail, has none.
	if !isASCII(out) {
		if t, _, err := transform.String(folder(), out); err == nil {
			out = t
		}
	}
	var b strings.Builder
	space := true // no leading space
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
