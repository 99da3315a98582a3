package parser

import (
	"bufio"
	"bytes"
	nettextproto "net/textproto"
	"reflect"
	"strings"
	"testing"

	"github.com/emersion/go-message/textproto"
)

// readHeaderWhole is how cleanHeader built the header before: the fields
// written out as a block and read back by textproto.ReadHeader.
func readHeaderWhole(fields []field) textproto.Header {
	var buf bytes.Buffer
	for _, f := range fields {
		buf.WriteString(f.key + ": " + strings.Map(func(r rune) rune {
			if r == '\r' || r == '\n' || r == 0 {
				return ' '
			}
			return r
		}, f.value) + "\r\n")
	}
	buf.WriteString("\r\n")
	h, _ := textproto.ReadHeader(bufio.NewReader(&buf))
	return h
}

// fieldList is a header's fields in order, raw bytes included.
func fieldList(h textproto.Header) []string {
	var out []string
	for f := h.Fields(); f.Next(); {
		raw, _ := f.Raw()
		out = append(out, f.Key()+"\x00"+f.Value()+"\x00"+string(raw))
	}
	return out
}

func TestCleanHeaderMatchesReadHeader(t *testing.T) {
	inputs := [][]byte{crlf("A: 1\nb: \t two \x00\nA: 3\nX-Y:\n"),
		// Lines of 76 and 77 bytes either side of go-message's folding, a
		// name to canonicalise, a long word that cannot be folded.
		crlf("Subject: " + strings.Repeat("ab ", 22) + "a\nSubject: " + strings.Repeat("ab ", 22) + "ab\n" +
			"message-id: <x@y>\nX-Long: " + strings.Repeat("x", 90) + "\nX-E:\n")}
	for _, f := range loadCorpus(t) {
		inputs = append(inputs, f.raw)
	}
	for _, raw := range inputs {
		fields, _ := scanHeader(raw, DefaultMaxHeaderBytes, func(ProblemCode, string) {})
		got, want := cleanHeader(fields), readHeaderWhole(fields)
		if !reflect.DeepEqual(fieldList(got), fieldList(want)) || !reflect.DeepEqual(got.Map(), want.Map()) {
			t.Errorf("header of %.40q:\n got %q\nwant %q", raw, fieldList(got), fieldList(want))
		}
		if got.Get("A") != want.Get("A") {
			t.Errorf("Get differs")
		}
	}
}

func TestCanonicalKeyAgreesWithNetTextproto(t *testing.T) {
	keys := []string{"", "A", "a", "Message-Id", "Message-ID", "message-id", "X-MS-Has-Attach", "Mime-Version", "-a", "A-",
		"A--b", "A b", "A:b", "Ä", "X_Y", "x_Y", "Dkim-Signature", "DKIM-Signature", "A1-B2", "1a", "A.B", "A.b"}
	for _, f := range loadCorpus(t) {
		fields, _ := scanHeader(f.raw, DefaultMaxHeaderBytes, func(ProblemCode, string) {})
		for _, fl := range fields {
			keys = append(keys, fl.key)
		}
	}
	for _, k := range keys {
		if got, want := canonicalKey(k), nettextproto.CanonicalMIMEHeaderKey(k) == k; got != want {
			t.Errorf("canonicalKey(%q) = %v, net/textproto says %v", k, got, want)
		}
	}
}
