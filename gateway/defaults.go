package gateway

import "time"

// Defaults of the lifecycle's configuration, each written here once: New
// gives them to the fields of a Config left at zero where zero makes no
// sense, and the configuration file (cmd/ticketgate/config) copies them
// for the keys it leaves out. ReminderDays and ReopenDays are the
// exception: zero is a setting there (no reminder; never reopen), so New
// takes them as given and only the file's defaults use these values.
const (
	// DefaultRateLimit is the most automatic mails one address gets per
	// DefaultRateWindow.
	DefaultRateLimit  = 5
	DefaultRateWindow = time.Hour
	// DefaultGlobalRateLimit is the most automatic mails per hour, all
	// recipients together.
	DefaultGlobalRateLimit = 300
	// DefaultAgentNoticeLimit is the most notices about one ticket an
	// agent gets per hour.
	DefaultAgentNoticeLimit = 10
	// DefaultMaxQuotedSubject is how much of a sender's subject mail to a
	// customer quotes, in characters.
	DefaultMaxQuotedSubject = 150
	// DefaultAgentLanguage is the language of notices to agents.
	DefaultAgentLanguage = "en"
	// DefaultProofMaxAge is how long our mail to the agents proves a reply.
	DefaultProofMaxAge = 30 * 24 * time.Hour

	// DefaultConfirmDays is how many business days a customer has to
	// object to a resolution.
	DefaultConfirmDays = 5
	// DefaultReminderDays is how many business days before that deadline
	// the file's default reminder goes.
	DefaultReminderDays = 1
	// DefaultReopenDays is how many business days after closing a reply
	// still reopens, by the file's default.
	DefaultReopenDays = 10

	// DefaultSchedulerTick is how often RunScheduler looks for due timers.
	DefaultSchedulerTick = 30 * time.Second
)
