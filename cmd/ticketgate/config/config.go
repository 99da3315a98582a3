// Package config reads ticketgate.toml: one file, validated up front with
// errors that name the key and its line, secrets also settable from the
// environment. It turns the file into the typed configuration of each
// package; nothing else reads the file.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"ticketgate/gateway"
	"ticketgate/gateway/imapsource"
	"ticketgate/gateway/triage"
	"ticketgate/notifier"
	"ticketgate/parser"
)

// EnvConfig names the variable that points at the configuration file.
const EnvConfig = "TICKETGATE_CONFIG"

// EnvSecret overrides the secret of the file.
const EnvSecret = "TICKETGATE_SECRET"

// DefaultPath is the configuration file looked for when none is given.
const DefaultPath = "ticketgate.toml"

// File is the TOML document.
type File struct {
	Database  string             `toml:"database"`
	Hostname  string             `toml:"hostname"`
	Secret    string             `toml:"secret"`
	Log       Log                `toml:"log"`
	Ingest    Ingest             `toml:"ingest"`
	Serve     Serve              `toml:"serve"`
	Metrics   Metrics            `toml:"metrics"`
	Mailboxes map[string]Mailbox `toml:"mailboxes"`
	SMTP      *SMTP              `toml:"smtp"`
	Mail      MailSettings       `toml:"mail"`
	Agents    Agents             `toml:"agents"`
	// Resolution times the resolution cycle.
	Resolution Resolution `toml:"resolution"`
	Progress   Progress   `toml:"progress"`

	// Priorities names the levels, P1 first; the count is the number of
	// levels (default: critical, high, medium, low, information).
	Priorities   []PriorityName                 `toml:"priorities"`
	Calendars    map[string]Calendar            `toml:"calendars"`
	SLAs         map[string]map[string]SLAEntry `toml:"slas"`
	Tiers        map[string]TierConfig          `toml:"tiers"`
	Triage       TriageConfig                   `toml:"triage"`
	Requirements map[string]RequirementConfig   `toml:"requirements"`
	// Admin is the web admin; nil (no section) leaves it off.
	Admin *Admin `toml:"admin"`
}

// Log configures logging.
type Log struct {
	Level  string `toml:"level"`  // debug, info, warn, error
	Format string `toml:"format"` // text, json
}

// Ingest configures how inbound mail becomes tickets.
type Ingest struct {
	TicketUnthreadedAutomatic bool   `toml:"ticket_unthreaded_automatic"`
	SameDomainParticipants    bool   `toml:"same_domain_participants"`
	MaxMessageMB              int    `toml:"max_message_mb"`
	ReferencePattern          string `toml:"reference_pattern"`
}

// SMTP is the server outgoing mail is handed to.
type SMTP struct {
	Host        string `toml:"host"`
	Port        int    `toml:"port"`
	Security    string `toml:"security"` // tls, starttls, plain (loopback only)
	Username    string `toml:"username"`
	Password    string `toml:"password"`
	PasswordEnv string `toml:"password_env"`
	Auth        string `toml:"auth"` // login, plain
	// Retries back off from min_backoff, doubling up to max_backoff; a
	// mail still failing after give_up_after becomes a dead letter.
	MinBackoff  Duration `toml:"min_backoff"`
	MaxBackoff  Duration `toml:"max_backoff"`
	GiveUpAfter Duration `toml:"give_up_after"`
}

// MailSettings settles the mail ticketgate sends on its own.
type MailSettings struct {
	// Disabled sends no automatic mail at all (tickets are still created).
	Disabled bool `toml:"disabled"`
	// RateLimit is the most automatic mails one address gets per
	// RateWindow; the tickets are still created.
	RateLimit  int      `toml:"rate_limit"`
	RateWindow Duration `toml:"rate_window"`
	// Agents receive the notice of each new ticket.
	Agents        []string `toml:"agents"`
	AgentLanguage string   `toml:"agent_language"`
	// GlobalRateLimit caps automatic mail per hour, all addresses
	// together.
	GlobalRateLimit int `toml:"global_rate_limit"`
	// AgentNoticeLimit caps the notices about one ticket an agent gets
	// per hour.
	AgentNoticeLimit int `toml:"agent_notice_limit"`
	// MaxQuotedSubject caps the characters of a sender's subject that
	// mail to customers quotes.
	MaxQuotedSubject int `toml:"max_quoted_subject"`
}

// Agents names the agents: mail from them is relayed and runs commands,
// once proven theirs.
type Agents struct {
	Addresses []string `toml:"addresses"`
	Domains   []string `toml:"domains"`
	// TrustedServers are the authserv-ids of our receiving servers whose
	// Authentication-Results prove an agent's mail.
	TrustedServers []string `toml:"trusted_servers"`
	// OnCall gets the SLA warnings (default: the mailbox's agents).
	OnCall []string `toml:"oncall"`
	// ProofMaxAge is how long our mail to the agents proves a reply to
	// it (default 30d).
	ProofMaxAge Duration `toml:"proof_max_age"`
	// Level2 and EscalateAtRisk: see escalation.
	Level2         []string `toml:"level2"`
	EscalateAtRisk bool     `toml:"escalate_at_risk"`
}

// Resolution times the confirmation window, in business days of the
// mailbox's calendar.
type Resolution struct {
	ConfirmDays  *int `toml:"confirm_days"`
	ReminderDays *int `toml:"reminder_days"` // 0: no reminder
	ReopenDays   *int `toml:"reopen_days"`
}

// Mailbox is one support address.
type Mailbox struct {
	Address string `toml:"address"`
	// DisplayName is the name on the mail it sends ("Example Support").
	DisplayName string `toml:"display_name"`
	// OnCall acknowledges with the on-call template; default true for a
	// mailbox named oncall or on the oncall SLA.
	OnCall   *bool  `toml:"on_call"`
	Prefix   string `toml:"prefix"`
	Priority string `toml:"priority"`
	Language string `toml:"language"`
	// Calendar and SLA name the business hours and targets of its tickets.
	Calendar string `toml:"calendar"`
	SLA      string `toml:"sla"`
	// RegisteredOnly records mail from senders that are neither listed in
	// Registered nor in a tier, without opening a ticket.
	RegisteredOnly bool     `toml:"registered_only"`
	Registered     []string `toml:"registered"`
	// Require lists what a first message should contain (phone, serial,
	// steps, started, screenshot, or a [requirements.NAME]).
	Require []string `toml:"require"`
	// Notify lists who hears of its tickets (default: mail.agents).
	Notify []string `toml:"notify"`
	// Escalate lists this mailbox's level-2 specialists (default
	// agents.level2).
	Escalate []string `toml:"escalate"`
	IMAP     *IMAP    `toml:"imap"`
}

// IMAP is how a mailbox is read.
type IMAP struct {
	Host            string   `toml:"host"`
	Port            int      `toml:"port"`
	Security        string   `toml:"security"` // tls, starttls, plain (loopback only)
	Username        string   `toml:"username"`
	Password        string   `toml:"password"`
	PasswordEnv     string   `toml:"password_env"`
	Folder          string   `toml:"folder"`
	PostAction      string   `toml:"post_action"` // seen, move, none
	ProcessedFolder string   `toml:"processed_folder"`
	PollInterval    Duration `toml:"poll_interval"`
	// Auth is "login" (default) or "plain" (AUTHENTICATE PLAIN).
	Auth string `toml:"auth"`
	// IdleRefresh re-issues IDLE and re-syncs the folder (the safety poll).
	IdleRefresh Duration `toml:"idle_refresh"`
}

// Serve configures the long-running process.
type Serve struct {
	// StaleAfter is how long a mailbox may go without a successful sync
	// before 'ticketgate status' flags it.
	StaleAfter Duration `toml:"stale_after"`
	// Tick is how often the scheduler runs reminders, closes and SLA
	// warnings (default 30s).
	Tick Duration `toml:"tick"`
}

// Duration reads "30s", "5m", and whole days: "30d".
type Duration struct{ time.Duration }

// UnmarshalText parses a Go duration, or a number of days.
func (d *Duration) UnmarshalText(b []byte) error {
	if days, ok := strings.CutSuffix(string(b), "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			d.Duration = time.Duration(n) * 24 * time.Hour
			return nil
		}
	}
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("not a duration (like 30s, 5m or 30d): %q", b)
	}
	d.Duration = v
	return nil
}

// Config is a loaded, validated configuration.
type Config struct {
	Path string // the file it came from
	File
	// DefaultMailbox is the first mailbox of the file.
	DefaultMailbox string
	// Policy is the triage and SLA policy built from the file.
	Policy *triage.Policy
	// line finds a key's line in the file, for checks made after Parse.
	line func(key string) int
}

// Error is a configuration error at a key.
type Error struct {
	Path string
	Key  string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	loc := e.Path
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.Path, e.Line)
	}
	if e.Key == "" {
		return fmt.Sprintf("%s: %s", loc, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", loc, e.Key, e.Msg)
}

// ResolvePath picks the configuration file: the flag, else
// $TICKETGATE_CONFIG, else ./ticketgate.toml.
func ResolvePath(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := getenv(EnvConfig); v != "" {
		return v
	}
	return DefaultPath
}

// Load reads and validates the file at path.
func Load(path string, getenv func(string) string) (*Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("read configuration: %w (run 'ticketgate init' to write one)", err)
		}
		return nil, fmt.Errorf("read configuration: %w", err)
	}
	return Parse(path, src, getenv)
}

// Parse validates a configuration document.
func Parse(path string, src []byte, getenv func(string) string) (*Config, error) {
	// The syntax first: its errors have a line and no key.
	var doc map[string]any
	if _, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&doc); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Path: path, Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	pos := indexPositions(src)
	p := &problems{path: path, line: pos.line}
	var f File
	md, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&f)
	if err != nil {
		// A value of the wrong type, or one its type refused (a bad
		// duration): name every one at its key and line.
		checkTypes(p, doc, reflect.TypeFor[File]())
		if len(p.errs) == 0 {
			var pe toml.ParseError
			if errors.As(err, &pe) && pe.LastKey != "" {
				p.bad(pe.Message, pe.LastKey)
			} else {
				p.bad(err.Error())
			}
		}
		return nil, p.err()
	}
	p.unknown(md.Undecoded(), pos)
	c := &Config{Path: path, File: f, line: pos.line}
	for _, k := range md.Keys() {
		if len(k) == 2 && k[0] == "mailboxes" {
			c.DefaultMailbox = k[1]
			break
		}
	}
	c.applyDefaults(md.IsDefined, getenv)
	c.validate(p)
	if err := p.err(); err != nil {
		return nil, err
	}
	return c, nil
}

// MailboxNames lists the mailboxes in a stable order.
func (c *Config) MailboxNames() []string {
	names := make([]string, 0, len(c.Mailboxes))
	for n := range c.Mailboxes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Gateway returns the lifecycle's configuration.
func (c *Config) Gateway() gateway.Config {
	g := gateway.Config{
		Hostname:                  c.Hostname,
		Secret:                    []byte(c.Secret),
		Mailboxes:                 map[string]gateway.Mailbox{},
		DefaultMailbox:            c.DefaultMailbox,
		TicketUnthreadedAutomatic: c.Ingest.TicketUnthreadedAutomatic,
		SameDomainParticipants:    c.Ingest.SameDomainParticipants,
		Parser:                    parser.Options{MaxSize: c.Ingest.MaxMessageMB << 20, RefPattern: c.Ingest.ReferencePattern},
		Mail: gateway.MailPolicy{Disabled: c.Mail.Disabled, RateLimit: c.Mail.RateLimit, RateWindow: c.Mail.RateWindow.Duration,
			Agents: append([]string(nil), c.Mail.Agents...), AgentLanguage: c.Mail.AgentLanguage,
			GlobalRateLimit: c.Mail.GlobalRateLimit, AgentNoticeLimit: c.Mail.AgentNoticeLimit, MaxQuotedSubject: c.Mail.MaxQuotedSubject},
		Agents: gateway.AgentPolicy{Addresses: append([]string(nil), c.Agents.Addresses...),
			Domains: append([]string(nil), c.Agents.Domains...), TrustedServers: append([]string(nil), c.Agents.TrustedServers...),
			OnCall: append([]string(nil), c.Agents.OnCall...), ProofMaxAge: c.Agents.ProofMaxAge.Duration},
		Resolution: gateway.ResolutionPolicy{ConfirmDays: *c.Resolution.ConfirmDays, ReminderDays: *c.Resolution.ReminderDays,
			ReopenDays: *c.Resolution.ReopenDays},
	}
	if c.Policy != nil {
		g.Triager = c.Policy
	}
	g.Progress = c.progressPolicy()
	g.Escalation = c.escalation()
	for name, mb := range c.Mailboxes {
		p, _ := gateway.ParsePriority(mb.Priority)
		gm := gateway.Mailbox{Name: name, Address: strings.ToLower(mb.Address), Prefix: mb.Prefix, Priority: p,
			Language: mb.Language, DisplayName: mb.DisplayName, OnCall: mb.OnCall != nil && *mb.OnCall,
			Notify: append([]string(nil), mb.Notify...)}
		if c.Policy != nil {
			gm.Location = c.Policy.Location(name)
		}
		gm.Escalate = append([]string(nil), mb.Escalate...)
		g.Mailboxes[name] = gm
	}
	return g
}

// Notifier is the SMTP delivery configuration; ok is false without an
// [smtp] section (mail then waits in the outbox).
func (c *Config) Notifier() (notifier.Config, bool) {
	sm := c.SMTP
	if sm == nil {
		return notifier.Config{}, false
	}
	return notifier.Config{
		Host: sm.Host, Port: sm.Port, Security: notifier.Security(sm.Security),
		Username: sm.Username, Password: sm.Password, AuthPlain: sm.Auth == "plain", HELO: c.Hostname,
		MinBackoff: sm.MinBackoff.Duration, MaxBackoff: sm.MaxBackoff.Duration, GiveUpAfter: sm.GiveUpAfter.Duration,
	}, true
}

// IMAPSource is the reader configuration of a mailbox; ok is false when it
// has no IMAP section.
func (c *Config) IMAPSource(name string) (imapsource.Config, bool) {
	mb, ok := c.Mailboxes[name]
	if !ok || mb.IMAP == nil {
		return imapsource.Config{}, false
	}
	im := mb.IMAP
	return imapsource.Config{
		Mailbox:         name,
		Addr:            net.JoinHostPort(im.Host, strconv.Itoa(im.Port)),
		Security:        imapsource.Security(im.Security),
		Username:        im.Username,
		Password:        im.Password,
		AuthPlain:       im.Auth == "plain",
		Folder:          im.Folder,
		PostAction:      imapsource.PostAction(im.PostAction),
		ProcessedFolder: im.ProcessedFolder,
		PollInterval:    im.PollInterval.Duration,
		IdleRefresh:     im.IdleRefresh.Duration,
	}, true
}
