package parser

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// StripReply returns the new part of a reply: the text above the quoted
// history (attribution lines, Outlook header blocks, "Original Message"
// separators), without `>`-quoted lines and without the signature. It
// handles the shapes of Gmail, Apple Mail, Thunderbird and Outlook in
// English and French. Text that is not a reply comes back trimmed.
//
// It works on the text in place, line by line, with hand-written anchored
// matchers: each line is looked at a bounded number of times (by itself and
// from the few lines before it that may start an attribution or an Outlook
// block), so the cost is linear in the text whatever its shape. The
// matchers are case-insensitive as Unicode simple folding is (what (?i)
// does in a regular expression), and an accented letter in a pattern also
// matches its plain form ("envoyé" matches "Envoye").
func StripReply(text string) string {
	h := historyStart(text)
	if h.found {
		top := unquoted(text, 0, h.start)
		if top != "" || !h.attribution {
			return top
		}
		// Nothing above a `>`-quoted history: a bottom-posted reply. Keep
		// what is not quoted below the attribution.
		return unquoted(text, afterAttribution(text, h.start), len(text)+1)
	}
	return unquoted(text, 0, len(text)+1)
}

// textLine is one line of a text: s is its content, without the LF and
// without one CR before it; next is the offset of the following line, or
// -1 for the last line. A text ending in LF has an empty last line.
type textLine struct {
	s           string
	start, next int
}

func lineAt(text string, p int) textLine {
	i := strings.IndexByte(text[p:], '\n')
	if i < 0 {
		return textLine{s: text[p:], start: p, next: -1}
	}
	s := text[p : p+i]
	if len(s) > 0 && s[len(s)-1] == '\r' {
		s = s[:len(s)-1]
	}
	return textLine{s: s, start: p, next: p + i + 1}
}

func isQuoted(l string) bool { return strings.HasPrefix(strings.TrimLeft(l, " \t"), ">") }

// RFC 3676 §4.3's separator "-- ", and the common "--" without the space.
func isSignatureSeparator(l string) bool { return l == "-- " || l == "--" || l == "-- \r" }

// unquoted joins, with LF, the lines starting in [from, until) that are not
// `>`-quoted, up to the signature, and trims the result. from < 0 means no
// line.
func unquoted(text string, from, until int) string {
	// First pass: where the kept text ends. A signature separator ends it;
	// a mobile signature among the last three kept lines ends it too.
	var last [3]int
	kept := 0
	for p := from; p >= 0 && p < until; {
		l := lineAt(text, p)
		if !isQuoted(l.s) {
			if isSignatureSeparator(l.s) {
				until = l.start
				break
			}
			last[kept%3] = l.start
			kept++
		}
		p = l.next
	}
	for k := kept - 1; k >= 0 && k >= kept-3; k-- {
		if mobileSignature(lineAt(text, last[k%3]).s) {
			until = last[k%3]
			break
		}
	}
	// Second pass: the kept lines. While they follow each other with bare
	// LFs between them, the result is a slice of text and costs nothing.
	var (
		b          strings.Builder
		contiguous = true
		first, end = -1, -1
	)
	for p := from; p >= 0 && p < until; {
		l := lineAt(text, p)
		if !isQuoted(l.s) {
			switch e := l.start + len(l.s); {
			case first < 0:
				first, end = l.start, e
			case contiguous && l.start == end+1:
				end = e
			default:
				if contiguous {
					b.WriteString(text[first:end])
					contiguous = false
				}
				b.WriteByte('\n')
				b.WriteString(l.s)
			}
		}
		p = l.next
	}
	if first < 0 {
		return ""
	}
	if contiguous {
		return strings.TrimSpace(text[first:end])
	}
	return strings.TrimSpace(b.String())
}

// historyCut is where quoted history starts: the offset of its first line,
// and whether that line is an attribution (whose history is `>`-quoted, so
// that text after it may be a bottom-posted reply).
type historyCut struct {
	start       int
	attribution bool
	found       bool
}

func historyStart(text string) historyCut {
	prev, prevStart := "", -1
	for p := 0; p >= 0; {
		l := lineAt(text, p)
		s := l.s
		// Most lines start with a byte no anchored pattern starts with;
		// for them only the end of the line can matter.
		anchored := false
		if q := skipSpace(s, 0); q < len(s) {
			anchored = mayStartPattern[s[q]]
		}
		// A forward is content, not history: nothing after its marker is cut.
		if anchored && forwardMarker(s) {
			return historyCut{}
		}
		if anchored && (originalSeparator(s) || returnedMessage(s)) {
			return historyCut{start: l.start, found: true}
		}
		if start := anchored && attributionStart(s); start || attributionEnd(s) {
			// Mail clients wrap an attribution over two or three lines;
			// they are read joined with a space, as one.
			var pieces [5]string
			pieces[0] = s
			n, q := 1, l.next
			for j := 0; j < 3; j++ {
				if j > 0 {
					if q < 0 {
						break
					}
					lj := lineAt(text, q)
					pieces[n], pieces[n+1] = " ", lj.s
					n += 2
					q = lj.next
				}
				if endsAttribution(pieces[:n], true) {
					if start || quotedAfter(text, q) {
						return historyCut{start: l.start, attribution: true, found: true}
					}
					break
				}
			}
		}
		if anchored && outlookFrom(s) && outlookBlock(text, l.next) {
			if prevStart >= 0 && underscoreLine(prev) {
				return historyCut{start: prevStart, found: true}
			}
			return historyCut{start: l.start, found: true}
		}
		prev, prevStart = s, l.start
		p = l.next
	}
	return historyCut{}
}

// mayStartPattern holds the bytes that may start a line matched by an
// anchored pattern, after white space: the first letters of the patterns in
// both cases, '-' and '*', and every non-ASCII byte (a letter that folds to
// an ASCII one, such as U+017F ſ, or an accented one).
var mayStartPattern = func() (t [256]bool) {
	for _, c := range "-*olaeitubfdvOLAEITUBFDV" {
		t[c] = true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// afterAttribution returns the offset of the first line after the
// attribution that starts at offset start, or -1 when none follows.
func afterAttribution(text string, start int) int {
	n := attributionLen(text, start)
	p := start
	for range n {
		if p = lineAt(text, p).next; p < 0 {
			return -1
		}
	}
	return p
}

// attributionLen is the number of lines (1 to 3) the attribution at offset
// start spans. The lines are joined trimmed, each with one space.
func attributionLen(text string, start int) int {
	var (
		pieces [5]string
		n      int
		p      = start
	)
	for j := 0; j < 3 && p >= 0; j++ {
		l := lineAt(text, p)
		p = l.next
		switch tail := strings.TrimRightFunc(l.s, unicode.IsSpace); {
		case n == 0:
			if t := strings.TrimSpace(l.s); t != "" {
				pieces[0], n = t, 1
			}
		case tail != "":
			pieces[n], pieces[n+1] = " ", tail
			n += 2
		}
		if n > 0 && endsAttribution(pieces[:n], true) {
			return j + 1
		}
	}
	return 1
}

// quotedAfter reports whether the first non-blank line from offset p on is
// `>`-quoted, which makes a bare "X wrote:" line an attribution.
func quotedAfter(text string, p int) bool {
	for p >= 0 {
		l := lineAt(text, p)
		if strings.TrimSpace(l.s) != "" {
			return isQuoted(l.s)
		}
		p = l.next
	}
	return false
}

// outlookBlock reports whether at least two Outlook header lines are among
// the six lines from offset p on.
func outlookBlock(text string, p int) bool {
	n := 0
	for i := 0; i < 6 && p >= 0; i++ {
		l := lineAt(text, p)
		if outlookHeader(l.s) {
			if n++; n >= 2 {
				return true
			}
		}
		p = l.next
	}
	return false
}

// The patterns below are lower case; an accented letter also matches the
// same letter without its accent.

// attributionStart matches a line starting like "On Mon, …", "Le lun. …",
// "Am …", "El …", "Il …", "Op …".
func attributionStart(l string) bool {
	l = l[skipSpace(l, 0):]
	for _, w := range [...]string{"on", "le", "am", "el", "il", "op"} {
		if n, ok := prefixFold(l, w); ok && n < len(l) && isSpace(l[n]) {
			return true
		}
	}
	return false
}

// attributionEnd matches a line ending like "… wrote:" or "… a écrit :".
func attributionEnd(l string) bool {
	// Most lines do not end in a colon: tell them without decoding.
	i := len(l) - 1
	for i >= 0 && isSpace(l[i]) {
		i--
	}
	if i < 0 || l[i] != ':' {
		return false
	}
	pieces := [1]string{l}
	return endsAttribution(pieces[:], false)
}

var attributionVerbs = [...]string{"wrote", "a écrit", "schrieb", "escribió", "ha scritto", "schreef"}

// endsAttribution reports whether the concatenation of pieces ends with an
// attribution verb, optional white space, a colon and optional white
// space. With trimmed, trailing Unicode white space is dropped first, as
// strings.TrimSpace would.
func endsAttribution(pieces []string, trimmed bool) bool {
	c := backCursor{pieces: pieces, k: len(pieces) - 1, pos: len(pieces[len(pieces)-1])}
	for {
		r, n := c.last()
		if n == 0 {
			return false
		}
		if !(trimmed && unicode.IsSpace(r)) && !(r < utf8.RuneSelf && isSpace(byte(r))) {
			break
		}
		c.pos -= n
	}
	if r, n := c.last(); r != ':' || n == 0 {
		return false
	}
	c.pos--
	for {
		r, n := c.last()
		if n == 0 || r >= utf8.RuneSelf || !isSpace(byte(r)) {
			break
		}
		c.pos -= n
	}
	for _, w := range attributionVerbs {
		if c.hasSuffixFold(w) {
			return true
		}
	}
	return false
}

// backCursor reads the concatenation of pieces backwards; the cursor is
// before byte pos of pieces[k].
type backCursor struct {
	pieces []string
	k, pos int
}

// last returns the rune before the cursor and its size, 0 at the start.
func (c *backCursor) last() (rune, int) {
	for c.pos == 0 {
		if c.k == 0 {
			return 0, 0
		}
		c.k--
		c.pos = len(c.pieces[c.k])
	}
	return utf8.DecodeLastRuneInString(c.pieces[c.k][:c.pos])
}

// hasSuffixFold reports whether the text before the cursor ends with pat.
// It does not move the cursor.
func (c backCursor) hasSuffixFold(pat string) bool {
	for len(pat) > 0 {
		pr, pn := utf8.DecodeLastRuneInString(pat)
		r, n := c.last()
		if n == 0 || !foldMatch(r, pr) {
			return false
		}
		pat = pat[:len(pat)-pn]
		c.pos -= n
	}
	return true
}

// originalSeparator matches "-----Original Message-----",
// "-----Message d'origine-----", "-------- Message original --------".
func originalSeparator(l string) bool {
	p, ok := dashes(l, skipSpace(l, 0), 2)
	if !ok {
		return false
	}
	p = skipSpace(l, p)
	for _, w := range [...]string{"original message", "message d'origine", "message original", "mensaje original", "ursprüngliche nachricht"} {
		if n, ok := prefixFold(l[p:], w); ok {
			q, ok := dashes(l, skipSpace(l, p+n), 2)
			if ok && skipSpace(l, q) == len(l) {
				return true
			}
		}
	}
	return false
}

// returnedMessage matches the line after which a bounce quotes the
// returned message.
func returnedMessage(l string) bool {
	p, _ := dashes(l, skipSpace(l, 0), 0)
	l = l[skipSpace(l, p):]
	for _, w := range [...]string{"this is a copy of the message", "original message follows", "undelivered message attached", "below this line is a copy of the message"} {
		if _, ok := prefixFold(l, w); ok {
			return true
		}
	}
	return false
}

// outlookFrom matches the first line of Outlook's quoted header block,
// "From:", "*From:*", "De :", "Von:".
func outlookFrom(l string) bool { return outlookField(l, outlookFromNames[:]) }

// outlookHeader matches the other lines of that block.
func outlookHeader(l string) bool { return outlookField(l, outlookHeaderNames[:]) }

var (
	outlookFromNames   = [...]string{"from", "de", "von"}
	outlookHeaderNames = [...]string{"sent", "envoyé", "date", "to", "à", "cc", "subject", "objet", "gesendet", "an", "betreff"}
)

// outlookField matches a line that starts with one of names as a field
// name: optional white space and asterisks (bold in plain text) around it,
// then a colon.
func outlookField(l string, names []string) bool {
	p := skipSpace(l, 0)
	if p < len(l) && l[p] == '*' {
		p++
	}
	for _, w := range names {
		n, ok := prefixFold(l[p:], w)
		if !ok {
			continue
		}
		q := skipSpace(l, p+n)
		if q < len(l) && l[q] == '*' {
			q++
		}
		if q = skipSpace(l, q); q < len(l) && l[q] == ':' {
			return true
		}
	}
	return false
}

// underscoreLine matches the rule Outlook puts above its header block.
func underscoreLine(l string) bool {
	p := skipSpace(l, 0)
	q := p
	for q < len(l) && l[q] == '_' {
		q++
	}
	return q-p >= 10 && skipSpace(l, q) == len(l)
}

// forwardMarker matches the line that introduces a forwarded message:
// "---------- Forwarded message ---------", "Begin forwarded message:",
// "Début du message réexpédié :".
func forwardMarker(l string) bool {
	p := skipSpace(l, 0)
	if q, ok := dashes(l, p, 2); ok {
		q = skipSpace(l, q)
		for _, w := range [...]string{"forwarded message", "message transféré", "mensaje reenviado", "weitergeleitete nachricht"} {
			if n, ok := prefixFold(l[q:], w); ok {
				r, _ := dashes(l, skipSpace(l, q+n), 0)
				if skipSpace(l, r) == len(l) {
					return true
				}
			}
		}
		return false
	}
	if n, ok := prefixFold(l[p:], "begin forwarded message:"); ok {
		return skipSpace(l, p+n) == len(l)
	}
	n, ok := prefixFold(l[p:], "début du message ")
	if !ok {
		return false
	}
	p += n
	for _, w := range [...]string{"réexpédié", "transféré"} {
		if n, ok := prefixFold(l[p:], w); ok {
			if q := skipSpace(l, p+n); q < len(l) && l[q] == ':' && skipSpace(l, q+1) == len(l) {
				return true
			}
		}
	}
	return false
}

// mobileSignature matches the one-line signatures phones add.
func mobileSignature(l string) bool {
	l = l[skipSpace(l, 0):]
	for _, w := range [...]string{"sent from my ", "sent from outlook", "get outlook for", "envoyé de mon", "envoyé de l'application", "envoyé de outlook", "envoyé depuis mon", "envoyé depuis l'application", "envoyé depuis outlook"} {
		if _, ok := prefixFold(l, w); ok {
			return true
		}
	}
	return false
}

// isSpace is the white space of \s in Go's regular expressions.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func skipSpace(l string, p int) int {
	for p < len(l) && isSpace(l[p]) {
		p++
	}
	return p
}

// dashes skips the run of '-' at p and reports whether it had at least min.
func dashes(l string, p, min int) (int, bool) {
	q := p
	for q < len(l) && l[q] == '-' {
		q++
	}
	return q, q-p >= min
}

// prefixFold reports whether s starts with pat, and the length in s of the
// match.
func prefixFold(s, pat string) (int, bool) {
	i := 0
	for _, pr := range pat {
		if i >= len(s) {
			return 0, false
		}
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !foldMatch(r, pr) {
			return 0, false
		}
		i += n
	}
	return i, true
}

// foldMatch reports whether r matches the pattern rune pr: pr itself in any
// case (Unicode simple folding), or for an accented pr, its plain letter.
func foldMatch(r, pr rune) bool {
	if r == pr {
		return true
	}
	plain := accentless(pr)
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r == pr || (plain != 0 && r == plain)
	}
	return foldEqual(r, pr) || (plain != 0 && foldEqual(r, plain))
}

func foldEqual(r, pr rune) bool {
	for f := unicode.SimpleFold(pr); f != pr; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return r == pr
}

func accentless(r rune) rune {
	switch r {
	case 'é':
		return 'e'
	case 'à':
		return 'a'
	case 'ó':
		return 'o'
	case 'ü':
		return 'u'
	}
	return 0
}
