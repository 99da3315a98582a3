package gateway_test

import (
	"strings"
	"testing"
	"unicode"

	"ticketgate/gateway"
)

// FuzzParseCommands feeds agents' mail text to ParseCommands: it must not
// panic, and what it accepts must be what it promises: known verbs, one
// status change at most, valid priorities, and a text that does not start
// with a command line (a command never reaches the customer as text).
func FuzzParseCommands(f *testing.F) {
	for _, s := range []string{
		"#resolve\nFixed.", "#priorite P2\n#assigner Alex\n#note called", "#reslove\nx", "#close\n#reopen",
		"\n\n#wait\r\nCould you send the log?", "#priority", "#", "#é", "Hello\n#close", "#note \x00",
	} {
		f.Add(s)
	}
	status := map[gateway.Verb]bool{gateway.VerbResolve: true, gateway.VerbClose: true, gateway.VerbReopen: true, gateway.VerbWait: true}
	f.Fuzz(func(t *testing.T, text string) {
		cmds, rest, err := gateway.ParseCommands(text)
		if err != nil {
			if cmds != nil || rest != "" {
				t.Fatalf("an error with results: %v %q", cmds, rest)
			}
			return
		}
		n := 0
		for _, c := range cmds {
			switch c.Verb {
			case gateway.VerbResolve, gateway.VerbClose, gateway.VerbNote, gateway.VerbPriority, gateway.VerbAssign,
				gateway.VerbReopen, gateway.VerbWait, gateway.VerbConfirm:
			default:
				t.Fatalf("unknown verb %q from %q", c.Verb, text)
			}
			if status[c.Verb] {
				n++
			}
			if !strings.HasPrefix(c.Line, "#") || !strings.Contains(text, c.Line) {
				t.Fatalf("line %q is not from %q", c.Line, text)
			}
			if c.Verb == gateway.VerbPriority {
				if _, err := gateway.ParsePriority(c.Arg); err != nil {
					t.Fatalf("priority %q accepted: %v", c.Arg, err)
				}
			}
			if c.Verb == gateway.VerbAssign && strings.TrimSpace(c.Arg) == "" {
				t.Fatalf("#assign without a name accepted")
			}
		}
		if n > 1 {
			t.Fatalf("%d status commands accepted from %q", n, text)
		}
		first, _, _ := strings.Cut(rest, "\n")
		if rs := []rune(strings.TrimSpace(first)); len(rs) >= 2 && rs[0] == '#' && unicode.IsLetter(rs[1]) {
			t.Fatalf("text %q starts with a command line", rest)
		}
		if len(rest) > len(text) {
			t.Fatalf("text grew")
		}
	})
}
