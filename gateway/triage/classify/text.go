package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a text, folded (lower case, no accents), with where
// it came from so that evidence can quote the customer's own words.
type token struct {
	w          string
	start, end int // byte offsets in the source text
	sent       int // index of its sentence
	// quoted marks words inside quotation marks or after "error:": the
	// text of a system message, read as an error, not as the customer's
	// own statement (its "not", "impossible" or "if" say nothing of the
	// case).
	quoted bool
}

// sentence is a run of tokens ended by . ! ? ; or a paragraph break.
type sentence struct {
	first, end int // token indexes [first, end)
	question   bool
}

// text is a tokenised piece of a message: the subject, the new body or the
// forwarded part.
type text struct {
	src   string
	where string
	toks  []token
	sents []sentence
}

// foldRune lower-cases r and strips its accent; it returns 0 for combining
// marks (decomposed accents) and a two-letter string for ligatures.
func foldRune(r rune) (rune, string) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r, ""
	}
	r = unicode.ToLower(r)
	switch r {
	case 'à', 'â', 'ä', 'á', 'ã', 'å':
		return 'a', ""
	case 'ç':
		return 'c', ""
	case 'é', 'è', 'ê', 'ë':
		return 'e', ""
	case 'î', 'ï', 'í', 'ì':
		return 'i', ""
	case 'ô', 'ö', 'ó', 'ò', 'õ':
		return 'o', ""
	case 'ù', 'û', 'ü', 'ú':
		return 'u', ""
	case 'ÿ', 'ý':
		return 'y', ""
	case 'ñ':
		return 'n', ""
	case 'œ':
		return 0, "oe"
	case 'æ':
		return 0, "ae"
	case 'ß':
		return 0, "ss"
	}
	if unicode.Is(unicode.Mn, r) {
		return 0, ""
	}
	return r, ""
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// errorIntro are the words after which a colon opens the text of a system
// message: `message d'erreur : "…"`, `error: …`, `it says: …`.
var errorIntro = map[string]bool{
	"erreur": true, "error": true, "message": true, "indique": true, "affiche": true, "says": true,
	"shows": true, "displays": true, "dit": true, "reads": true, "code": true, "suivant": true,
	"suivante": true, "following": true, "says:": true, "ecrit": true, "marque": true,
}

// tokenize splits src into folded words and sentences. Sentences end at
// . ! ? ; (a period inside "v2.3" or "9.30" does not), at a blank line, and
// at a line break before a capital letter or a list item, since mail
// clients wrap lines in the middle of sentences.
func tokenize(src, where string) text {
	t := text{src: src, where: where}
	t.toks = make([]token, 0, len(src)/5+1)
	var buf []byte
	var ascii [4]byte
	start := -1
	quote := rune(0) // the open quotation mark, 0 when none
	quoteWords := 0
	errLine := false // inside the rest of a line after "error:"
	// Indented lines are pasted output (an error, a log, a request), read
	// as quoted, unless most of the text is indented.
	indentQuotes := indentedShare(src) < 0.5
	indented := indentQuotes && isIndented(src)
	sentStart := 0
	flush := func(end int) {
		if start < 0 {
			return
		}
		if len(buf) > 0 {
			t.toks = append(t.toks, token{w: string(buf), start: start, end: end, sent: len(t.sents), quoted: quote != 0 || errLine || indented})
			if quote != 0 {
				quoteWords++
			}
		}
		buf, start = buf[:0], -1
	}
	endSentence := func(question bool) {
		if len(t.toks) > sentStart {
			t.sents = append(t.sents, sentence{first: sentStart, end: len(t.toks), question: question})
			sentStart = len(t.toks)
		} else if question && len(t.sents) > 0 && t.sents[len(t.sents)-1].end == len(t.toks) {
			t.sents[len(t.sents)-1].question = true
		}
	}
	for i := 0; i < len(src); {
		r, n := rune(src[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(src[i:])
		}
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			f, s := foldRune(r)
			switch {
			case s != "":
				buf = append(buf, s...)
			case f == 0:
			case f < utf8.RuneSelf:
				buf = append(buf, byte(f))
			default:
				k := utf8.EncodeRune(ascii[:], f)
				buf = append(buf, ascii[:k]...)
			}
			i += n
			continue
		}
		flush(i)
		switch r {
		case '.', '!', '?', ';', '…':
			// A period between two word characters is part of a number
			// or a version.
			if r == '.' && i+1 < len(src) && i > 0 && isWordRune(rune(src[i+1])) && isWordRune(rune(src[i-1])) {
				break
			}
			if quote == 0 {
				endSentence(r == '?')
			}
		case '"', '«', '“', '»', '”':
			switch {
			case quote == 0 && r != '»' && r != '”':
				quote, quoteWords = r, 0
			case quote != 0:
				quote = 0
			}
		case ':':
			if len(t.toks) > 0 && errorIntro[t.toks[len(t.toks)-1].w] && t.toks[len(t.toks)-1].end >= i-2 {
				errLine = true
			}
		case '\n':
			errLine = false
			indented = indentQuotes && isIndented(src[i+1:])
			// A quotation never spans a paragraph; an unclosed one ends
			// with its line.
			if quote != 0 {
				quote = 0
			}
			j := i + 1
			for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r') {
				j++
			}
			if j < len(src) {
				c, _ := utf8.DecodeRuneInString(src[j:])
				if c == '\n' || unicode.IsUpper(c) || c == '-' || c == '*' || c == '•' || c == '>' {
					endSentence(false)
				}
			}
		}
		// A long run of quoted words is no error message but a pasted
		// paragraph (or an unbalanced mark): read it as the customer's.
		if quote != 0 && quoteWords > 25 {
			for k := len(t.toks) - quoteWords; k < len(t.toks); k++ {
				t.toks[k].quoted = errLine
			}
			quote = 0
		}
		i += n
	}
	flush(len(src))
	endSentence(false)
	return t
}

// span returns the source text of tokens [i, j), on one line.
func (t *text) span(i, j int) string {
	s := t.src[t.toks[i].start:t.toks[j-1].end]
	if strings.ContainsAny(s, "\r\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// isIndented reports a line that starts with two spaces or a tab and holds
// something.
func isIndented(line string) bool {
	if !(strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t")) {
		return false
	}
	for i := 0; i < len(line) && line[i] != '\n'; i++ {
		if line[i] != ' ' && line[i] != '\t' && line[i] != '\r' {
			return true
		}
	}
	return false
}

// indentedShare is the share of non-blank lines that are indented.
func indentedShare(src string) float64 {
	var n, ind int
	for len(src) > 0 {
		line := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = ""
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		n++
		if isIndented(line) {
			ind++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(ind) / float64(n)
}
