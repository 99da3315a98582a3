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

[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"          # references look like SUP-2026-000123
priority = "P3"         # priority of new tickets
language = "fr"         # fr or en

# Uncomment to read this mailbox over IMAP with 'ticketgate serve'.
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
prefix = "OC"
priority = "P1"         # critical incidents
language = "fr"
`
