package parser

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/textproto"
	"golang.org/x/text/encoding/charmap"
)

// field is one header field as found in the raw bytes, unfolded.
type field struct {
	key, value string
}

// scanHeader reads the header block at the start of b leniently: lines that
// are not fields are reported and skipped, folded lines are joined, raw 8-bit
// bytes that are not UTF-8 are read as Windows-1252 (the usual culprit). It
// returns the fields in order and the offset where the body starts.
func scanHeader(b []byte, maxBytes int, report func(ProblemCode, string)) ([]field, int) {
	// A field per line at most (one allocation each for both lists).
	lines := bytes.Count(b, []byte("\n")) + 1
	var (
		fields  = make([]field, 0, lines)
		spans   = make([]valueSpan, 0, lines)
		pos     int
		skipped int
	)
	// An mbox "From " separator line is not part of the message.
	if bytes.HasPrefix(b, []byte("From ")) {
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			pos = i + 1
		}
	}
	start := pos
	for pos < len(b) {
		if pos-start > maxBytes {
			report(ProblemHeaderTooLarge, fmt.Sprintf("header block over %d bytes; the rest is read as body", maxBytes))
			break
		}
		line, next := nextLine(b, pos)
		if len(bytes.TrimRight(line, "\r")) == 0 {
			pos = next
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if len(fields) == 0 {
				skipped++
				pos = next
				continue
			}
			sp := &spans[len(spans)-1]
			sp.end, sp.folded = pos+len(line), true
			pos = next
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 || !validKey(line[:colon]) {
			if len(fields) == 0 && pos == start {
				// No header at all: the whole input is a body.
				report(ProblemNoHeader, "message starts without a header field")
				return nil, start
			}
			skipped++
			pos = next
			continue
		}
		fields = append(fields, field{})
		spans = append(spans, valueSpan{key: pos, start: pos + colon + 1, end: pos + len(line)})
		pos = next
	}
	if skipped > 0 {
		report(ProblemHeaderSyntax, fmt.Sprintf("%d header line(s) were not fields and were skipped", skipped))
	}
	if len(fields) == 0 {
		return nil, pos // readHeader tells a missing header by nil fields
	}
	// Names and unfolded values are substrings of one copy of the block:
	// one allocation instead of two per field.
	blk := string(b[:spans[len(spans)-1].end])
	var scratch []byte
	for i := range fields {
		sp := spans[i]
		fields[i].key = blk[sp.key : sp.start-1]
		if sp.folded {
			var v []byte
			v, scratch = sp.value(b, scratch)
			fields[i].value = string(bytes.TrimSpace(v))
		} else {
			v := strings.TrimRight(blk[sp.start:sp.end], "\r")
			fields[i].value = strings.TrimSpace(v[:min(len(v), maxFieldBytes)])
		}
		if !utf8.ValidString(fields[i].value) {
			fields[i].value = decode1252(fields[i].value)
			report(ProblemHeaderCharset, fmt.Sprintf("raw 8-bit bytes in %s read as windows-1252", fields[i].key))
		}
	}
	return fields, pos
}

// valueSpan is where a field's value lies in a header block: from after
// the colon to the end of its last line (without LF). Skipped lines never
// come between a field and its continuation lines.
type valueSpan struct {
	key        int // where the field's name starts; it ends before start's colon
	start, end int
	folded     bool
}

// value returns the unfolded value: the lines of the span joined without
// their line ends, each line cut at maxFieldBytes and no line added once
// the value reached it, and the whole cut at maxFieldBytes. A folded value
// is built in scratch, which is returned for reuse.
func (sp valueSpan) value(b, scratch []byte) (v, reuse []byte) {
	if !sp.folded {
		v = bytes.TrimRight(b[sp.start:sp.end], "\r")
		return v[:min(len(v), maxFieldBytes)], scratch
	}
	out := scratch[:0]
	for pos := sp.start; pos < sp.end; {
		line, next := nextLine(b[:sp.end], pos)
		line = bytes.TrimRight(line, "\r")
		if pos == sp.start {
			out = append(out, line[:min(len(line), maxFieldBytes)]...)
		} else if len(out) < maxFieldBytes {
			out = append(out, line...)
		}
		pos = next
	}
	return out[:min(len(out), maxFieldBytes)], out
}

const maxFieldBytes = 256 << 10

// nextLine returns the line at pos (with any trailing CR, without LF) and the
// offset of the line after it.
func nextLine(b []byte, pos int) ([]byte, int) {
	i := bytes.IndexByte(b[pos:], '\n')
	if i < 0 {
		return b[pos:], len(b)
	}
	return b[pos : pos+i], pos + i + 1
}

func validKey(k []byte) bool {
	for _, c := range k {
		// RFC 5322 §2.2: printable US-ASCII except colon; a space would
		// mean this is prose, not a field.
		if c <= ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}

// cleanHeader builds a go-message header from scanned fields. Each value goes
// through textproto's own raw-field reading (AddRaw, what ReadHeader does
// per field) so that go-message keeps its own conventions, without
// re-parsing the whole block; control characters that would break the
// field are replaced. Fields are added last first, the order ReadHeader
// keeps them in.
//
// A field whose name is canonical and whose line fits in 76 bytes is given
// with Add instead: go-message then formats its raw line on demand as
// "Name: value\r\n", the very bytes AddRaw would have kept, and the value
// is already as AddRaw would trim it; Add spares copying the name and the
// value again (a fifth of parsing a small mail went to AddRaw).
func cleanHeader(fields []field) textproto.Header {
	var h textproto.Header
	// One buffer holds every raw field: AddRaw keeps a slice of it, which
	// is never written again (each field is appended within its capacity).
	var small [64]bool
	add := small[:0]
	size := 0
	for _, f := range fields {
		a := addable(f)
		add = append(add, a)
		if !a {
			size += len(f.key) + len(f.value) + 4
		}
	}
	buf := make([]byte, 0, size)
	for i := len(fields) - 1; i >= 0; i-- {
		f := fields[i]
		if add[i] {
			h.Add(f.key, f.value)
			continue
		}
		start := len(buf)
		buf = append(append(buf, f.key...), ": "...)
		v := len(buf)
		buf = append(buf, f.value...)
		if hasLineBreaker(f.value) {
			for j := v; j < len(buf); j++ {
				if c := buf[j]; c == '\r' || c == '\n' || c == 0 {
					buf[j] = ' '
				}
			}
		}
		buf = append(buf, "\r\n"...)
		h.AddRaw(buf[start:len(buf):len(buf)])
	}
	return h
}

// addable reports whether Add gives the same field as AddRaw (see
// cleanHeader): a canonical name, a line go-message would not fold
// (formatHeaderField keeps "Name: value" of up to 76 bytes on one line),
// nothing to replace, nothing to trim (scanHeader trimmed the value).
func addable(f field) bool {
	return len(f.key)+2+len(f.value) <= 76 && canonicalKey(f.key) && !hasLineBreaker(f.value)
}

// canonicalKey reports whether net/textproto.CanonicalMIMEHeaderKey(k)
// returns k, without building the canonical form: k holds a byte that is
// not a token character (then it is left as is), or every letter is upper
// case at the start and after a hyphen and lower case elsewhere.
func canonicalKey(k string) bool {
	upper, changes := true, false
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !headerTokenByte(c) {
			return true
		}
		if upper && 'a' <= c && c <= 'z' || !upper && 'A' <= c && c <= 'Z' {
			changes = true
		}
		upper = c == '-'
	}
	return !changes
}

// headerTokenByte is net/textproto's validHeaderFieldByte: an RFC 7230
// token character.
func headerTokenByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return c < 0x80 && strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// hasLineBreaker reports whether s holds CR, LF or NUL.
func hasLineBreaker(s string) bool {
	return strings.IndexByte(s, '\r') >= 0 || strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, 0) >= 0
}

// decode1252 reads bytes as Windows-1252, the superset of ISO-8859-1 that
// mail without a declared charset is almost always written in.
func decode1252(s string) string {
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return out
}

// decoder decodes RFC 2047 encoded words, degrading unknown charsets to the
// raw bytes instead of failing.
type decoder struct {
	report func(ProblemCode, string)
}

func (d decoder) charsetReader(cs string, input io.Reader) (io.Reader, error) {
	r, err := charset.Reader(cs, input)
	if err != nil {
		d.report(ProblemUnknownCharset, fmt.Sprintf("charset %q in an encoded word", cs))
		return input, nil
	}
	return r, nil
}

// text decodes encoded words in an unstructured field value.
func (d decoder) text(v string) string {
	wd := mime.WordDecoder{CharsetReader: d.charsetReader}
	s, err := wd.DecodeHeader(v)
	if err != nil {
		s = v
	}
	return validUTF8(s)
}

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return decode1252(s)
}

// addresses parses an address list. When the list is not valid RFC 5322,
// each of its parts is recovered on its own, strictly: the angle address
// is the address (RFC 5322 §3.4: a display name is only a phrase, whatever
// it looks like), and a part without one counts only when it holds exactly
// one clean address. Anything else is dropped rather than guessed: a
// display name must never decide who wrote a mail.
func (d decoder) addresses(key, v string) []Address {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	if list, ok := simpleAddresses(v); ok {
		return list
	}
	ap := mail.AddressParser{WordDecoder: &mime.WordDecoder{CharsetReader: d.charsetReader}}
	if list, err := ap.ParseList(v); err == nil && !anyControl(list) {
		out := make([]Address, 0, len(list))
		for _, a := range list {
			if d.unquotable(key, a.Address) {
				out = append(out, Address{Name: validUTF8(strings.TrimSpace(a.Name)), Address: strings.ToLower(a.Address)})
			}
		}
		return out
	}
	parts := splitAddressList(v)
	if a, ok := d.recoverAddress(v); ok && strings.Count(v, "@") == 1 {
		// One address in the whole field: a comma in an unquoted name
		// ("Doe, John <john@example.org>") does not split it.
		d.report(ProblemBadAddress, fmt.Sprintf("%s is not a valid address list; 1 address(es) recovered", key))
		return []Address{a}
	}
	var out []Address
	for _, part := range parts {
		if a, err := ap.Parse(part); err == nil && strings.IndexFunc(a.Address, IsControl) < 0 {
			if d.unquotable(key, a.Address) {
				out = append(out, Address{Name: validUTF8(strings.TrimSpace(a.Name)), Address: strings.ToLower(a.Address)})
			}
			continue
		}
		if a, ok := d.recoverAddress(part); ok {
			out = append(out, a)
		}
	}
	d.report(ProblemBadAddress, fmt.Sprintf("%s is not a valid address list; %d address(es) recovered", key, len(out)))
	return out
}

// unquotable reports whether an address net/mail read stands without the
// quotes it may have had: "alice@cust.example"@evil.example is read as
// alice@cust.example@evil.example, which is no one's address and which no
// mail can be sent to (its acknowledgement would fail for good, a dead
// letter any stranger could cause). Such an address is left out, and said.
func (d decoder) unquotable(key, addr string) bool {
	if _, err := mail.ParseAddress(addr); err == nil {
		return true
	}
	d.report(ProblemBadAddress, fmt.Sprintf("%s holds an address with a quoted local part, left out: %q", key, addr))
	return false
}

// simpleAddresses reads an address list in the shape nearly all mail has:
// items "a@b.example" or "Display Name <a@b.example>" apart by commas, the
// name plain ASCII words (letters, digits and .'_-), the address a
// dot-atom of letters, digits and ._+- and a host name. ok is true only
// where net/mail's ParseList reads the list and gives these addresses;
// anything else is left to it. It exists because ParseList first tries
// every item as a bare address, then as a phrase, allocating as it goes:
// a tenth of a typical parse.
func simpleAddresses(v string) (list []Address, ok bool) {
	for item := range strings.SplitSeq(v, ",") {
		item = strings.Trim(item, " \t")
		var name string
		if strings.HasSuffix(item, ">") {
			lt := strings.LastIndexByte(item, '<')
			if lt < 0 {
				return nil, false
			}
			name, ok = simplePhrase(item[:lt])
			if !ok {
				return nil, false
			}
			item = item[lt+1 : len(item)-1]
		}
		if !simpleAddrSpec(item) {
			return nil, false
		}
		list = append(list, Address{Name: name, Address: strings.ToLower(item)})
	}
	return list, len(list) > 0
}

// simplePhrase reads a display name of plain words apart by spaces or tabs,
// as net/mail's consumePhrase joins them: with one space. An empty name is
// fine ("<a@b.example>").
func simplePhrase(s string) (string, bool) {
	words := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t':
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '\'', c == '_', c == '-':
			if i == 0 || s[i-1] == ' ' || s[i-1] == '\t' {
				words++
			}
		default:
			return "", false
		}
	}
	if words <= 1 {
		return strings.Trim(s, " \t"), true
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' }), " "), true
}

// simpleAddrSpec reports whether s is local@host with a dot-atom local part
// of letters, digits and ._+- and a host of dot-separated labels of
// letters, digits and hyphens.
func simpleAddrSpec(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 {
		return false
	}
	return dotAtom(s[:at], "._+-") && dotAtom(s[at+1:], ".-")
}

// dotAtom reports whether s is non-empty runs of letters, digits and the
// bytes of extra other than the dot, apart by single dots.
func dotAtom(s, extra string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(extra, c) >= 0) {
			return false
		}
	}
	return true
}

// author picks the writer among the mailboxes of a From field. RFC 5322
// §3.6.2: a From with several mailboxes must name the one who sent it in
// Sender; without that, no one of them is the author.
func (d decoder) author(from []Address, sender string) *Address {
	if len(from) == 1 {
		return &from[0]
	}
	quiet := decoder{report: func(ProblemCode, string) {}}
	if s := quiet.addresses("Sender", sender); len(s) == 1 {
		for i := range from {
			if from[i].Address == s[0].Address {
				return &from[i]
			}
		}
	}
	d.report(ProblemBadAddress, fmt.Sprintf("From names %d mailboxes and Sender none of them: the author is unknown", len(from)))
	return nil
}

// anyControl reports whether a parsed address holds a control character:
// such an address is recovered like a broken one, or not at all.
func anyControl(list []*mail.Address) bool {
	for _, a := range list {
		if strings.IndexFunc(a.Address, IsControl) >= 0 {
			return true
		}
	}
	return false
}

// recoverAddress reads one mailbox that net/mail refused. With an angle
// address, that is the address: the text before it is the display name,
// and nothing but a comment may follow it. Without one, the part must hold
// exactly one address-looking token, standing on its own (not glued to an
// encoded word or other text). A second address anywhere makes the part
// ambiguous, and ambiguous is refused.
func (d decoder) recoverAddress(part string) (Address, bool) {
	part = strings.TrimSpace(part)
	if part == "" {
		return Address{}, false
	}
	if lt, gt, ok := angle(part); ok {
		if lt < 0 {
			return d.repeatedAngle(part)
		}
		end := len(part)
		if gt >= 0 {
			end = gt
		}
		addr := strings.TrimSpace(part[lt+1 : end])
		if !cleanAddress.MatchString(addr) {
			return Address{}, false
		}
		if gt >= 0 {
			if after := strings.TrimSpace(part[gt+1:]); after != "" && !isComment(after) {
				return Address{}, false
			}
		}
		name := strings.Trim(strings.TrimSpace(part[:lt]), `"' `)
		return Address{Name: d.text(unquote(name)), Address: strings.ToLower(addr)}, true
	}
	locs := looseAddress.FindAllStringIndex(part, -1)
	if len(locs) != 1 || strings.Count(part, "@") != 1 {
		return Address{}, false
	}
	i, j := locs[0][0], locs[0][1]
	if !standsAlone(part, i, j) {
		return Address{}, false
	}
	addr := part[i:j]
	if !cleanAddress.MatchString(addr) {
		return Address{}, false
	}
	name := strings.TrimSpace(part[:i] + " " + part[j:])
	name = strings.Trim(name, ` "'()`)
	return Address{Name: d.text(unquote(name)), Address: strings.ToLower(addr)}, true
}

// repeatedAngle reads a part whose angle addresses all name the same
// mailbox ("Jane <jane@example.org> <jane@example.org>", as some mailers
// write): no doubt about the author there. Any difference is ambiguous.
func (d decoder) repeatedAngle(part string) (Address, bool) {
	ms := angleRun.FindAllStringSubmatchIndex(part, -1)
	if len(ms) < 2 || strings.Count(part, "<") != len(ms) || strings.Count(part, ">") != len(ms) {
		return Address{}, false
	}
	addr := strings.ToLower(strings.TrimSpace(part[ms[0][2]:ms[0][3]]))
	for i, m := range ms[1:] {
		// Only white space between the copies, and the same address.
		if strings.TrimSpace(part[ms[i][1]:m[0]]) != "" || strings.ToLower(strings.TrimSpace(part[m[2]:m[3]])) != addr {
			return Address{}, false
		}
	}
	if after := strings.TrimSpace(part[ms[len(ms)-1][1]:]); after != "" && !isComment(after) {
		return Address{}, false
	}
	if !cleanAddress.MatchString(addr) {
		return Address{}, false
	}
	name := strings.Trim(strings.TrimSpace(part[:ms[0][0]]), `"' `)
	return Address{Name: d.text(unquote(name)), Address: addr}, true
}

var angleRun = regexp.MustCompile(`<([^<>]*)>`)

// angle finds the one angle-bracketed address of a part, outside quoted
// strings and comments: lt and gt are the offsets of '<' and '>' (gt is -1
// when the bracket is never closed, which some mailers write). ok is false
// when the part has no '<' at all; lt is -1 when it has several.
func angle(part string) (lt, gt int, ok bool) {
	lt, gt = -1, -1
	quoted, comment, n := false, 0, 0
	// Quotes that do not pair up cannot be trusted to hide anything.
	honourQuotes := strings.Count(part, `"`)%2 == 0
	for i := 0; i < len(part); i++ {
		switch c := part[i]; {
		case c == '\\' && (quoted || comment > 0):
			i++
		case c == '"' && honourQuotes && comment == 0:
			quoted = !quoted
		case quoted:
		case c == '(':
			comment++
		case c == ')' && comment > 0:
			comment--
		case comment > 0:
		case c == '<':
			n++
			lt, gt = i, -1
		case c == '>' && lt >= 0 && gt < 0:
			gt = i
		}
	}
	switch {
	case n == 0:
		return -1, -1, false
	case n > 1:
		return -1, -1, true
	}
	return lt, gt, true
}

// isComment reports whether s is one parenthesised comment (RFC 5322
// §3.2.2), the only thing allowed after an angle address.
func isComment(s string) bool {
	return strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && !strings.Contains(s, "@")
}

// standsAlone reports whether the token s[i:j] is delimited by the ends of
// s, white space, quotes, or parentheses: "x=?utf-8?Q?_a@b.example?="
// holds an address-looking run that is part of an encoded word, not an
// address.
func standsAlone(s string, i, j int) bool {
	delim := func(c byte) bool { return c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == ')' }
	return (i == 0 || delim(s[i-1])) && (j == len(s) || delim(s[j]))
}

// unquote undoes the backslash escapes of a quoted display name.
func unquote(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var (
	looseAddress = regexp.MustCompile(`[^\s<>"(),;:\[\]@]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?`)
	// cleanAddress is an addr-spec as mail is really written: a dot-atom
	// local part (RFC 5322 §3.4.1) and a host name.
	cleanAddress = regexp.MustCompile(`^[A-Za-z0-9!#$%&'*+/=?^_` + "`" + `{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$`)
)

// splitAddressList splits on commas and semicolons outside quotes and angle
// brackets. Brackets or quotes that never close hide nothing: the list is
// split again without them, so that "broken <<<, bob@example.net" still
// yields bob's part.
func splitAddressList(v string) []string {
	parts, balanced := splitList(v, true, true)
	if !balanced {
		parts, balanced = splitList(v, true, false)
	}
	if !balanced {
		parts, _ = splitList(v, false, false)
	}
	return parts
}

func splitList(v string, quotes, angles bool) (parts []string, balanced bool) {
	var (
		quoted bool
		angle  int
		start  int
	)
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && quoted:
			i++
		case c == '"' && quotes:
			quoted = !quoted
		case c == '<' && !quoted && angles:
			angle++
		case c == '>' && !quoted && angle > 0:
			angle--
		case (c == ',' || c == ';') && !quoted && angle == 0:
			parts = append(parts, v[start:i])
			start = i + 1
		}
	}
	return append(parts, v[start:]), !quoted && angle == 0
}

// msgIDs extracts message identifiers leniently: angle-bracketed IDs in any
// separator (spaces, commas), and bare IDs without brackets. They come back
// without brackets, deduplicated, in order.
func msgIDs(v string, limit int) ([]string, bool) {
	var (
		out  []string
		seen map[string]bool // made once out is long enough to need it
		ok   = true
	)
	add := func(id string) {
		id = strings.TrimSpace(id)
		if id == "" || len(out) >= limit || len(id) > 998 {
			return
		}
		if seen != nil {
			if seen[id] {
				return
			}
			seen[id] = true
		} else if slices.Contains(out, id) {
			return
		} else if len(out) >= 8 {
			seen = make(map[string]bool, 2*len(out))
			for _, o := range out {
				seen[o] = true
			}
			seen[id] = true
		}
		out = append(out, id)
	}
	rest := v
	for len(rest) > 0 {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			for _, tok := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == '\t' || r == ',' || r == ';' }) {
				if strings.Contains(tok, "@") {
					ok = false
					add(strings.Trim(tok, "<>"))
				}
			}
			break
		}
		for _, tok := range strings.FieldsFunc(rest[:i], func(r rune) bool { return r == ' ' || r == '\t' || r == ',' || r == ';' }) {
			if strings.Contains(tok, "@") {
				ok = false
				add(tok)
			}
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			ok = false
			add(rest[i+1:])
			break
		}
		add(strings.ReplaceAll(rest[i+1:i+j], " ", ""))
		rest = rest[i+j+1:]
	}
	return out, ok
}

// parseDate reads a Date field, accepting the common deviations from RFC
// 5322 (missing weekday, missing seconds, zone names, trailing comments).
func parseDate(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if t, ok := rfc5322Date(v); ok {
		return t, true
	}
	if t, err := mail.ParseDate(v); err == nil {
		return t, true
	}
	// Drop a trailing comment such as "(CET)" and retry with a few layouts.
	if i := strings.IndexByte(v, '('); i > 0 {
		v = strings.TrimSpace(v[:i])
	}
	if t, err := mail.ParseDate(v); err == nil {
		return t, true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// rfc5322Date reads the one shape nearly every Date and Received stamp
// has, RFC 5322 §3.3 without obsolete forms: "[Mon, ]2 Jan 2006 15:04:05
// -0700", single spaces, optionally followed by comments. ok is true only
// where net/mail.ParseDate accepts the value and reads the same instant;
// anything else is left to it. It exists because ParseDate tries 48
// time.Parse layouts in turn, the usual one among the last.
func rfc5322Date(v string) (t time.Time, ok bool) {
	if strings.ContainsAny(v, "\r\n") {
		return t, false
	}
	if len(v) > 5 && v[3] == ',' && v[4] == ' ' {
		if !knownName(v[:3], shortDays) {
			return t, false
		}
		v = v[5:]
	}
	day, v, ok := digits(v, 1, 2)
	if !ok || len(v) < 5 || v[0] != ' ' || v[4] != ' ' {
		return t, false
	}
	month := monthNumber(v[1:4])
	if month == 0 {
		return t, false
	}
	v = v[5:]
	year, v, ok := digits(v, 4, 4)
	if !ok || len(v) < 15 || v[0] != ' ' || v[3] != ':' || v[6] != ':' || v[9] != ' ' {
		return t, false
	}
	hour, _, ok1 := digits(v[1:3], 2, 2)
	minute, _, ok2 := digits(v[4:6], 2, 2)
	sec, _, ok3 := digits(v[7:9], 2, 2)
	zh, _, ok4 := digits(v[11:13], 2, 2)
	zm, _, ok5 := digits(v[13:15], 2, 2)
	sign := v[10]
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || sign != '+' && sign != '-' {
		return t, false
	}
	// time.Parse's ranges: a zone offset of 24 hours or 60 minutes passes.
	if hour >= 24 || minute >= 60 || sec >= 60 || zh > 24 || zm > 60 ||
		day < 1 || day > time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return t, false
	}
	if !trailingComments(v[15:]) {
		return t, false
	}
	off := (zh*60 + zm) * 60
	if sign == '-' {
		off = -off
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.FixedZone("", off)), true
}

// trailingComments reports whether net/mail.ParseDate accepts s after the
// zone: spaces and comments, each closed; once something else comes, the
// rest is not looked at.
func trailingComments(s string) bool {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" || s[0] != '(' {
			return true
		}
		depth, i := 1, 1
		for ; i < len(s) && depth > 0; i++ {
			switch s[i] {
			case '\\':
				if i+1 < len(s) {
					i++
				}
			case '(':
				depth++
			case ')':
				depth--
			}
		}
		if depth > 0 {
			return false
		}
		s = s[i:]
	}
}

// digits reads min to max ASCII digits at the start of s.
func digits(s string, min, max int) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < max && '0' <= s[i] && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	return n, s[i:], i >= min
}

var (
	shortDays   = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	shortMonths = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
)

// knownName reports whether s is one of names, in any ASCII case, as
// time.Parse matches them.
func knownName(s string, names []string) bool {
	for _, n := range names {
		if asciiEqualFold(s, n) {
			return true
		}
	}
	return false
}

// monthNumber returns 1 to 12 for a month's short name, else 0.
func monthNumber(s string) int {
	for i, n := range shortMonths {
		if asciiEqualFold(s, n) {
			return i + 1
		}
	}
	return 0
}

func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04:05 -0700",
	"Mon Jan 2 15:04:05 2006",
	"Mon Jan 2 15:04:05 MST 2006",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02T15:04:05Z07:00",
	"Monday, January 2, 2006 3:04 PM",
}

// receivedDate returns the time stamp of the newest Received field (the
// first one), which says when our side got the message.
func receivedDate(fields []field) (time.Time, bool) {
	for _, f := range fields {
		if !strings.EqualFold(f.key, "Received") {
			continue
		}
		i := strings.LastIndexByte(f.value, ';')
		if i < 0 {
			continue
		}
		if t, ok := parseDate(f.value[i+1:]); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// headerEntity wraps a header for go-message's typed accessors.
func headerEntity(h textproto.Header) message.Header { return message.Header{Header: h} }
