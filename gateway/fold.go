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

// asciiFold is what Fold makes of each ASCII byte: the lower-case letter
// or digit, the bracket or colon kept, or 0 for a separator.
var asciiFold = func() (t [128]byte) {
	for c := range 128 {
		switch b := byte(c); {
		case 'a' <= b && b <= 'z', '0' <= b && b <= '9', b == '[', b == ']', b == ':':
			t[c] = b
		case 'A' <= b && b <= 'Z':
			t[c] = b + 'a' - 'A'
		}
	}
	return t
}()

// latinFolds is the folded form of each accented Latin letter that is
// folded alone: a letter that no neighbouring letter composes with
// (norm's boundary before), so a run of them folds letter by letter. It
// is computed with the decomposition itself, never written by hand.
var latinFolds = func() (t [0x250 - 0x80]string) {
	for r := rune(0x80); r < 0x250; r++ {
		if !unicode.IsLetter(r) || !norm.NFC.PropertiesString(string(r)).BoundaryBefore() {
			continue
		}
		f := strings.ToLower(string(r))
		if d, _, err := transform.String(folder(), f); err == nil {
			f = d
		}
		ok := f != ""
		for _, c := range f {
			ok = ok && unicode.IsLetter(c)
		}
		if ok {
			t[r-0x80] = f
		}
	}
	return t
}()

// latinFoldRun writes the folded form of run, non-ASCII bytes only, and
// reports true when every letter of it is in latinFolds; otherwise it
// writes nothing.
func latinFoldRun(b *strings.Builder, run string) bool {
	for _, r := range run {
		if r >= 0x250 || latinFolds[r-0x80] == "" {
			return false
		}
	}
	for _, r := range run {
		b.WriteString(latinFolds[r-0x80])
	}
	return true
}

// Fold lower-cases, removes accents and turns everything but letters,
// digits, brackets and colons into single spaces, so that "Hors-Service !"
// matches "hors service" and "d'information" matches "d information".
//
// ASCII bytes are folded by table; only the runs of other bytes go through
// Unicode decomposition. That gives the same result as decomposing the
// whole text: an ASCII character is a starter that no nonspacing mark
// composes with once the marks are removed (FuzzFold holds it to that).
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // no leading space
	var tr transform.Transformer
	for i := 0; i < len(s); {
		if c := s[i]; c < 0x80 {
			if f := asciiFold[c]; f != 0 {
				b.WriteByte(f)
				space = false
			} else if !space {
				b.WriteByte(' ')
				space = true
			}
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= 0x80 {
			j++
		}
		if latinFoldRun(&b, s[i:j]) {
			space = false
			i = j
			continue
		}
		seg := strings.ToLower(s[i:j])
		if tr == nil {
			tr = folder()
		}
		if t, _, err := transform.String(tr, seg); err == nil {
			seg = t
		}
		for _, r := range seg {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '[' || r == ']' || r == ':' {
				b.WriteRune(r)
				space = false
			} else if !space {
				b.WriteByte(' ')
				space = true
			}
		}
		i = j
	}
	return strings.TrimSuffix(b.String(), " ")
}
