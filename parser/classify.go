package parser

import (
	"regexp"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// classify decides Kind, first rule that matches wins: bounces, then
// automatic replies, then list and bulk mail; anything else is human.
func classify(m *Message, h textproto.Header, w *walker) {
	if m.Kind == KindBounce || len(w.deliverd) > 0 {
		if m.Kind != KindBounce {
			m.Kind, m.KindReason = KindBounce, "message/delivery-status part (RFC 3464)"
		}
		m.Bounce = bounceInfo(m, h, w)
		return
	}
	if m.Kind == KindAutoReply {
		return
	}
	if reason := bounceSender(m, h); reason != "" {
		m.Kind, m.KindReason = KindBounce, reason
		m.Bounce = bounceInfo(m, h, w)
		return
	}
	if reason := autoReply(m, h); reason != "" {
		m.Kind, m.KindReason = KindAutoReply, reason
		return
	}
	if reason := listMail(h); reason != "" {
		m.Kind, m.KindReason = KindList, reason
		return
	}
	m.Kind, m.KindReason = KindHuman, "no automatic-mail header or sender"
}

// bounceSender recognises bounces by who sent them: the mailer-daemon or
// postmaster of a server, with the empty envelope sender bounces use.
func bounceSender(m *Message, h textproto.Header) string {
	if m.From != nil {
		local := strings.ToLower(m.From.Address)
		if i := strings.IndexByte(local, '@'); i >= 0 {
			local = local[:i]
		}
		switch local {
		case "mailer-daemon", "postmaster", "mail-daemon", "maildaemon":
			return "sender " + local
		}
	}
	if v := h.Get("X-Failed-Recipients"); v != "" {
		return "header X-Failed-Recipients"
	}
	return ""
}

// autoReply applies RFC 3834 and the de-facto headers of common
// autoresponders, then out-of-office subjects.
func autoReply(m *Message, h textproto.Header) string {
	// RFC 3834 §5: any value other than "no" means automatic.
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && v != "no" {
		return "header Auto-Submitted: " + truncate(v, 40)
	}
	if h.Has("X-Autoreply") {
		return "header X-Autoreply"
	}
	if h.Has("X-Autorespond") {
		return "header X-Autorespond"
	}
	if v := strings.ToLower(strings.TrimSpace(h.Get("Precedence"))); v == "auto_reply" {
		return "header Precedence: auto_reply"
	}
	if re := oooSubjectMatch(strings.ToLower(m.Subject)); re != "" {
		return "out-of-office subject " + strings.TrimSpace(re)
	}
	// Exchange puts this on its own automatic mail; checked last since it
	// asks others not to answer rather than saying what this mail is.
	if v := strings.TrimSpace(h.Get("X-Auto-Response-Suppress")); v != "" {
		return "header X-Auto-Response-Suppress: " + truncate(v, 40)
	}
	return ""
}

// oooSubject matches the out-of-office and auto-reply subjects of common
// mail systems, in French and English.
var oooSubject = regexp.MustCompile(`(?i)^\s*(auto(matic)?[ -]?(reply|response|r[ée]ponse)|autoreply|auto:)|out of (the )?office|r[ée]ponse automatique|absen(t|te|ce) du bureau|message d'absence|je suis (actuellement )?absente?\b|i am (currently )?(out|away)\b|away from (the )?office|on (annual )?leave until|en cong[ée]s? jusqu`)

// oooSubjectHints are substrings of the lower-cased subject without which
// oooSubject cannot match: each of its alternatives holds one. None holds
// an s or a k, the only ASCII letters that (?i) also matches with a
// non-ASCII rune (U+017F ſ, U+212A K), so a plain search finds them. The
// regular expression, slow for what it is, runs only on subjects that have
// one.
var oooSubjectHints = [...]string{"auto", "out of", " du bureau", "d'ab", "je ", "i am", "away from", "leave until", "en cong"}

func oooSubjectMatch(lower string) string {
	for _, h := range oooSubjectHints {
		if strings.Contains(lower, h) {
			return oooSubject.FindString(lower)
		}
	}
	return ""
}

// listMail recognises mailing-list and bulk mail (RFC 2369, RFC 2919).
func listMail(h textproto.Header) string {
	if h.Has("List-Id") {
		return "header List-Id"
	}
	if h.Has("List-Unsubscribe") {
		return "header List-Unsubscribe"
	}
	switch v := strings.ToLower(strings.TrimSpace(h.Get("Precedence"))); v {
	case "bulk", "list", "junk":
		return "header Precedence: " + v
	}
	return ""
}
