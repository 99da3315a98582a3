package postgres

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// Two kinds of value the gateway stores do not fit PostgreSQL's types as
// they are, and are converted on every connection by the codecs below,
// so that the queries pass and scan Go values as they are:
//
//   - Times keep their nanoseconds (the scheduler pages its timers, and a
//     lease expires, on exact instants; timestamptz keeps microseconds).
//     They are stored as bigint nanoseconds since 1970 UTC, which sort and
//     compare as the instants do; unixnano_time(col) shows one as a
//     timestamptz. The zero time is the smallest bigint; instants beyond
//     the years 1678 to 2262 are held at those bounds.
//   - Text holds anything mail carries, NUL and invalid UTF-8 included,
//     which PostgreSQL's text refuses. Such a string is stored with an
//     escape: U+E000 (a private-use character) followed by 0 for a NUL,
//     by x and two hex digits for a byte that is not UTF-8, by itself for
//     itself. Any other text is stored as it is; equality, order and
//     lower() work on the stored form, since the same escape is applied
//     to the values queries compare with.

// registerCodecs installs the codecs on a connection's type map.
func registerCodecs(m *pgtype.Map) {
	text := &pgtype.Type{Name: "text", OID: pgtype.TextOID, Codec: escapedText{}}
	m.RegisterType(text)
	m.RegisterType(&pgtype.Type{Name: "_text", OID: pgtype.TextArrayOID, Codec: &pgtype.ArrayCodec{ElementType: text}})
	m.RegisterType(&pgtype.Type{Name: "int8", OID: pgtype.Int8OID, Codec: nanoInt8{}})
}

const textEscape = '\uE000'

func needsEscape(s string) bool {
	return !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 || strings.ContainsRune(s, textEscape)
}

// escapeText is s as PostgreSQL's text holds it.
func escapeText(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(textEscape)
			b.WriteByte('x')
			b.WriteString(fmt.Sprintf("%02x", s[i]))
		case r == 0:
			b.WriteRune(textEscape)
			b.WriteByte('0')
		case r == textEscape:
			b.WriteRune(textEscape)
			b.WriteRune(textEscape)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// unescapeText reverses escapeText; an escape it does not know is kept
// as it is.
func unescapeText(s string) string {
	if !strings.ContainsRune(s, textEscape) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != textEscape {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		rest := s[i+n:]
		switch {
		case strings.HasPrefix(rest, "0"):
			b.WriteByte(0)
			i += n + 1
		case strings.HasPrefix(rest, string(textEscape)):
			b.WriteRune(textEscape)
			i += n + len(string(textEscape))
		case len(rest) >= 3 && rest[0] == 'x':
			if v, err := strconv.ParseUint(rest[1:3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += n + 3
				continue
			}
			fallthrough
		default:
			b.WriteRune(r)
			i += n
		}
	}
	return b.String()
}

// escapedText is PostgreSQL's text with escapeText on the way in and
// unescapeText on the way out. It prefers the binary format, in which text
// is its bytes: in the text format pgx would send a string past the codec.
type escapedText struct{ pgtype.TextCodec }

func (escapedText) PreferredFormat() int16 { return pgtype.BinaryFormatCode }

func (c escapedText) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	switch value.(type) {
	case string, textArg:
		return encodeEscaped{}
	}
	return c.TextCodec.PlanEncode(m, oid, format, value)
}

// textArg is a string argument of a query. pgx sends a plain string in
// the text format, past every codec; wrapped, it goes through
// escapedText.
type textArg string

// args wraps the strings among a query's arguments.
func args(as []any) []any {
	for i, a := range as {
		if s, ok := a.(string); ok {
			as[i] = textArg(s)
		}
	}
	return as
}

// Scanning: pgx reads text into a *string itself, past every codec, so
// the rows of this package wrap their string destinations (scanTo) in
// TextScanners that unescape.

// textDst is a string destination.
type textDst string

func (d *textDst) ScanText(v pgtype.Text) error {
	if !v.Valid {
		return errors.New("cannot scan NULL into *string")
	}
	*d = textDst(unescapeText(v.String))
	return nil
}

// nullTextDst is a *string destination: nil for NULL.
type nullTextDst struct{ p **string }

func (d nullTextDst) ScanText(v pgtype.Text) error {
	if !v.Valid {
		*d.p = nil
		return nil
	}
	s := unescapeText(v.String)
	*d.p = &s
	return nil
}

// scanTo wraps the string destinations of a Scan; after unescapes the
// lists once it has run.
func scanTo(dst []any) (wrapped []any, after func()) {
	var lists []*[]string
	wrapped = make([]any, len(dst))
	for i, d := range dst {
		switch p := d.(type) {
		case *string:
			wrapped[i] = (*textDst)(p)
		case **string:
			wrapped[i] = nullTextDst{p}
		case *[]string:
			lists = append(lists, p)
			wrapped[i] = d
		default:
			wrapped[i] = d
		}
	}
	return wrapped, func() {
		for _, l := range lists {
			for i, s := range *l {
				(*l)[i] = unescapeText(s)
			}
		}
	}
}

// scanner is what rows and row have in common.
type scanner interface{ Scan(...any) error }

func scanUnescaped(sc scanner, dst []any) error {
	w, after := scanTo(dst)
	if err := sc.Scan(w...); err != nil {
		return err
	}
	after()
	return nil
}

// unescapedRow is a pgx row whose Scan unescapes text.
type unescapedRow struct{ pgx.Row }

func (r unescapedRow) Scan(dst ...any) error { return scanUnescaped(r.Row, dst) }

// unescapedRows is a row of a result, for pgx.CollectRows, whose Scan
// unescapes text.
type unescapedRows struct{ pgx.CollectableRow }

func (r unescapedRows) Scan(dst ...any) error { return scanUnescaped(r.CollectableRow, dst) }

type encodeEscaped struct{}

func (encodeEscaped) Encode(value any, buf []byte) ([]byte, error) {
	s, ok := value.(string)
	if !ok {
		s = string(value.(textArg))
	}
	return append(buf, escapeText(s)...), nil
}

// The range of instants a bigint of nanoseconds holds.
var (
	minNano = time.Unix(0, math.MinInt64+1)
	maxNano = time.Unix(0, math.MaxInt64)
)

// unixNano is t as stored.
func unixNano(t time.Time) int64 {
	switch {
	case t.IsZero():
		return math.MinInt64
	case t.Before(minNano):
		return math.MinInt64 + 1
	case t.After(maxNano):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// fromUnixNano is a stored instant, in UTC.
func fromUnixNano(n int64) time.Time {
	if n == math.MinInt64 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// nanoInt8 is PostgreSQL's bigint that also takes and gives time.Time as
// nanoseconds since 1970.
type nanoInt8 struct{ pgtype.Int8Codec }

func (c nanoInt8) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if _, ok := value.(time.Time); ok {
		return encodeNano{format}
	}
	return c.Int8Codec.PlanEncode(m, oid, format, value)
}

func (c nanoInt8) PlanScan(m *pgtype.Map, oid uint32, format int16, target any) pgtype.ScanPlan {
	if _, ok := target.(*time.Time); ok {
		return scanNano{format}
	}
	return c.Int8Codec.PlanScan(m, oid, format, target)
}

type encodeNano struct{ format int16 }

func (p encodeNano) Encode(value any, buf []byte) ([]byte, error) {
	n := unixNano(value.(time.Time))
	if p.format == pgtype.BinaryFormatCode {
		return binary.BigEndian.AppendUint64(buf, uint64(n)), nil
	}
	return strconv.AppendInt(buf, n, 10), nil
}

type scanNano struct{ format int16 }

func (p scanNano) Scan(src []byte, dst any) error {
	if src == nil {
		return errors.New("cannot scan NULL into *time.Time")
	}
	var n int64
	if p.format == pgtype.BinaryFormatCode {
		if len(src) != 8 {
			return fmt.Errorf("invalid length for int8: %d", len(src))
		}
		n = int64(binary.BigEndian.Uint64(src))
	} else {
		v, err := strconv.ParseInt(string(src), 10, 64)
		if err != nil {
			return fmt.Errorf("read a stored time: %w", err)
		}
		n = v
	}
	*dst.(*time.Time) = fromUnixNano(n)
	return nil
}
