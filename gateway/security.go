package gateway

import (
	"context"
	"fmt"
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

// Defaults of what automatic mail may carry and how much of it goes out.
const (
	// DefaultMaxQuotedSubject is how much of a sender's subject mail to a
	// customer quotes, in characters.
	DefaultMaxQuotedSubject = 150
	// DefaultGlobalRateLimit is the most automatic mails per hour, all
	// recipients together.
	DefaultGlobalRateLimit = 300
	// DefaultAgentNoticeLimit is the most notices about one ticket an
	// agent gets per hour.
	DefaultAgentNoticeLimit = 10
)

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
	n, err := tx.AutomaticMailsTotalSince(ctx, now.Add(-time.Hour))
	if err != nil {
		return "", err
	}
	if limit := g.cfg.Mail.GlobalRateLimit; n >= limit {
		g.log.Warn("global rate limit of automatic mail reached", "sent", n, "limit", limit)
		return fmt.Sprintf("global rate limit: %d automatic mails in the last hour", n), nil
	}
	return "", nil
}

// noticeLimited tells why an agent gets no more notices about ticket t
// this hour, or "": a customer (or someone posing as one) writing a
// hundred replies must not page the team a hundred times.
func (g *Gateway) noticeLimited(ctx context.Context, tx ReadTx, now time.Time, t *Ticket, agent string) (string, error) {
	n, err := tx.TicketMailsToSince(ctx, t.ID, agent, now.Add(-time.Hour), templates.AgentNotice)
	if err != nil {
		return "", err
	}
	if limit := g.cfg.Mail.AgentNoticeLimit; n >= limit {
		return fmt.Sprintf("rate limit: %d notices about %s in the last hour", n, t.Reference), nil
	}
	return "", nil
}
