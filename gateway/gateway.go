package gateway

import (
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"sort"
	"strings"
	"time"

	"ticketgate/parser"
)

// Config is what the lifecycle needs to know about the installation.
type Config struct {
	// Hostname is the right-hand side of our Message-IDs.
	Hostname string
	// Secret signs our Message-IDs.
	Secret []byte
	// Mailboxes by name.
	Mailboxes map[string]Mailbox
	// DefaultMailbox receives piped mail addressed to no configured
	// mailbox.
	DefaultMailbox string
	// TicketUnthreadedAutomatic opens tickets for auto-replies and list
	// mail that thread to no ticket; by default they are only recorded.
	TicketUnthreadedAutomatic bool
	// SameDomainParticipants lets anyone of the customer's mail domain add
	// to a ticket by its [REF]; off by default since public webmail domains
	// would make strangers participants.
	SameDomainParticipants bool
	// Parser options (limits, reference pattern).
	Parser parser.Options
	// Triager decides priorities and due times; nil keeps each mailbox's
	// default priority and sets no due times.
	Triager Triager
	// Mail settles automatic mail: rate limit, agents, language.
	Mail MailPolicy
	// Agents names the agents and how their mail is trusted.
	Agents AgentPolicy
	// Resolution times the resolution cycle.
	Resolution ResolutionPolicy
	// Progress settles what the progress clock does when it runs out.
	Progress ProgressPolicy
	// Escalation names the level-2 specialists.
	Escalation Escalation
	// OnQueued is called after a commit that queued mail.
	OnQueued func()
	// AdminURL is the web admin's address; when set, agents' mail links
	// to the ticket's page under it.
	AdminURL string
	// Observer hears of ingested mail and scheduler passes; nil: nobody.
	Observer Observer
}

// Mailbox is one support address and how its tickets start.
type Mailbox struct {
	Name     string
	Address  string
	Prefix   string
	Priority Priority
	Language string
	// DisplayName is the name on mail from this mailbox ("Example
	// Support").
	DisplayName string
	// OnCall mailboxes acknowledge with the "ack-oncall" template.
	OnCall bool
	// Escalate, when set, are the level-2 specialists of this mailbox's
	// tickets instead of Escalation.Level2.
	Escalate []string
	// Location is the time zone due times are written in to customers.
	Location *time.Location
	// Notify lists who hears of this mailbox's tickets (a team list; the
	// on-call mailbox can page its own); empty: MailPolicy.Agents.
	Notify []string
}

// ValidPrefix is the shape of a reference prefix: it must fit the parser's
// default reference pattern.
var ValidPrefix = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,9}$`)

// Gateway runs the lifecycle of tickets over a Store.
type Gateway struct {
	cfg    Config
	store  Store
	clock  Clock
	log    *slog.Logger
	parser *parser.Parser
	ours   map[string]bool // our own mailbox addresses
	tpls   *templateCache
}

// New returns a Gateway. It checks the configuration it depends on.
func New(cfg Config, st Store, clock Clock, log *slog.Logger) (*Gateway, error) {
	if len(cfg.Mailboxes) == 0 {
		return nil, errors.New("new gateway: no mailbox configured")
	}
	if err := CheckSecret(cfg.Secret); err != nil {
		return nil, fmt.Errorf("new gateway: %w", err)
	}
	ours := map[string]bool{}
	for name, mb := range cfg.Mailboxes {
		if !ValidPrefix.MatchString(mb.Prefix) {
			return nil, fmt.Errorf("new gateway: mailbox %s: prefix %q must be 2 to 10 capital letters or digits, starting with a letter", name, mb.Prefix)
		}
		if mb.Priority < PriorityHighest || mb.Priority > PriorityLowest {
			return nil, fmt.Errorf("new gateway: mailbox %s: priority %d out of range", name, mb.Priority)
		}
		ours[strings.ToLower(mb.Address)] = true
	}
	if _, ok := cfg.Mailboxes[cfg.DefaultMailbox]; !ok {
		return nil, fmt.Errorf("new gateway: default mailbox %q is not configured", cfg.DefaultMailbox)
	}
	if cfg.Parser.RefPattern == "" {
		// Our own prefixes only: an invoice number shaped like a reference
		// is not one.
		var prefixes []string
		for _, mb := range cfg.Mailboxes {
			prefixes = append(prefixes, mb.Prefix)
		}
		sort.Strings(prefixes)
		cfg.Parser.RefPattern = `(?:` + strings.Join(prefixes, "|") + `)-[0-9]{4}-[0-9]{6,9}`
	}
	p, err := parser.New(cfg.Parser)
	if err != nil {
		return nil, fmt.Errorf("new gateway: %w", err)
	}
	// Zero means the default where zero would make no sense; the
	// configuration file has already applied them.
	if cfg.Mail.RateLimit <= 0 {
		cfg.Mail.RateLimit = DefaultRateLimit
	}
	if cfg.Mail.RateWindow <= 0 {
		cfg.Mail.RateWindow = DefaultRateWindow
	}
	if cfg.Mail.GlobalRateLimit <= 0 {
		cfg.Mail.GlobalRateLimit = DefaultGlobalRateLimit
	}
	if cfg.Mail.AgentNoticeLimit <= 0 {
		cfg.Mail.AgentNoticeLimit = DefaultAgentNoticeLimit
	}
	if cfg.Mail.MaxQuotedSubject <= 0 {
		cfg.Mail.MaxQuotedSubject = DefaultMaxQuotedSubject
	}
	if cfg.Mail.AgentLanguage == "" {
		cfg.Mail.AgentLanguage = DefaultAgentLanguage
	}
	lower := func(list []string) []string {
		out := make([]string, len(list))
		for i, a := range list {
			out[i] = strings.ToLower(strings.TrimSpace(a))
		}
		return out
	}
	cfg.Mail.Agents = lower(cfg.Mail.Agents)
	cfg.Agents.Addresses, cfg.Agents.Domains = lower(cfg.Agents.Addresses), lower(cfg.Agents.Domains)
	cfg.Agents.TrustedServers, cfg.Agents.OnCall = lower(cfg.Agents.TrustedServers), lower(cfg.Agents.OnCall)
	cfg.Escalation.Level2 = lower(cfg.Escalation.Level2)
	for name, mb := range cfg.Mailboxes {
		mb.Notify, mb.Escalate = lower(mb.Notify), lower(mb.Escalate)
		cfg.Mailboxes[name] = mb
	}
	if cfg.Agents.ProofMaxAge <= 0 {
		cfg.Agents.ProofMaxAge = DefaultProofMaxAge
	}
	if cfg.Resolution.ConfirmDays <= 0 {
		cfg.Resolution.ConfirmDays = DefaultConfirmDays
	}
	// ReminderDays and ReopenDays are taken as given: 0 is a setting.
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if clock == nil {
		clock = SystemClock
	}
	return &Gateway{cfg: cfg, store: st, clock: clock, log: log, parser: p, ours: ours, tpls: newTemplateCache()}, nil
}

// mailboxFor picks the mailbox a piped message was addressed to: the first
// configured address found in Delivered-To, To or Cc, else the default.
func (g *Gateway) mailboxFor(m *parser.Message) string {
	if m != nil {
		var addrs []string
		for _, v := range m.Header.Values("Delivered-To") {
			addrs = append(addrs, strings.ToLower(strings.Trim(strings.TrimSpace(v), "<>")))
		}
		for _, a := range append(append([]Address(nil), m.To...), m.Cc...) {
			addrs = append(addrs, a.Address)
		}
		for _, a := range addrs {
			if name, ok := g.mailboxOf(a); ok {
				return name
			}
		}
	}
	return g.cfg.DefaultMailbox
}
