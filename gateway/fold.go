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
	out, _, err := transform.String(folder(), strings.ToLower(s))
	if err != nil {
		out = strings.ToLower(s)
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
