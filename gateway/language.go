package gateway

import (
	"strings"
	"unicode"

	"ticketgate/parser"
)

// language picks the language of a new ticket: what the customer declared
// (Content-Language), else what the first message reads as, else the
// mailbox's default. Only the languages templates exist in are chosen.
func (in *ingest) language() string {
	if m := in.msg; m != nil {
		for _, tag := range strings.Split(m.Language, ",") {
			base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
			if base == "fr" || base == "en" {
				return base
			}
		}
		// A notice in another language (an English legal footer below
		// French mail) says nothing of the customer's.
		text := parser.StripDisclaimer(m.Reply)
		if text == "" {
			text = m.Text
		}
		if l := DetectLanguage(m.Subject + "\n" + text); l != "" {
			return l
		}
	}
	return in.mb.Language
}

// Words frequent in one language and rare in the other. Short and common
// is what tells languages apart on a few lines of text.
var (
	frWords = wordSet("le la les des une est et pour avec dans pas que qui nous vous je sur ne bonjour merci " +
		"cette sont mon ma mes notre votre depuis plus fonctionne problème impossible aussi mais ou au aux du")
	enWords = wordSet("the and is are for with this that not you we i have please hello thanks thank it of to " +
		"my our your since does doesn't can't cannot working problem also but from when hi")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// DetectLanguage tells French from English by counting frequent words:
// "fr", "en", or "" when the text is too short or too mixed to say.
// A word is a run of letters and apostrophes, compared lower-cased; the
// words are read in place, without copying the text.
func DetectLanguage(text string) string {
	if len(text) > 4000 {
		text = text[:4000]
	}
	fr, en := 0, 0
	var low [16]byte
	count := func(w string) {
		n := 0
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 0x80 {
				w = strings.ToLower(w)
				n = -1
				break
			}
			if n == len(low) {
				return // ASCII, and longer than every word of the sets
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			low[i] = c
			n++
		}
		if n >= 0 {
			// A map lookup of a converted slice does not copy it.
			if frWords[string(low[:n])] {
				fr++
			}
			if enWords[string(low[:n])] {
				en++
			}
			return
		}
		if frWords[w] {
			fr++
		}
		if enWords[w] {
			en++
		}
	}
	start := -1
	for i, r := range text {
		if unicode.IsLetter(r) || r == '\'' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			count(text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		count(text[start:])
	}
	switch {
	case fr >= 2 && fr >= 2*en:
		return "fr"
	case en >= 2 && en >= 2*fr:
		return "en"
	}
	return ""
}
