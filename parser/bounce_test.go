package parser

import (
	"reflect"
	"testing"
)

// TestFirstLineMatch checks the per-line search of bounce fields against
// the search of the whole text it replaced.
func TestFirstLineMatch(t *testing.T) {
	texts := []string{
		"", "x\n  <a@b.example>:\n", "\ta@b\n  c@d:", "  no at\n Message-ID: <x@y>\n", "> Message-ID:<m@x>  \n\tmessage-id: <n@x>",
		"Message-ID: <bad id@x>\nMESSAGE-ID:\t<ok@x>", " a@b c\n  d@e  \n",
	}
	for _, f := range loadCorpus(t) {
		texts = append(texts, mustParse(t, f.raw).Text)
	}
	for _, s := range texts {
		for _, c := range []struct {
			name string
			got  []string
			want []string
		}{
			{"recipient", firstLineMatch(plainBounceRecipient, s, mayHoldRecipient), plainBounceRecipient.FindStringSubmatch(s)},
			{"message-id", firstLineMatch(quotedMessageID, s, mayHoldMessageID), quotedMessageID.FindStringSubmatch(s)},
		} {
			if !reflect.DeepEqual(c.got, c.want) {
				t.Errorf("%s in %.60q: got %q, want %q", c.name, s, c.got, c.want)
			}
		}
	}
}

var enhancedStatusTexts = []string{
	"", "5.1.1", "550 5.1.1 <a@b>: unknown", "x5.1.1 4.7.1", "5.1.1234 5.12.3", "4.2.2_ 4.2.2", "15.1.1 5.1.1",
	"5.1234.5 4.4.7", "é5.1.1é", "5.1.", "5..1 5.1", "4.0.0\n", "v=4.3.2.1", "5.5.5.5 5.0.0",
}

func TestFindEnhancedStatusMatchesRegexp(t *testing.T) {
	for _, s := range enhancedStatusTexts {
		want := ""
		if sm := enhancedStatus.FindStringSubmatch(s); sm != nil {
			want = sm[1]
		}
		if got := findEnhancedStatus(s); got != want {
			t.Errorf("findEnhancedStatus(%q) = %q, the regexp finds %q", s, got, want)
		}
	}
}

func FuzzEnhancedStatus(f *testing.F) {
	for _, s := range enhancedStatusTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := ""
		if sm := enhancedStatus.FindStringSubmatch(s); sm != nil {
			want = sm[1]
		}
		if got := findEnhancedStatus(s); got != want {
			t.Fatalf("findEnhancedStatus(%q) = %q, the regexp finds %q", s, got, want)
		}
	})
}
