package parser

import (
	"regexp"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// deliveryStatus is the part of a message/delivery-status body (RFC 3464
// §2) we use: the first failed recipient, else the first recipient.
type deliveryStatus struct {
	recipient, status, action string
}

func parseDeliveryStatus(s string) deliveryStatus {
	var (
		best  deliveryStatus
		found bool
	)
	// Groups are separated by blank lines: the per-message group first,
	// then one per recipient.
	for _, group := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		var ds deliveryStatus
		for _, line := range strings.Split(group, "\n") {
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			v = strings.TrimSpace(v)
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "final-recipient":
				ds.recipient = addrType(v)
			case "original-recipient":
				if ds.recipient == "" {
					ds.recipient = addrType(v)
				}
			case "status":
				ds.status = strings.Fields(v + " ")[0]
			case "action":
				ds.action = strings.ToLower(v)
			}
		}
		if ds.recipient == "" {
			continue
		}
		if !found || (best.action != "failed" && ds.action == "failed") {
			best, found = ds, true
		}
	}
	return best
}

// addrType strips the address-type of a DSN recipient field ("rfc822; a@b").
func addrType(v string) string {
	if _, a, ok := strings.Cut(v, ";"); ok {
		v = a
	}
	return strings.ToLower(strings.Trim(strings.TrimSpace(v), "<>"))
}

// bounceInfo gathers the failed recipient and the original Message-ID from
// whatever the bounce carries: DSN fields, the returned message or its
// header, Exim's X-Failed-Recipients, or the text of a plain bounce.
func bounceInfo(m *Message, h textproto.Header, w *walker) *Bounce {
	b := &Bounce{}
	for _, ds := range w.deliverd {
		if ds.recipient != "" {
			b.Recipient, b.Status, b.Action = ds.recipient, ds.status, ds.action
			break
		}
	}
	if b.Recipient == "" {
		if v := h.Get("X-Failed-Recipients"); v != "" {
			b.Recipient = strings.ToLower(strings.TrimSpace(strings.Split(v, ",")[0]))
		}
	}
	if b.Recipient == "" {
		if sm := firstLineMatch(plainBounceRecipient, m.Text, mayHoldRecipient); sm != nil {
			b.Recipient = strings.ToLower(sm[1])
		}
	}
	for _, n := range w.nested {
		if n.messageID != "" {
			b.OriginalMessageID = n.messageID
			break
		}
	}
	if b.OriginalMessageID == "" {
		// A plain bounce quotes the returned header in its text.
		if sm := firstLineMatch(quotedMessageID, m.Text, mayHoldMessageID); sm != nil {
			b.OriginalMessageID = sm[1]
		}
	}
	if b.Status == "" {
		b.Status = findEnhancedStatus(m.Text)
	}
	return b
}

var (
	// Exim and Postfix plain bounces list the failed address on an indented
	// line of its own, optionally in angle brackets.
	plainBounceRecipient = regexp.MustCompile(`(?m)^[ \t]+<?([^\s<>@]+@[^\s<>:]+?)>?:?[ \t]*$`)
	quotedMessageID      = regexp.MustCompile(`(?mi)^[ \t>]*Message-ID:[ \t]*<([^>\s]+)>`)
	// enhancedStatus is what findEnhancedStatus finds (RFC 3463 §2, a
	// failure class only).
	enhancedStatus = regexp.MustCompile(`\b([45]\.[0-9]{1,3}\.[0-9]{1,3})\b`)
)

// findEnhancedStatus returns the first match of enhancedStatus in s, or "".
// The regular expression, unanchored and without a literal prefix, ran
// its backtracker from every offset of the text: half the time of parsing
// a plain bounce. A code is a 4 or 5 at a word boundary, a dot, a run of 1
// to 3 digits, a dot and a run of 1 to 3 digits ending at a word boundary
// (the runs are whole: a greedy {1,3} followed by a dot or \b cannot
// stop inside a run of digits).
func findEnhancedStatus(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '4' && c != '5' || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		j := i + 1
		if j >= len(s) || s[j] != '.' {
			continue
		}
		mid := digitRun(s, j+1)
		if mid < 1 || mid > 3 || j+1+mid >= len(s) || s[j+1+mid] != '.' {
			continue
		}
		k := j + 1 + mid + 1
		last := digitRun(s, k)
		if last < 1 || last > 3 || k+last < len(s) && isWordByte(s[k+last]) {
			continue
		}
		return s[i : k+last]
	}
	return ""
}

// digitRun is the number of ASCII digits at s[i:].
func digitRun(s string, i int) int {
	n := 0
	for i+n < len(s) && '0' <= s[i+n] && s[i+n] <= '9' {
		n++
	}
	return n
}

// firstLineMatch is re.FindStringSubmatch(text) for a pattern that matches
// within one line, run only on the lines that may hold a match: searching
// the whole text from every offset is what made bounces slow to parse.
func firstLineMatch(re *regexp.Regexp, text string, may func(line string) bool) []string {
	for len(text) > 0 {
		line, rest, _ := strings.Cut(text, "\n")
		if may(line) {
			if sm := re.FindStringSubmatch(line); sm != nil {
				return sm
			}
		}
		text = rest
	}
	return nil
}

// A recipient line is indented and holds an @.
func mayHoldRecipient(l string) bool {
	return len(l) > 0 && (l[0] == ' ' || l[0] == '\t') && strings.IndexByte(l, '@') >= 0
}

// A Message-ID line holds a colon and an angle bracket.
func mayHoldMessageID(l string) bool {
	return strings.IndexByte(l, ':') >= 0 && strings.IndexByte(l, '<') >= 0
}
