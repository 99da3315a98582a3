package gateway

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClipQuote(t *testing.T) {
	if got := clipQuote("short\ntext", 64); got != "short\ntext" {
		t.Errorf("short text changed: %q", got)
	}
	lines := strings.Repeat("une ligne de journal à lire\n", 100)
	got := clipQuote(lines, 1000)
	if len(got) > 1000+len("\n[…]") || !strings.HasSuffix(got, "lire\n[…]") {
		t.Errorf("cut not at a line end, or too long (%d bytes): …%q", len(got), got[len(got)-40:])
	}
	// One long line of accented letters: cut between characters.
	one := strings.Repeat("é", 1000)
	if got := clipQuote(one, 101); !utf8.ValidString(got) || len(got) > 101+len("\n[…]") {
		t.Errorf("cut inside a character or too long: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
}
