package parser

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes to Parse: it must not panic (the recover
// in Parse turns panics into problems, so those are caught here too), must
// return a message for any non-blank input, and must produce valid UTF-8.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "parser", "*.eml"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("From: a@b\r\n\r\nx"))
	f.Add([]byte("Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n\r\n--a--"))
	p, _ := New(Options{MaxSize: 1 << 20, MaxTextBytes: 64 << 10})
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := p.Parse(raw)
		if err != nil {
			if err != ErrEmpty {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if m.HasProblem(ProblemInternal) {
			t.Fatalf("panic inside Parse: %v", m.Problems)
		}
		for _, s := range []string{m.Subject, m.Text, m.Reply, m.HTML, m.MessageID} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in output: %q", s)
			}
		}
		if _, err := json.Marshal(m); err != nil {
			t.Fatalf("marshal: %v", err)
		}
		for i := range m.Attachments {
			if _, err := m.Attachments[i].Open(); err != nil {
				t.Fatalf("attachment %d cannot be reopened: %v", i, err)
			}
		}
	})
}

// FuzzStripReply checks that the one-pass StripReply never returns more
// than it was given and agrees with the regular-expression implementation
// it replaced.
func FuzzStripReply(f *testing.F) {
	f.Add("Hi\n\nOn Mon, Jane wrote:\n> x")
	f.Add("Le lun., a écrit :\n> y")
	for _, tt := range stripReplyTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := StripReply(s)
		if len(out) > len(s)+1 {
			t.Fatalf("reply longer than input")
		}
		if want := regexpStripReply(s); out != want {
			t.Fatalf("StripReply(%q) = %q, the regexp implementation gives %q", s, out, want)
		}
	})
}
