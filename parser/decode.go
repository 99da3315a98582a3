package parser

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
)

// base64Reader decodes base64 leniently: characters outside the alphabet
// (other than white space and padding) are skipped and counted, padding is
// optional, and a dangling final character is dropped.
type base64Reader struct {
	src     io.Reader
	report  func(dropped int)
	buf     []byte // undecoded alphabet characters
	out     []byte // decoded bytes not yet returned
	dec     []byte // backing store for out, reused
	in      [4096]byte
	eof     bool
	dropped int
}

func newBase64Reader(r io.Reader, report func(int)) *base64Reader {
	return &base64Reader{src: r, report: report}
}

// base64Pool recycles base64 readers, their 4 KB input array and their
// buffers, between the parts of a parse.
var base64Pool sync.Pool

// getBase64Reader is newBase64Reader from the pool; putBase64Reader
// returns b once it is no longer read.
func getBase64Reader(r io.Reader, report func(int)) *base64Reader {
	b, _ := base64Pool.Get().(*base64Reader)
	if b == nil {
		return newBase64Reader(r, report)
	}
	*b = base64Reader{src: r, report: report, buf: b.buf[:0], dec: b.dec}
	return b
}

func putBase64Reader(b *base64Reader) {
	if cap(b.buf) > maxPooledScratch || cap(b.dec) > maxPooledScratch {
		return
	}
	b.src, b.report, b.out = nil, nil, nil
	base64Pool.Put(b)
}

func (b *base64Reader) Read(p []byte) (int, error) {
	for len(b.out) == 0 {
		if b.eof {
			return 0, io.EOF
		}
		n, err := b.src.Read(b.in[:])
		for _, c := range b.in[:n] {
			switch m := base64Class[c]; m {
			case b64Skip:
			case b64Drop:
				b.dropped++
			default:
				b.buf = append(b.buf, m)
			}
		}
		if err != nil {
			b.eof = true
			if err != io.EOF {
				b.flush(true)
				if len(b.out) > 0 {
					break
				}
				return 0, err
			}
		}
		b.flush(b.eof)
	}
	n := copy(p, b.out)
	b.out = b.out[n:]
	return n, nil
}

// base64Class maps each input byte to the alphabet character it stands
// for, or says that it is skipped (padding, white space) or dropped and
// counted.
var base64Class = func() (t [256]byte) {
	for c := range 256 {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			t[c] = byte(c)
		case c == '-':
			t[c] = '+' // base64url, seen from some web mailers
		case c == '_':
			t[c] = '/'
		case c == '=' || c == ' ' || c == '\t' || c == '\r' || c == '\n':
			t[c] = b64Skip
		default:
			t[c] = b64Drop
		}
	}
	return t
}()

// Classes of base64Class that are not alphabet characters.
const (
	b64Skip = 0
	b64Drop = 1
)

// flush decodes whole quanta, or everything that can be decoded at the end.
func (b *base64Reader) flush(final bool) {
	whole := len(b.buf) / 4 * 4
	if final {
		whole = len(b.buf)
		if whole%4 == 1 {
			whole-- // one character cannot carry a byte
		}
		if b.dropped > 0 && b.report != nil {
			b.report(b.dropped)
			b.dropped = 0
		}
	}
	if whole == 0 {
		return
	}
	if need := base64.RawStdEncoding.DecodedLen(whole); cap(b.dec) < need {
		b.dec = make([]byte, need)
	}
	n, _ := base64.RawStdEncoding.Decode(b.dec[:cap(b.dec)], b.buf[:whole])
	b.out = b.dec[:n]
	b.buf = append(b.buf[:0], b.buf[whole:]...)
}

// toUTF8 converts a text part's bytes to UTF-8. A missing, wrong or unknown
// charset degrades to Windows-1252 when the bytes are not UTF-8.
func (w *walker) toUTF8(b []byte, cs, mediaType string) string {
	if bytes.IndexByte(b, 0) >= 0 {
		b = bytes.ReplaceAll(b, []byte{0}, nil)
		w.msg.problem(ProblemInvalidText, fmt.Sprintf("NUL bytes removed from %s", mediaType))
	}
	cs = strings.ToLower(strings.Trim(strings.TrimSpace(cs), `"'`))
	switch cs {
	case "", "us-ascii", "ascii", "utf-8", "utf8", "unicode-1-1-utf-8":
	default:
		r, err := charset.Reader(cs, bytes.NewReader(b))
		if err != nil {
			w.msg.problem(ProblemUnknownCharset, fmt.Sprintf("charset %q of %s is unknown", truncate(cs, 40), mediaType))
			break
		}
		out, err := io.ReadAll(r)
		if err != nil {
			w.msg.problem(ProblemInvalidText, fmt.Sprintf("%s in %q: %v", mediaType, cs, err))
			break
		}
		return strings.ToValidUTF8(string(out), "\uFFFD")
	}
	if utf8.Valid(b) {
		return string(b)
	}
	if cs == "utf-8" || cs == "utf8" {
		w.msg.problem(ProblemInvalidText, fmt.Sprintf("%s declared UTF-8 is not; read as windows-1252", mediaType))
	}
	return decode1252(string(b))
}

// unflow joins the soft line breaks of format=flowed text (RFC 3676 §4.2):
// a line ending in a space continues on the next line of the same quote
// depth.
func unflow(s string, delsp bool) string {
	var (
		out   []string
		cur   strings.Builder
		depth = -1 // quote depth of the paragraph being joined; -1: none
	)
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		d := 0
		for d < len(l) && l[d] == '>' {
			d++
		}
		content := l[d:]
		// §4.4: undo space-stuffing.
		content = strings.TrimPrefix(content, " ")
		if depth >= 0 && d != depth {
			out = append(out, cur.String())
			cur.Reset()
			depth = -1
		}
		if depth < 0 {
			cur.WriteString(strings.Repeat(">", d))
			if d > 0 && content != "" {
				cur.WriteByte(' ')
			}
		}
		// §4.3: the signature separator is never flowed.
		soft := strings.HasSuffix(content, " ") && content != "-- "
		if soft && delsp {
			content = content[:len(content)-1]
		}
		cur.WriteString(content)
		if soft {
			depth = d
			continue
		}
		out = append(out, cur.String())
		cur.Reset()
		depth = -1
	}
	if depth >= 0 {
		out = append(out, cur.String())
	}
	return strings.Join(out, "\n")
}
