package postgres

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

// Full-text search keeps, with each message, a tsvector the store builds
// itself: the words of the subject, the addresses and the text (the HTML
// when there is no text) and the attachments' names, folded as the SQLite
// store's FTS5 tokenizer folds them (case, accents: "resolu" finds
// "résolu") and split at everything but letters and digits. PostgreSQL's
// own parser would split by the server's locale and keep an address as
// one token; building the lexemes here makes search behave the same on
// both backends and on any server, in French and in English alike ('simple'
// configuration: no stemming, no stop words).

// Limits of a tsvector: positions stop at 16383, a lexeme holds at most
// 256 of them and 2047 bytes, and the whole value stays under 1 MB (a
// message's text past maxVectorBytes of distinct words is not indexed).
const (
	maxPosition    = 16383
	maxPositions   = 256
	maxLexeme      = 2047
	maxVectorBytes = 512 << 10
)

// fold lowercases s and takes the accents off its letters.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// terms splits text into its folded words.
func terms(s string) []string {
	return strings.FieldsFunc(fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// vectorBuilder collects lexemes with their positions.
type vectorBuilder struct {
	pos   map[string][]int
	order []string
	next  int
	size  int
}

func (v *vectorBuilder) add(text string) {
	for _, w := range terms(text) {
		if len(w) > maxLexeme {
			continue
		}
		v.next = min(v.next+1, maxPosition)
		ps, seen := v.pos[w]
		if !seen {
			if v.size+len(w) > maxVectorBytes {
				continue
			}
			v.order = append(v.order, w)
			v.size += len(w) + 8
		}
		if len(ps) < maxPositions && (len(ps) == 0 || ps[len(ps)-1] != v.next) {
			v.pos[w] = append(ps, v.next)
			v.size += 2
		}
	}
	// A phrase never spans two fields.
	v.next = min(v.next+1, maxPosition)
}

// literal is the vector as tsvector input: 'lexeme':1,5 …
func (v *vectorBuilder) literal() string {
	var b strings.Builder
	for i, w := range v.order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(quoteLexeme(w))
		b.WriteByte(':')
		for j, p := range v.pos[w] {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
		}
	}
	return b.String()
}

// quoteLexeme quotes a word for tsvector and tsquery input, where a quote
// is doubled and a backslash escapes.
func quoteLexeme(w string) string {
	w = strings.ReplaceAll(w, `\`, `\\`)
	return "'" + strings.ReplaceAll(w, "'", "''") + "'"
}

// searchVector is what a message is found by.
func searchVector(e *gateway.Entry) string {
	v := &vectorBuilder{pos: map[string][]int{}}
	v.add(e.Subject)
	addrs := []string{e.From.Name, e.From.Address}
	for _, a := range append(append([]gateway.Address{}, e.To...), e.Cc...) {
		addrs = append(addrs, a.Name, a.Address)
	}
	v.add(strings.Join(addrs, " "))
	for _, a := range e.Attachments {
		v.add(a.Filename)
	}
	body := e.Text
	if strings.TrimSpace(body) == "" {
		body = e.HTML // no text part and nothing derived: the HTML's words still count
	}
	v.add(body)
	return v.literal()
}

// searchQuery turns what a person typed into a tsquery: every word must
// appear; a plain word matches the start of a term, an address or a
// reference is the phrase of its parts, matched whole (as in the SQLite
// store). Words are quoted lexemes, so tsquery's own syntax in the input
// is only text. "" when nothing can be searched for.
func searchQuery(s string) string {
	var out []string
	for _, w := range store.SearchWords(s) {
		parts := terms(w)
		if len(parts) == 0 {
			continue
		}
		if store.PrefixWord(w) && len(parts) == 1 {
			out = append(out, quoteLexeme(parts[0])+":*")
			continue
		}
		q := make([]string, len(parts))
		for i, p := range parts {
			q[i] = quoteLexeme(p)
		}
		out = append(out, "("+strings.Join(q, " <-> ")+")")
	}
	return strings.Join(out, " & ")
}
