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
