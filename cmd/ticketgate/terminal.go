package main

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// termWriter escapes what a terminal would act on rather than show: mail
// reaches the administrator's screen through every command (a subject,
// a name, a file name), and an ESC sequence in it could retitle the
// window, hide lines or forge output. Control characters other than LF
// and tab, DEL, C1 controls, bidirectional overrides and the Unicode line
// separators come out as \uXXXX, which JSON reads back as the same
// character (JSON output never holds them raw in any other place); bytes
// that are not UTF-8 come out as \xNN.
type termWriter struct {
	w       io.Writer
	pending []byte // the start of a character cut by the last write
}

func (t *termWriter) Write(p []byte) (int, error) {
	buf := append(t.pending, p...)
	cut := len(buf)
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				cut = i
			}
			break
		}
	}
	out := escapeTerminal(buf[:cut])
	t.pending = append([]byte(nil), buf[cut:]...)
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

func escapeTerminal(b []byte) []byte {
	clean := true
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if (r == utf8.RuneError && n == 1) || terminalEscaped(r) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			out = fmt.Appendf(out, `\x%02x`, b[i])
		case terminalEscaped(r):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

func terminalEscaped(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c, r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// terminalSafe makes every output of a command go through termWriter,
// once, keeping the streams as they were for a program that needs the
// terminal itself (the template editor).
func (e *env) terminalSafe() {
	if _, ok := e.stdout.(*termWriter); ok {
		return
	}
	e.rawStdout, e.rawStderr = e.stdout, e.stderr
	e.stdout, e.stderr = &termWriter{w: e.stdout}, &termWriter{w: e.stderr}
}
