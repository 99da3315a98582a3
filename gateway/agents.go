package gateway

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-msgauth/authres"

	"ticketgate/parser"
	"ticketgate/templates"
)

// AgentPolicy says who the agents are and how their mail is trusted.
type AgentPolicy struct {
	// Addresses and Domains name the agents: an exact address, or every
	// address of a domain.
	Addresses []string
	Domains   []string
	// TrustedServers are the authserv-ids of our own receiving servers:
	// their Authentication-Results header, when it reports a DKIM, SPF or
	// DMARC pass for the sender's domain, proves an agent's mail.
	TrustedServers []string
	// OnCall get the SLA warnings; without it, the mailbox's agents do.
	OnCall []string
	// ProofMaxAge is how long a reply to our mail to the agents proves an
	// agent (0: DefaultProofMaxAge): a notice forwarded or leaked long ago must
	// not keep its power.
	ProofMaxAge time.Duration
}

// isAgent reports whether an address belongs to a configured agent.
func (g *Gateway) isAgent(addr string) bool {
	addr = strings.ToLower(addr)
	if addr == "" || g.isOurs(addr) {
		return false
	}
	if slices.Contains(g.cfg.Agents.Addresses, addr) || g.isLevel2(addr) {
		return true
	}
	_, domain, _ := strings.Cut(addr, "@")
	return domain != "" && slices.Contains(g.cfg.Agents.Domains, domain)
}

// agentMailKinds are the mails only agents receive: a reply to one of
// them comes from someone who read the agents' mail.
var agentMailKinds = []string{templates.AgentNewTicket, templates.AgentNotice, templates.AgentError, templates.SLAWarning, templates.AgentPage,
	templates.ProgressReminder, templates.Escalation}

// agentProof tells why a message from an agent's address is really from
// them, for ticket t, or "" when nothing proves it. A From header alone
// proves nothing: anyone can write it. A signed Message-ID proves only
// for the ticket it was signed for, and only while it is recent: the
// notice of another ticket, or an old one, is no key to this one.
func (in *ingest) agentProof(t *Ticket) (string, error) {
	m := in.msg
	for _, id := range threadIDs(m) {
		if ref, ok := VerifyMessageID(in.g.cfg.Secret, id); !ok || ref != t.Reference {
			continue
		}
		// A customer holds signed IDs too (their acknowledgement): only a
		// mail we sent to the agents counts.
		row, err := in.tx.OutboxRef(in.ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return "", err
		}
		if row.TicketID != t.ID || !slices.Contains(agentMailKinds, row.Kind) {
			continue
		}
		if age := in.now.Sub(row.CreatedAt); age > in.g.cfg.Agents.ProofMaxAge {
			in.g.logger(in.ctx).Warn("agent's reply to an expired notice", "ticket", t.Reference, "message_id", id, "age", age.Round(time.Hour).String())
			continue
		}
		return "reply to our " + row.Kind + " mail", nil
	}
	return authenticated(m, in.g.cfg.Agents.TrustedServers), nil
}

// authenticated reads the topmost Authentication-Results header, the one
// our receiving server added (RFC 8601 §5 has it remove any copy with its
// own authserv-id from the incoming mail), and returns what passed for the
// sender's domain, or "".
func authenticated(m *parser.Message, trusted []string) string {
	if m == nil || m.From == nil || len(trusted) == 0 {
		return ""
	}
	v := m.Header.Get("Authentication-Results")
	if v == "" {
		return ""
	}
	id, results, err := authres.Parse(v)
	if err != nil || !slices.Contains(trusted, strings.ToLower(id)) {
		return ""
	}
	_, domain, _ := strings.Cut(m.From.Address, "@")
	for _, r := range results {
		switch r := r.(type) {
		case *authres.DKIMResult:
			if r.Value == authres.ResultPass && aligned(r.Domain, domain) {
				return "dkim=pass from " + id
			}
		case *authres.SPFResult:
			_, d, _ := strings.Cut(r.From, "@")
			if d == "" {
				d = r.From
			}
			if r.Value == authres.ResultPass && aligned(d, domain) {
				return "spf=pass from " + id
			}
		case *authres.DMARCResult:
			if r.Value == authres.ResultPass && aligned(r.From, domain) {
				return "dmarc=pass from " + id
			}
		}
	}
	return ""
}

// aligned reports whether an authenticated domain vouches for the From
// domain: the same, or a parent of it (relaxed alignment, RFC 7489 §3.1).
func aligned(authDomain, fromDomain string) bool {
	a, f := strings.ToLower(strings.TrimSpace(authDomain)), strings.ToLower(fromDomain)
	return a != "" && f != "" && (a == f || strings.HasSuffix(f, "."+a))
}

// agentName is how a relayed reply signs: the agent's display name, else
// the local part of the address.
func agentName(a Address) string {
	if a.Name != "" {
		return a.Name
	}
	local, _, _ := strings.Cut(a.Address, "@")
	return local
}
