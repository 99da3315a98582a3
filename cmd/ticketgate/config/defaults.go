package config

import (
	"path/filepath"
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
func (c *Config) applyDefaults(getenv func(string) string) {
	c.defaultTop(getenv)
	c.defaultLog()
	c.defaultIngest()
	c.defaultServe()
	c.defaultMail()
	c.defaultAgents()
	c.defaultResolution()
	c.defaultSMTP(getenv)
	for name, mb := range c.Mailboxes {
		defaultMailbox(name, &mb, getenv)
		c.Mailboxes[name] = mb
	}
}

func (c *Config) defaultTop(getenv func(string) string) {
	if c.Database == "" {
		c.Database = "ticketgate.db"
	}
	if !filepath.IsAbs(c.Database) {
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

func (c *Config) defaultIngest() {
	if c.Ingest.MaxMessageMB == 0 {
		c.Ingest.MaxMessageMB = parser.DefaultMaxSize >> 20
	}
}

func (c *Config) defaultServe() {
	if c.Serve.StaleAfter.Duration == 0 {
		c.Serve.StaleAfter.Duration = 15 * time.Minute
	}
	if c.Serve.Tick.Duration == 0 {
		c.Serve.Tick.Duration = gateway.DefaultSchedulerTick
	}
}

func (c *Config) defaultMail() {
	m := &c.Mail
	if m.RateLimit == 0 {
		m.RateLimit = gateway.DefaultRateLimit
	}
	if m.RateWindow.Duration == 0 {
		m.RateWindow.Duration = gateway.DefaultRateWindow
	}
	if m.AgentLanguage == "" {
		m.AgentLanguage = gateway.DefaultAgentLanguage
	}
	if m.GlobalRateLimit == 0 {
		m.GlobalRateLimit = gateway.DefaultGlobalRateLimit
	}
	if m.AgentNoticeLimit == 0 {
		m.AgentNoticeLimit = gateway.DefaultAgentNoticeLimit
	}
	if m.MaxQuotedSubject == 0 {
		m.MaxQuotedSubject = gateway.DefaultMaxQuotedSubject
	}
}

func (c *Config) defaultAgents() {
	if c.Agents.ProofMaxAge.Duration == 0 {
		c.Agents.ProofMaxAge.Duration = gateway.DefaultProofMaxAge
	}
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

func (c *Config) defaultSMTP(getenv func(string) string) {
	sm := c.SMTP
	if sm == nil {
		return
	}
	d := notifier.DefaultConfig()
	if sm.Security == "" {
		sm.Security = string(d.Security)
	}
	if sm.Port == 0 {
		sm.Port = notifier.DefaultPort(notifier.Security(sm.Security))
	}
	if sm.Auth == "" {
		sm.Auth = "login"
	}
	if sm.Password == "" && sm.PasswordEnv != "" {
		sm.Password = getenv(sm.PasswordEnv)
	}
	if sm.MinBackoff.Duration == 0 {
		sm.MinBackoff.Duration = d.MinBackoff
	}
	if sm.MaxBackoff.Duration == 0 {
		sm.MaxBackoff.Duration = d.MaxBackoff
	}
	if sm.GiveUpAfter.Duration == 0 {
		sm.GiveUpAfter.Duration = d.GiveUpAfter
	}
}

func defaultMailbox(name string, mb *Mailbox, getenv func(string) string) {
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
		defaultIMAP(mb.IMAP, getenv)
	}
}

func defaultIMAP(im *IMAP, getenv func(string) string) {
	d := imapsource.DefaultConfig()
	if im.Security == "" {
		im.Security = string(d.Security)
	}
	if im.Port == 0 {
		im.Port = imapsource.DefaultPort(imapsource.Security(im.Security))
	}
	if im.Folder == "" {
		im.Folder = d.Folder
	}
	if im.PostAction == "" {
		im.PostAction = string(d.PostAction)
	}
	if im.PostAction == string(imapsource.Move) && im.ProcessedFolder == "" {
		im.ProcessedFolder = d.ProcessedFolder
	}
	if im.PollInterval.Duration == 0 {
		im.PollInterval.Duration = d.PollInterval
	}
	if im.IdleRefresh.Duration == 0 {
		im.IdleRefresh.Duration = d.IdleRefresh
	}
	if im.Auth == "" {
		im.Auth = "login"
	}
	if im.Password == "" && im.PasswordEnv != "" {
		im.Password = getenv(im.PasswordEnv)
	}
}
