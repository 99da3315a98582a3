package gateway

import (
	"strings"

	"ticketgate/parser"
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
