package parser

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"regexp"
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
	var (
		fields  []field
		values  []*bytes.Buffer // values being built, one per field
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
			if v := values[len(values)-1]; v.Len() < maxFieldBytes {
				v.Write(bytes.TrimRight(line, "\r"))
			}
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
		v := bytes.TrimRight(line[colon+1:], "\r")
		if len(v) > maxFieldBytes {
			v = v[:maxFieldBytes]
		}
		fields = append(fields, field{key: string(line[:colon])})
		values = append(values, bytes.NewBuffer(append([]byte(nil), v...)))
		pos = next
	}
	if skipped > 0 {
		report(ProblemHeaderSyntax, fmt.Sprintf("%d header line(s) were not fields and were skipped", skipped))
	}
	for i := range fields {
		v := values[i].Bytes()
		if len(v) > maxFieldBytes {
			v = v[:maxFieldBytes]
		}
		fields[i].value = strings.TrimSpace(string(v))
		if !utf8.ValidString(fields[i].value) {
			fields[i].value = decode1252(fields[i].value)
			report(ProblemHeaderCharset, fmt.Sprintf("raw 8-bit bytes in %s read as windows-1252", fields[i].key))
		}
	}
	return fields, pos
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
func cleanHeader(fields []field) textproto.Header {
	var h textproto.Header
	for i := len(fields) - 1; i >= 0; i-- {
		f := fields[i]
		kv := make([]byte, 0, len(f.key)+len(f.value)+4)
		kv = append(append(kv, f.key...), ": "...)
		kv = append(kv, strings.Map(func(r rune) rune {
			if r == '\r' || r == '\n' || r == 0 {
				return ' '
			}
			return r
		}, f.value)...)
		h.AddRaw(append(kv, "\r\n"...))
	}
	return h
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

// addresses parses an address list, falling back to picking out whatever
// looks like an address when the list is not valid RFC 5322.
func (d decoder) addresses(key, v string) []Address {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	ap := mail.AddressParser{WordDecoder: &mime.WordDecoder{CharsetReader: d.charsetReader}}
	if list, err := ap.ParseList(v); err == nil {
		out := make([]Address, 0, len(list))
		for _, a := range list {
			out = append(out, Address{Name: validUTF8(strings.TrimSpace(a.Name)), Address: strings.ToLower(a.Address)})
		}
		return out
	}
	var out []Address
	for _, part := range splitAddressList(v) {
		if a, err := ap.Parse(part); err == nil {
			out = append(out, Address{Name: validUTF8(strings.TrimSpace(a.Name)), Address: strings.ToLower(a.Address)})
			continue
		}
		addr := looseAddress.FindString(part)
		if addr == "" {
			continue
		}
		name := strings.TrimSpace(strings.Replace(part, addr, "", 1))
		name = strings.Trim(name, ` "'<>()`)
		out = append(out, Address{Name: d.text(name), Address: strings.ToLower(addr)})
	}
	d.report(ProblemBadAddress, fmt.Sprintf("%s is not a valid address list; %d address(es) recovered", key, len(out)))
	return out
}

var looseAddress = regexp.MustCompile(`[^\s<>"(),;:\[\]@]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?`)

// splitAddressList splits on commas and semicolons outside quotes and angle
// brackets.
func splitAddressList(v string) []string {
	var (
		parts  []string
		quoted bool
		angle  int
		start  int
	)
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && quoted:
			i++
		case c == '"':
			quoted = !quoted
		case c == '<' && !quoted:
			angle++
		case c == '>' && !quoted && angle > 0:
			angle--
		case (c == ',' || c == ';') && !quoted && angle == 0:
			parts = append(parts, v[start:i])
			start = i + 1
		}
	}
	return append(parts, v[start:])
}

// msgIDs extracts message identifiers leniently: angle-bracketed IDs in any
// separator (spaces, commas), and bare IDs without brackets. They come back
// without brackets, deduplicated, in order.
func msgIDs(v string, limit int) ([]string, bool) {
	var (
		out  []string
		seen = map[string]bool{}
		ok   = true
	)
	add := func(id string) {
		id = strings.TrimSpace(id)
		if id == "" || seen[id] || len(out) >= limit || len(id) > 998 {
			return
		}
		seen[id] = true
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
