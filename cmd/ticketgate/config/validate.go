package config

import (
	"errors"
	"fmt"
	"net/mail"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"ticketgate/gateway"
	"ticketgate/gateway/triage"
	"ticketgate/parser"
)

// problems collects the errors of one file, each at its key and line.
type problems struct {
	path string
	line func(key string) int
	errs []*Error
}

// bad records msg at the key its parts name.
func (p *problems) bad(msg string, key ...string) {
	k := strings.Join(key, ".")
	p.errs = append(p.errs, &Error{Path: p.path, Key: k, Line: p.line(k), Msg: msg})
}

// unknown reports the keys the decoder did not use, each entry of an
// array of tables on its own: the decoder names them all alike.
func (p *problems) unknown(undecoded []toml.Key, pos *positions) {
	names := map[string]bool{}
	for _, k := range undecoded {
		names[strings.Join(k, ".")] = true
	}
	found := map[string]bool{}
	for _, k := range pos.keys {
		if u := unnumbered(k); names[u] {
			p.bad("unknown key", k)
			found[u] = true
		}
	}
	for _, k := range undecoded {
		if u := strings.Join(k, "."); !found[u] {
			found[u] = true
			p.bad("unknown key", u) // beyond what the parser could read
		}
	}
}

// err returns every problem in file order; those of no line (a key the
// file lacks) come first.
func (p *problems) err() error {
	sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Line < p.errs[j].Line })
	errs := make([]error, len(p.errs))
	for i, e := range p.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// validate checks every section, all of them whatever the others hold, so
// that one run reports every mistake; the triage policy is built on the
// way and kept only when nothing was wrong.
func (c *Config) validate(p *problems) {
	c.validateTop(p)
	c.validateLog(p)
	c.validateIngest(p)
	c.validateServe(p)
	c.validateMail(p)
	c.validateAgents(p)
	c.validateResolution(p)
	c.validateSMTP(p)
	c.validateMailboxes(p)
	c.validateAdmin(p)
	c.validateCredits(p)
	pol := c.buildTriage(p)
	if len(p.errs) == 0 {
		c.Policy = pol
	}
}

func (c *Config) validateTop(p *problems) {
	if len(c.Secret) < 16 {
		p.bad(fmt.Sprintf("must be at least 16 characters (it signs our Message-IDs); set it here or in $%s", EnvSecret), "secret")
	} else if err := gateway.CheckSecret([]byte(c.Secret)); err != nil {
		p.bad(fmt.Sprintf("%v (it signs our Message-IDs); set it here or in $%s", err, EnvSecret), "secret")
	}
}

func (c *Config) validateLog(p *problems) {
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		p.bad(fmt.Sprintf("%q is not one of debug, info, warn, error", c.Log.Level), "log", "level")
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		p.bad(fmt.Sprintf("%q is not one of text, json", c.Log.Format), "log", "format")
	}
}

func (c *Config) validateIngest(p *problems) {
	if c.Ingest.MaxMessageMB < 1 {
		p.bad("must be at least 1", "ingest", "max_message_mb")
	}
	if pat := c.Ingest.ReferencePattern; pat != "" {
		if _, err := parser.New(parser.Options{RefPattern: pat}); err != nil {
			p.bad(err.Error(), "ingest", "reference_pattern")
		}
	}
}

func (c *Config) validateServe(p *problems) {
	if c.Serve.StaleAfter.Duration < time.Minute {
		p.bad("must be at least 1m", "serve", "stale_after")
	}
	if c.Serve.Tick.Duration < time.Second {
		p.bad("must be at least 1s", "serve", "tick")
	}
	c.validateMetrics(p)
}

func (c *Config) validateMail(p *problems) {
	m := c.Mail
	if m.RateLimit < 1 {
		p.bad("must be at least 1 (set mail.disabled to send no automatic mail)", "mail", "rate_limit")
	}
	if m.RateWindow.Duration < time.Minute {
		p.bad("must be at least 1m", "mail", "rate_window")
	}
	if m.GlobalRateLimit < m.RateLimit {
		p.bad("must be at least mail.rate_limit", "mail", "global_rate_limit")
	}
	if m.AgentNoticeLimit < 1 {
		p.bad("must be at least 1", "mail", "agent_notice_limit")
	}
	if m.MaxQuotedSubject < 20 {
		p.bad("must be at least 20", "mail", "max_quoted_subject")
	}
	if m.AgentLanguage != "fr" && m.AgentLanguage != "en" {
		p.bad(fmt.Sprintf("%q is not a supported language (fr, en)", m.AgentLanguage), "mail", "agent_language")
	}
	plainAddresses(p, m.Agents, "mail", "agents")
}

func (c *Config) validateAgents(p *problems) {
	a := c.Agents
	if a.ProofMaxAge.Duration < time.Hour {
		p.bad("must be at least 1h", "agents", "proof_max_age")
	}
	plainAddresses(p, a.Addresses, "agents", "addresses")
	plainAddresses(p, a.OnCall, "agents", "oncall")
	for _, d := range a.Domains {
		if d == "" || strings.ContainsAny(d, "@ ") {
			p.bad(fmt.Sprintf("%q is not a mail domain (write example.com)", d), "agents", "domains")
		}
	}
}

func (c *Config) validateResolution(p *problems) {
	r := c.Resolution
	if *r.ConfirmDays < 1 {
		p.bad("must be at least 1", "resolution", "confirm_days")
	}
	if d := *r.ReminderDays; d < 0 || d >= *r.ConfirmDays {
		p.bad("must be 0 (no reminder) or fewer than confirm_days", "resolution", "reminder_days")
	}
	if *r.ReopenDays < 0 {
		p.bad("must not be negative", "resolution", "reopen_days")
	}
}

func (c *Config) validateSMTP(p *problems) {
	sm := c.SMTP
	if sm == nil {
		return
	}
	if sm.Host == "" {
		p.bad("is required", "smtp", "host")
	}
	if sm.Port < 1 || sm.Port > 65535 {
		p.bad("must be a TCP port, 1 to 65535", "smtp", "port")
	}
	if msg := securityProblem("SMTP", sm.Security, sm.Host); msg != "" {
		p.bad(msg, "smtp", "security")
	}
	if sm.Auth != "login" && sm.Auth != "plain" {
		p.bad(fmt.Sprintf("%q is not one of login, plain", sm.Auth), "smtp", "auth")
	}
	if sm.Username != "" && sm.Password == "" {
		if sm.PasswordEnv != "" {
			p.bad(fmt.Sprintf("$%s is empty or unset", sm.PasswordEnv), "smtp", "password_env")
		} else {
			p.bad("a username needs a password: set password, or password_env", "smtp", "password")
		}
	}
	if sm.MinBackoff.Duration < time.Second || sm.MaxBackoff.Duration < sm.MinBackoff.Duration {
		p.bad("must be at least 1s, and max_backoff at least min_backoff", "smtp", "min_backoff")
	}
	if sm.GiveUpAfter.Duration < sm.MaxBackoff.Duration {
		p.bad("must be at least max_backoff", "smtp", "give_up_after")
	}
}

// validateMailboxes checks each mailbox and what must differ between them.
func (c *Config) validateMailboxes(p *problems) {
	if len(c.Mailboxes) == 0 {
		p.bad("at least one mailbox is needed, e.g. [mailboxes.support]", "mailboxes")
	}
	prefixes := map[string]string{}
	addresses := map[string]string{}
	for _, name := range c.MailboxNames() {
		mb := c.Mailboxes[name]
		k := func(key ...string) []string { return append([]string{"mailboxes", name}, key...) }
		if a, err := mail.ParseAddress(mb.Address); err != nil || a.Address != mb.Address {
			p.bad(fmt.Sprintf("%q is not a plain mail address", mb.Address), k("address")...)
		} else if other, dup := addresses[strings.ToLower(mb.Address)]; dup {
			p.bad("same address as mailbox "+other, k("address")...)
		} else {
			addresses[strings.ToLower(mb.Address)] = name
		}
		if !gateway.ValidPrefix.MatchString(mb.Prefix) {
			p.bad(fmt.Sprintf("%q must be 2 to 10 capital letters or digits, starting with a letter (like SUP)", mb.Prefix), k("prefix")...)
		} else if other, dup := prefixes[mb.Prefix]; dup {
			p.bad("same prefix as mailbox "+other+"; references must say which mailbox they belong to", k("prefix")...)
		} else {
			prefixes[mb.Prefix] = name
		}
		c.validateMailbox(p, name, mb)
	}
}

// validateMailbox checks one mailbox's own settings; its calendar, SLA
// and requirements are checked with the triage policy.
func (c *Config) validateMailbox(p *problems, name string, mb Mailbox) {
	k := func(key ...string) []string { return append([]string{"mailboxes", name}, key...) }
	levels := len(c.Priorities)
	if levels == 0 {
		levels = len(triage.DefaultLabels())
	}
	if pr, err := gateway.ParsePriority(mb.Priority); err != nil {
		p.bad(err.Error(), k("priority")...)
	} else if int(pr) > levels {
		p.bad(fmt.Sprintf("%s is beyond the %d priorities configured", pr, levels), k("priority")...)
	}
	if mb.Language != "fr" && mb.Language != "en" {
		p.bad(fmt.Sprintf("%q is not a supported language (fr, en)", mb.Language), k("language")...)
	}
	plainAddresses(p, mb.Notify, k("notify")...)
	if mb.IMAP != nil {
		validateIMAP(p, mb.IMAP, k("imap")...)
		// A quiet mailbox syncs once per refresh (or poll): a longer one
		// than serve.stale_after makes a healthy reader look stale.
		if every := max(mb.IMAP.IdleRefresh.Duration, mb.IMAP.PollInterval.Duration); every > c.Serve.StaleAfter.Duration {
			p.bad(fmt.Sprintf("%s is longer than serve.stale_after (%s): a quiet, healthy mailbox would be reported stale", every, c.Serve.StaleAfter.Duration),
				k("imap", "idle_refresh")...)
		}
	}
}

func validateIMAP(p *problems, im *IMAP, key ...string) {
	k := func(name string) []string { return append(append([]string(nil), key...), name) }
	if im.Host == "" {
		p.bad("is required", k("host")...)
	}
	if im.Port < 1 || im.Port > 65535 {
		p.bad("must be a TCP port, 1 to 65535", k("port")...)
	}
	if msg := securityProblem("IMAP", im.Security, im.Host); msg != "" {
		p.bad(msg, k("security")...)
	}
	switch im.PostAction {
	case "seen", "move", "none":
	default:
		p.bad(fmt.Sprintf("%q is not one of seen, move, none", im.PostAction), k("post_action")...)
	}
	if im.Username == "" {
		p.bad("is required", k("username")...)
	}
	switch {
	case im.Password != "":
	case im.PasswordEnv != "":
		p.bad(fmt.Sprintf("$%s is empty or unset", im.PasswordEnv), k("password_env")...)
	default:
		p.bad("no password: set password, or password_env to the name of a variable that holds it", k("password")...)
	}
	if im.PollInterval.Duration < time.Second {
		p.bad("must be at least 1s", k("poll_interval")...)
	}
	// RFC 2177: servers may drop an IDLE after 29 minutes.
	if d := im.IdleRefresh.Duration; d < 10*time.Second || d > 25*time.Minute {
		p.bad("must be between 10s and 25m (servers end IDLE after 29 minutes)", k("idle_refresh")...)
	}
	if im.Auth != "login" && im.Auth != "plain" {
		p.bad(fmt.Sprintf("%q is not one of login, plain", im.Auth), k("auth")...)
	}
	if im.PostAction == "move" && im.ProcessedFolder == im.Folder {
		p.bad("must differ from folder, or every message would be read again", k("processed_folder")...)
	}
}

func plainAddresses(p *problems, list []string, key ...string) {
	for _, a := range list {
		if pa, err := mail.ParseAddress(a); err != nil || pa.Address != a {
			p.bad(fmt.Sprintf("%q is not a plain mail address", a), key...)
		}
	}
}

// securityProblem checks a connection's security setting: clear text is
// allowed only to the same machine.
func securityProblem(proto, security, host string) string {
	switch security {
	case "tls", "starttls":
	case "plain":
		if !loopback(host) {
			return fmt.Sprintf("plain (unencrypted) %s is allowed only to a loopback host", proto)
		}
	default:
		return fmt.Sprintf("%q is not one of tls, starttls, plain", security)
	}
	return ""
}

func loopback(host string) bool {
	return host == "localhost" || strings.HasPrefix(host, "127.") || host == "::1" || host == "[::1]"
}
