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
		if sm := plainBounceRecipient.FindStringSubmatch(m.Text); sm != nil {
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
		if sm := quotedMessageID.FindStringSubmatch(m.Text); sm != nil {
			b.OriginalMessageID = sm[1]
		}
	}
	if b.Status == "" {
		if sm := enhancedStatus.FindStringSubmatch(m.Text); sm != nil {
			b.Status = sm[1]
		}
	}
	return b
}

var (
	// Exim and Postfix plain bounces list the failed address on an indented
	// line of its own, optionally in angle brackets.
	plainBounceRecipient = regexp.MustCompile(`(?m)^[ \t]+<?([^\s<>@]+@[^\s<>:]+?)>?:?[ \t]*$`)
	quotedMessageID      = regexp.MustCompile(`(?mi)^[ \t>]*Message-ID:[ \t]*<([^>\s]+)>`)
	enhancedStatus       = regexp.MustCompile(`\b([45]\.[0-9]{1,3}\.[0-9]{1,3})\b`)
)
