package config

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
)

// Example returns a commented configuration that works as is: a support
// mailbox (prefix SUP) and an on-call one (prefix OC, P1), the database
// beside the file, and a fresh secret.
func Example() []byte {
	var b [24]byte
	rand.Read(b[:])
	return []byte(fmt.Sprintf(exampleTemplate, base64.RawURLEncoding.EncodeToString(b[:])))
}

const exampleTemplate = `# ticketgate configuration. Every key is documented in README.md.

# SQLite database, relative to this file.
database = "ticketgate.db"

# Right-hand side of the Message-IDs of the mail we send.
hostname = "helpdesk.example.com"

# Signs our Message-IDs so that replies thread on proof. Keep it secret and
# stable; $TICKETGATE_SECRET overrides it.
secret = "%s"

# Priority names, P1 first; their number is the number of levels.
priorities = ["critical", "high", "medium", "low", "information"]

[log]
level = "info"    # debug, info, warn, error
format = "text"   # text, json

[ingest]
# Auto-replies and list mail that answer no ticket are recorded without a
# ticket; set true to open tickets for them.
ticket_unthreaded_automatic = false
# Let anyone of the customer's mail domain add to a ticket by quoting its
# [REF]. Off: only the customer and the people copied on the ticket can.
same_domain_participants = false
# Messages larger than this are stored whole but decoded only this far.
max_message_mb = 64

# Mail ticketgate sends on its own: acknowledgements, notices, reminders.
[mail]
disabled = false
rate_limit = 5          # at most this many automatic mails to one address
rate_window = "1h"      # per this long; tickets are still created
global_rate_limit = 300 # at most this many automatic mails per hour, all addresses together
agent_notice_limit = 10 # at most this many notices about one ticket to an agent per hour
max_quoted_subject = 150 # characters of a sender's subject quoted in mail to customers
# agents = ["team@helpdesk.example.com"]  # told of new tickets and customers' replies
agent_language = "en"

# Who the agents are. Their replies to ticketgate's mail are relayed to the
# customer from the mailbox's address; command lines at the top (#resolve,
# #close, #note, #priority P2, #assign name, #reopen, #wait, #escalate, or
# in French #resolu, #fermer, #priorite, #assigner, #rouvrir, #attente,
# #escalader) act on the
# ticket. A From address proves nothing: the mail must answer ticketgate's
# mail to the agents, or carry a DKIM/SPF/DMARC pass from a trusted server.
[agents]
addresses = []          # e.g. ["alex@helpdesk.example.com"]
domains = []            # e.g. ["helpdesk.example.com"]: everyone there
trusted_servers = []    # authserv-id of your receiving server, e.g. ["mx.helpdesk.example.com"]
oncall = []             # SLA warnings go here (default: the mailbox's agents)
proof_max_age = "30d"   # a reply to our mail to the agents proves an agent this long
level2 = []             # specialists #escalate sends a ticket to, with its history
escalate_at_risk = false # escalate a ticket when one of its clocks is at risk

# With slas.NAME.Pn.update set ("1h", "1d"), the agents are reminded when an
# open ticket's customer has had no news for that long; notes = true also
# sends the customer a progress note with the estimated resolution.
[progress]
notes = false

# The resolution cycle, in business days of the mailbox's calendar.
[resolution]
confirm_days = 5        # the customer may object this long; then "presumed resolved"
reminder_days = 1       # reminder this long before the deadline (0: none)
reopen_days = 10        # a reply this long after closing reopens; later, a new linked ticket

# Uncomment to send mail with 'ticketgate serve'; without it, mail waits in
# the outbox ('ticketgate outbox list').
# [smtp]
# host = "smtp.example.com"
# security = "starttls"             # tls (465), starttls (587), plain (loopback only)
# username = "support@helpdesk.example.com"
# password_env = "TICKETGATE_SMTP_PASSWORD"
# min_backoff = "1m"                # retries double from here...
# max_backoff = "1h"                # ...up to here
# give_up_after = "72h"             # then the mail is a dead letter

# Uncomment to answer Prometheus (/metrics) and probes (/healthz, /readyz)
# while 'ticketgate serve' runs.
# [metrics]
# listen = "127.0.0.1:9464"
# outbox_stuck_after = "15m"        # /readyz fails when due mail waits longer

[mailboxes.support]
address = "support@helpdesk.example.com"
display_name = "Example Support"
prefix = "SUP"          # references look like SUP-2026-000123
priority = "P3"         # priority of new tickets
language = "fr"         # fr or en

# Business hours and the promised targets of its tickets (see below).
calendar = "paris"
sla = "standard"
# What a first message should contain; the acknowledgement asks for what
# is missing. Built in: phone, serial, steps, started, screenshot.
# require = ["phone", "steps"]
# Only senders listed here or in a tier open tickets; others are recorded
# and answered politely.
# registered_only = true
# registered = ["@customer.example"]

# Uncomment to read this mailbox over IMAP with 'ticketgate serve'. The
# block stays last in the mailbox: keys after a table header belong to it.
# [mailboxes.support.imap]
# host = "imap.example.com"
# security = "tls"                  # tls, starttls, plain (loopback only)
# username = "support@helpdesk.example.com"
# password_env = "TICKETGATE_SUPPORT_PASSWORD"
# folder = "INBOX"
# post_action = "seen"              # seen, move, none
# processed_folder = "Processed"
# poll_interval = "1m"

[mailboxes.oncall]
address = "oncall@helpdesk.example.com"
display_name = "Example On-call"
prefix = "OC"
priority = "P1"         # critical incidents
language = "fr"
calendar = "paris"
sla = "oncall"          # as standard, but P1 runs around the clock

# Business calendars. A day is "09:00-18:00", several ranges
# "08:00-12:00,13:00-17:00", "closed", or "24h". holidays is a country
# (FR, GB, CA, DE, US, ...) or a region (CA-QC, GB-SCT, ...).
[calendars.paris]
time_zone = "Europe/Paris"
weekdays = "09:00-18:00"   # Monday to Friday
# sat = "09:00-12:00"
holidays = "FR"
# closed = ["2026-12-24"]  # extra closing days
# cutoff = "16:00"         # a day target set after this counts from the next business day

[calendars.always]
time_zone = "Europe/Paris"
always_open = true

# Targets per priority: 15m, 4h (business hours), 2d (business days: the
# same clock time N business days later), 1w (5 business days), or none.
[slas.standard]
P1 = { response = "1h", resolution = "4h" }
P2 = { response = "2h", resolution = "1d" }
P3 = { response = "4h", resolution = "2d" }
P4 = { response = "1d", resolution = "5d" }
P5 = { response = "2d" }

[slas.oncall]
P1 = { response = "1h", resolution = "4h", calendar = "always" }
P2 = { response = "2h", resolution = "1d" }
P3 = { response = "4h", resolution = "2d" }
P4 = { response = "1d", resolution = "5d" }
P5 = { response = "2d" }

# Customer plans: each clock takes the plan's target or the priority's,
# whichever falls due first; combine = "replace" lets the plan's stand
# instead. A plan may set resolution too, or nothing (a free plan).
# [tiers.gold]
# senders = ["@bigcustomer.example", "cto@other.example"]
# response = "6h"
# resolution = "2d"
# combine = "stricter"

# Mail no rule matches is read by the classifier (docs/triage.md). Customer
# tags like [P1] or URGENT are evidence weighed with the rest of the mail;
# "obey" lets them set the priority, "ignore" disregards them.
# [triage]
# customer_tags = "weigh"
# Triage rules replace the built-in set when present; first match wins.
# [[triage.rules]]
# mailbox = "oncall"
# priority = "P1"
# [[triage.rules]]
# priority_tags = true          # [P2] or P2: in the subject
# [[triage.rules]]
# priority = "P1"
# keywords = ["panne", "hors service", "system down"]
`
