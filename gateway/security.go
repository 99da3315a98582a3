package gateway

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"ticketgate/parser"
	"ticketgate/templates"
)

// baseAddress is an address without its subaddress: support+billing@x
// is support@x (RFC 5233 §1: the detail after the separator names a
// folder of the same mailbox, not another mailbox).
func baseAddress(addr string) string {
	addr = strings.ToLower(strings.TrimSpace(addr))
	local, domain, ok := strings.Cut(addr, "@")
	if !ok {
		return addr
	}
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	return local + "@" + domain
}

// isOurs reports whether an address is one of our mailboxes, with or
// without a subaddress: mail from it is our own coming back (a loop),
// and it is never a participant or an agent.
func (g *Gateway) isOurs(addr string) bool {
	return addr != "" && g.ours[baseAddress(addr)]
}

// mailboxOf returns the mailbox an address reaches, subaddresses
// included.
func (g *Gateway) mailboxOf(addr string) (string, bool) {
	base := baseAddress(addr)
	for name, mb := range g.cfg.Mailboxes {
		if strings.EqualFold(mb.Address, base) {
			return name, true
		}
	}
	return "", false
}

// routeMail picks the mailbox of piped mail. The envelope recipient the
// MTA hands us is the truth: headers are the sender's to write, and a
// forged Delivered-To must not turn a mail into an on-call page. Without
// an envelope recipient the headers are all there is.
func (g *Gateway) routeMail(src Source, m *parser.Message) string {
	if src.Recipient != "" {
		if name, ok := g.mailboxOf(src.Recipient); ok {
			return name
		}
		return g.cfg.DefaultMailbox
	}
	return g.mailboxFor(m)
}

// quotedSubject is a subject as mail to a customer quotes it: anyone can
// write any subject to us and have it sent to the address they put in
// From, so it is cut short.
func quotedSubject(s string, limit int) string {
	s, _ = parser.CleanLine(s)
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:limit])) + "…"
}

// maxGreetingName is the longest display name a greeting uses.
const maxGreetingName = 64

// greetingName is the display name mail may greet its recipient with, or
// "" when the name would make our mail carry a sender's text to someone
// else: a name holding a link, an address or a control character is the
// stuff of phishing ("Your account is locked: evil.example/login").
func greetingName(name string) string {
	name = strings.TrimSpace(name)
	switch {
	case name == "", utf8.RuneCountInString(name) > maxGreetingName:
		return ""
	case strings.ContainsRune(name, '@'), strings.ContainsRune(name, '\uFFFD'):
		return ""
	case strings.IndexFunc(name, parser.IsControl) >= 0, linkLike.MatchString(name):
		return ""
	}
	return name
}

// linkLike matches what a mail client may turn into a link: a scheme, a
// "www." or a host name with a top-level domain ("evil.example").
var linkLike = regexp.MustCompile(`(?i)[a-z][a-z0-9+.-]*:/|www\.|[a-z0-9-]\.[a-z]{2,}\b`)

// toAgents reports whether a template's mail goes to the agents: the
// rest goes to customers, who get only what we vouch for.
func toAgents(kind string) bool { return slices.Contains(agentMailKinds, kind) }

// recipientName is the display name of a mail's To: an agent's notice
// keeps it, a customer's mail only when it is fit to greet with, since a
// mail client shows it next to our name.
func (g *Gateway) recipientName(q queued) string {
	if toAgents(q.kind) {
		return q.to.Name
	}
	return greetingName(q.to.Name)
}

// globalRateLimited tells why no more automatic mail may go this hour,
// all recipients together, or "".
func (g *Gateway) globalRateLimited(ctx context.Context, tx ReadTx, now time.Time) (string, error) {
	limit := g.cfg.Mail.GlobalRateLimit
	n, err := tx.CountMail(ctx, MailCount{Automatic: true, Since: now.Add(-time.Hour), AtMost: limit})
	if err != nil {
		return "", err
	}
	if n >= limit {
		g.logger(ctx).Warn("global rate limit of automatic mail reached", "sent", n, "limit", limit)
		return fmt.Sprintf("global rate limit: %d automatic mails in the last hour", n), nil
	}
	return "", nil
}

// noticeLimited tells why an agent gets no more notices about ticket t
// this hour, or "": a customer (or someone posing as one) writing a
// hundred replies must not page the team a hundred times.
func (g *Gateway) noticeLimited(ctx context.Context, tx ReadTx, now time.Time, t *Ticket, agent string) (string, error) {
	n, err := tx.CountMail(ctx, MailCount{TicketID: t.ID, To: agent, Since: now.Add(-time.Hour), Kinds: []string{templates.AgentNotice}})
	if err != nil {
		return "", err
	}
	if limit := g.cfg.Mail.AgentNoticeLimit; n >= limit {
		return fmt.Sprintf("rate limit: %d notices about %s in the last hour", n, t.Reference), nil
	}
	return "", nil
}

// ErrWeakSecret refuses a secret an attacker could guess: it signs the
// Message-IDs that prove threads and agents.
var ErrWeakSecret = errors.New("secret too weak")

// minSecretBits is the least entropy a secret may have, as estimated
// from its own characters.
const minSecretBits = 48

// CheckSecret refuses a secret too short, made of a repeated pattern
// ("abcabcabc…"), or with too little entropy (one character repeated).
func CheckSecret(secret []byte) error {
	if len(secret) < 16 {
		return fmt.Errorf("%w: it must be at least 16 characters", ErrWeakSecret)
	}
	if p := period(secret); p < len(secret) {
		return fmt.Errorf("%w: it repeats %q; use a random string such as 'ticketgate init' writes", ErrWeakSecret, secret[:p])
	}
	if repeatedPairs(secret) {
		return fmt.Errorf("%w: it repeats itself (like a word written twice); use a random string such as 'ticketgate init' writes", ErrWeakSecret)
	}
	if bits := entropyBits(secret); bits < minSecretBits {
		return fmt.Errorf("%w: about %.0f bits of entropy, fewer than %d; use a random string such as 'ticketgate init' writes",
			ErrWeakSecret, bits, minSecretBits)
	}
	return nil
}

// entropyBits estimates the information in s from the frequency of its
// bytes (Shannon): a generous upper bound for a human choice, and about
// right for a random string.
func entropyBits(s []byte) float64 {
	var counts [256]int
	for _, c := range s {
		counts[c]++
	}
	bits := 0.0
	for _, n := range counts {
		if n > 0 {
			p := float64(n) / float64(len(s))
			bits -= float64(n) * math.Log2(p)
		}
	}
	return bits
}

// repeatedPairs reports whether more than a quarter of the pairs of
// adjacent bytes of s occur earlier in it: random strings almost never
// repeat a pair, "passwordpassword1" repeats half of them.
func repeatedPairs(s []byte) bool {
	seen := map[[2]byte]bool{}
	repeats := 0
	for i := 0; i+1 < len(s); i++ {
		p := [2]byte{s[i], s[i+1]}
		if seen[p] {
			repeats++
		}
		seen[p] = true
	}
	return repeats*4 > len(s)-1
}

// period is the length of the shortest string s repeats (len(s) when it
// repeats none).
func period(s []byte) int {
	for p := 1; p <= len(s)/2; p++ {
		if len(s)%p == 0 && bytes.Equal(s[p:], s[:len(s)-p]) {
			return p
		}
	}
	return len(s)
}
