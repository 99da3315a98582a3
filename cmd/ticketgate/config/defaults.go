package config

import (
	"path/filepath"
	"strings"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/imapsource"
	"ticketgate/notifier"
	"ticketgate/parser"
)

// applyDefaults fills what the file leaves out, one section at a time.
// Where a package uses the value, its default is copied from there
// (gateway, imapsource, notifier, parser); the file's own vocabulary (log
// levels, mailbox settings, auth names) has its defaults here.
//
// A number or duration the file writes is kept as written, 0 included,
// for validation to judge: only a key the file leaves out (written tells)
// takes the default. An empty string is never a setting, so it takes the
// default either way.
func (c *Config) applyDefaults(written func(key ...string) bool, getenv func(string) string) {
	c.defaultTop(getenv)
	c.defaultLog()
	c.defaultIngest(written)
	c.defaultServe(written)
	c.defaultMail(written)
	c.defaultAgents(written)
	c.defaultResolution()
	c.defaultSMTP(written, getenv)
	for name, mb := range c.Mailboxes {
		at := func(key ...string) bool { return written(append([]string{"mailboxes", name}, key...)...) }
		defaultMailbox(name, &mb, at, getenv)
		c.Mailboxes[name] = mb
	}
}

// orDefault gives *v the default def unless the file wrote it.
func orDefault[T comparable](v *T, def T, written bool) {
	var zero T
	if *v == zero && !written {
		*v = def
	}
}

func (c *Config) defaultTop(getenv func(string) string) {
	if c.Database == "" {
		c.Database = "ticketgate.db"
	}
	// A URL (postgres://…) names a server, not a file beside this one.
	if !filepath.IsAbs(c.Database) && !strings.Contains(c.Database, "://") {
		c.Database = filepath.Join(filepath.Dir(c.Path), c.Database)
	}
	if v := getenv(EnvSecret); v != "" {
		c.Secret = v
	}
	if c.Hostname == "" {
		c.Hostname = "ticketgate.invalid"
	}
}

func (c *Config) defaultLog() {
	if c.Log.Level == "" {
		c.Log.Level = "info"
	}
	if c.Log.Format == "" {
		c.Log.Format = "text"
	}
}

func (c *Config) defaultIngest(written func(...string) bool) {
	orDefault(&c.Ingest.MaxMessageMB, parser.DefaultMaxSize>>20, written("ingest", "max_message_mb"))
}

func (c *Config) defaultServe(written func(...string) bool) {
	orDefault(&c.Serve.StaleAfter, Duration{15 * time.Minute}, written("serve", "stale_after"))
	orDefault(&c.Serve.Tick, Duration{gateway.DefaultSchedulerTick}, written("serve", "tick"))
}

func (c *Config) defaultMail(written func(...string) bool) {
	m := &c.Mail
	orDefault(&m.RateLimit, gateway.DefaultRateLimit, written("mail", "rate_limit"))
	orDefault(&m.RateWindow, Duration{gateway.DefaultRateWindow}, written("mail", "rate_window"))
	orDefault(&m.GlobalRateLimit, gateway.DefaultGlobalRateLimit, written("mail", "global_rate_limit"))
	orDefault(&m.AgentNoticeLimit, gateway.DefaultAgentNoticeLimit, written("mail", "agent_notice_limit"))
	orDefault(&m.MaxQuotedSubject, gateway.DefaultMaxQuotedSubject, written("mail", "max_quoted_subject"))
	if m.AgentLanguage == "" {
		m.AgentLanguage = gateway.DefaultAgentLanguage
	}
}

func (c *Config) defaultAgents(written func(...string) bool) {
	orDefault(&c.Agents.ProofMaxAge, Duration{gateway.DefaultProofMaxAge}, written("agents", "proof_max_age"))
}

// defaultResolution fills the days left out; the pointers tell a 0 the
// file writes (no reminder, never reopen) from a key it leaves out.
func (c *Config) defaultResolution() {
	r := &c.Resolution
	for _, d := range []struct {
		v   **int
		def int
	}{{&r.ConfirmDays, gateway.DefaultConfirmDays}, {&r.ReminderDays, gateway.DefaultReminderDays},
		{&r.ReopenDays, gateway.DefaultReopenDays}} {
		if *d.v == nil {
			v := d.def
			*d.v = &v
		}
	}
}

func (c *Config) defaultSMTP(written func(...string) bool, getenv func(string) string) {
	sm := c.SMTP
	if sm == nil {
		return
	}
	d := notifier.DefaultConfig()
	if sm.Security == "" {
		sm.Security = string(d.Security)
	}
	orDefault(&sm.Port, notifier.DefaultPort(notifier.Security(sm.Security)), written("smtp", "port"))
	if sm.Auth == "" {
		sm.Auth = "login"
	}
	if sm.Password == "" && sm.PasswordEnv != "" {
		sm.Password = getenv(sm.PasswordEnv)
	}
	orDefault(&sm.MinBackoff, Duration{d.MinBackoff}, written("smtp", "min_backoff"))
	orDefault(&sm.MaxBackoff, Duration{d.MaxBackoff}, written("smtp", "max_backoff"))
	orDefault(&sm.GiveUpAfter, Duration{d.GiveUpAfter}, written("smtp", "give_up_after"))
}

func defaultMailbox(name string, mb *Mailbox, written func(...string) bool, getenv func(string) string) {
	if mb.Priority == "" {
		mb.Priority = "P3"
	}
	if mb.Language == "" {
		mb.Language = "fr"
	}
	if mb.Calendar == "" {
		mb.Calendar = "paris"
	}
	if mb.SLA == "" {
		// The on-call address exists for round-the-clock P1.
		mb.SLA = "standard"
		if name == "oncall" {
			mb.SLA = "oncall"
		}
	}
	if mb.OnCall == nil {
		on := name == "oncall" || mb.SLA == "oncall"
		mb.OnCall = &on
	}
	if mb.IMAP != nil {
		defaultIMAP(mb.IMAP, func(key string) bool { return written("imap", key) }, getenv)
	}
}

func defaultIMAP(im *IMAP, written func(key string) bool, getenv func(string) string) {
	d := imapsource.DefaultConfig()
	if im.Security == "" {
		im.Security = string(d.Security)
	}
	orDefault(&im.Port, imapsource.DefaultPort(imapsource.Security(im.Security)), written("port"))
	if im.Folder == "" {
		im.Folder = d.Folder
	}
	if im.PostAction == "" {
		im.PostAction = string(d.PostAction)
	}
	if im.PostAction == string(imapsource.Move) && im.ProcessedFolder == "" {
		im.ProcessedFolder = d.ProcessedFolder
	}
	orDefault(&im.PollInterval, Duration{d.PollInterval}, written("poll_interval"))
	orDefault(&im.IdleRefresh, Duration{d.IdleRefresh}, written("idle_refresh"))
	if im.Auth == "" {
		im.Auth = "login"
	}
	if im.Password == "" && im.PasswordEnv != "" {
		im.Password = getenv(im.PasswordEnv)
	}
}
