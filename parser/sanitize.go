package parser

import (
	"fmt"
	"slices"
	"strings"
)

// ProblemControlChars records that a subject, display name or file name
// held control characters or bidirectional overrides, replaced in the
// Message (the raw bytes keep them).
const ProblemControlChars ProblemCode = "control-characters"

// IsControl reports whether r must never reach a one-line field a person
// reads: C0 and C1 controls, DEL, and the Unicode bidirectional embeddings,
// overrides and isolates that reorder what surrounds them (the "Trojan
// Source" characters, CVE-2021-42574) — a file name "invoice\u202Efdp.exe"
// reads as "invoiceexe.pdf".
func IsControl(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// CleanLine makes s safe as one line of text: CR, LF and tab become a
// space (a CR LF pair one space, as header unfolding would), any other
// control character or bidirectional override becomes U+FFFD so that its
// presence stays visible. It reports whether anything was replaced.
func CleanLine(s string) (string, bool) {
	if strings.IndexFunc(s, IsControl) < 0 {
		return s, false
	}
	s = strings.ReplaceAll(s, "\r\n", " ")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r' || r == '\n' || r == '\t':
			return ' '
		case IsControl(r):
			return '\uFFFD'
		}
		return r
	}, s), true
}

// sanitize replaces control characters in the fields people read on one
// line: the subject, every display name, attachment file names. Bodies
// keep their line breaks and are left alone.
func sanitize(m *Message) {
	var fixed []string
	clean := func(what string, s *string) {
		if c, ok := CleanLine(*s); ok {
			*s = c
			fixed = append(fixed, what)
		}
	}
	clean("Subject", &m.Subject)
	for _, a := range []*Address{m.From, m.Sender} {
		if a != nil {
			clean("a display name", &a.Name)
		}
	}
	for _, list := range [][]Address{m.ReplyTo, m.To, m.Cc} {
		for i := range list {
			clean("a display name", &list[i].Name)
		}
	}
	for i := range m.Attachments {
		clean("a file name", &m.Attachments[i].Filename)
	}
	if len(fixed) > 0 {
		m.problem(ProblemControlChars, fmt.Sprintf("control characters in %s replaced", strings.Join(dedupe(fixed), ", ")))
	}
}

func dedupe(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
