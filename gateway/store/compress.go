package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	// Twice as fast as compress/flate at the same ratio; the format is
	// plain DEFLATE (RFC 1951) either way.
	"github.com/klauspost/compress/flate"
)

// Large text (raw mail, bodies, rendered outgoing mail) is stored
// deflated: mail text shrinks two to four times, and a row that fits a
// page with others costs a fraction of a page instead of one or more.
// Level 5 finds what a mail repeats (its text in its HTML, a quoted
// message) far better than level 1, at the same speed with pooled writers.
// Writers are pooled because a new one allocates about a megabyte.

var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, 5)
	return w
}}

// Deflate compresses b into a new slice.
func Deflate(b []byte) []byte { return DeflateDict(nil, b, nil) }

// DeflateDict compresses b against dict, text b is likely to repeat: what
// b shares with it costs a few bytes. The same dict is needed to inflate.
// The result starts with head, so that a tagged value is one allocation.
func DeflateDict(head, b, dict []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(head) + len(b)/2 + 64)
	buf.Write(head)
	w := deflaters.Get().(*flate.Writer)
	// ResetDict, also without a dictionary: a pooled writer keeps the
	// last dictionary it was given for a plain Reset.
	w.ResetDict(&buf, dict)
	w.Write(b) // writes to a bytes.Buffer do not fail
	w.Close()
	deflaters.Put(w)
	return buf.Bytes()
}

// maxInflated bounds what one stored value may expand to, so that a
// damaged or hostile row cannot exhaust memory.
const maxInflated = 256 << 20

var inflaters sync.Pool

// Inflate reverses Deflate, refusing to expand past maxInflated.
func Inflate(b []byte) ([]byte, error) { return InflateDict(b, nil) }

// InflateDict reverses DeflateDict with the same dict.
func InflateDict(b, dict []byte) ([]byte, error) {
	src := bytes.NewReader(b)
	r, _ := inflaters.Get().(io.ReadCloser)
	if r == nil {
		r = flate.NewReaderDict(src, dict)
	} else if err := r.(flate.Resetter).Reset(src, dict); err != nil {
		return nil, fmt.Errorf("inflate stored data: %w", err)
	}
	defer inflaters.Put(r)
	out, err := io.ReadAll(io.LimitReader(r, maxInflated+1))
	if err != nil {
		return nil, fmt.Errorf("inflate stored data: %w", err)
	}
	if len(out) > maxInflated {
		return nil, errors.New("inflate stored data: over the size limit")
	}
	return out, nil
}

// Outbox rows are deflated, alone or against the text of the message the
// mail quotes (an agents' notice repeats the customer's mail), so that
// text is not stored a second time. Rows written before start with the
// '{' of their JSON.
const (
	outboxDeflated     = 0x01
	outboxDeflatedDict = 0x02
)

// Outbox rows written since the preset dictionaries are deflated against
// the dictionary of their kind (see presets), and against it followed by
// the quoted text when they quote one.
const (
	outboxPreset      = 0x03
	outboxPresetQuote = 0x04
)

// maxDict is how much of a quoted text serves as dictionary: DEFLATE
// looks back 32 KB at most.
const maxDict = 32 << 10

// QuoteDict is the dictionary an outgoing mail that quotes text is
// packed against: the text's last maxDict bytes.
func QuoteDict(text string) []byte {
	if len(text) > maxDict {
		text = text[len(text)-maxDict:]
	}
	return []byte(text)
}

// PackOutbox encodes an outbox row's JSON for a mail of kind, against
// quote when the mail quotes a message (quote from QuoteDict). A kind
// with a preset dictionary is packed against it (and the quote after
// it): what every mail of that kind repeats, the template's wording and
// the JSON's field names, then costs a few bytes.
func PackOutbox(js []byte, kind string, quote []byte) []byte {
	preset := presetDict(kind)
	switch {
	case preset != nil && quote != nil:
		if room := maxDict - len(preset); len(quote) > room {
			quote = quote[len(quote)-room:]
		}
		dict := make([]byte, 0, len(preset)+len(quote))
		return DeflateDict([]byte{outboxPresetQuote}, js, append(append(dict, preset...), quote...))
	case preset != nil:
		return DeflateDict([]byte{outboxPreset}, js, preset)
	case quote != nil:
		return DeflateDict([]byte{outboxDeflatedDict}, js, quote)
	}
	return DeflateDict([]byte{outboxDeflated}, js, nil)
}

// UnpackOutbox decodes a row of a mail of kind; quote is called for the
// quoted text when the row was packed against one.
func UnpackOutbox(data []byte, kind string, quote func() ([]byte, error)) ([]byte, error) {
	if len(data) == 0 {
		return data, nil
	}
	switch data[0] {
	case outboxDeflated:
		return Inflate(data[1:])
	case outboxDeflatedDict:
		d, err := quote()
		if err != nil {
			return nil, err
		}
		return InflateDict(data[1:], d)
	case outboxPreset, outboxPresetQuote:
		preset := presetDict(kind)
		if preset == nil {
			return nil, fmt.Errorf("no preset dictionary for %q mail", kind)
		}
		if data[0] == outboxPreset {
			return InflateDict(data[1:], preset)
		}
		q, err := quote()
		if err != nil {
			return nil, err
		}
		if room := maxDict - len(preset); len(q) > room {
			q = q[len(q)-room:]
		}
		return InflateDict(data[1:], append(append(make([]byte, 0, len(preset)+len(q)), preset...), q...))
	}
	return data, nil
}

// A message's bodies are stored as one deflated record: the text, the
// reply (as a span of the text when it is one, which it nearly always
// is, so the text is not stored twice) and the HTML.
const (
	replyLiteral = 0
	replySpan    = 1
)

// PackBodies encodes a message's text, reply and HTML as one record.
func PackBodies(text, reply, html string) []byte {
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(text)))
	b = append(b, text...)
	if i := strings.Index(text, reply); i >= 0 && reply != "" {
		b = append(b, replySpan)
		b = binary.AppendUvarint(b, uint64(i))
		b = binary.AppendUvarint(b, uint64(len(reply)))
	} else {
		b = append(b, replyLiteral)
		b = binary.AppendUvarint(b, uint64(len(reply)))
		b = append(b, reply...)
	}
	b = binary.AppendUvarint(b, uint64(len(html)))
	b = append(b, html...)
	return Deflate(b)
}

var errBodies = errors.New("stored message bodies are damaged")

// UnpackBodies reverses PackBodies; a damaged record is an error.
func UnpackBodies(z []byte) (text, reply, html string, err error) {
	b, err := Inflate(z)
	if err != nil {
		return "", "", "", err
	}
	str := func() (string, bool) {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return "", false
		}
		s := string(b[k : k+int(n)])
		b = b[k+int(n):]
		return s, true
	}
	var ok bool
	if text, ok = str(); !ok || len(b) == 0 {
		return "", "", "", errBodies
	}
	mode := b[0]
	b = b[1:]
	switch mode {
	case replySpan:
		at, k1 := binary.Uvarint(b)
		if k1 <= 0 {
			return "", "", "", errBodies
		}
		n, k2 := binary.Uvarint(b[k1:])
		if k2 <= 0 || at > uint64(len(text)) || n > uint64(len(text))-at {
			return "", "", "", errBodies
		}
		reply = text[at : at+n]
		b = b[k1+k2:]
	case replyLiteral:
		if reply, ok = str(); !ok {
			return "", "", "", errBodies
		}
	default:
		return "", "", "", errBodies
	}
	if html, ok = str(); !ok || len(b) != 0 {
		return "", "", "", errBodies
	}
	return text, reply, html, nil
}
