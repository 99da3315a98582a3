-- Tickets and everything that happens to them. Times are UTC RFC 3339
-- strings with nanoseconds so that they sort as text.

CREATE TABLE raw_messages (
	id         INTEGER PRIMARY KEY,
	sha256     TEXT NOT NULL UNIQUE,
	size       INTEGER NOT NULL,
	data       BLOB NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE tickets (
	id               INTEGER PRIMARY KEY,
	reference        TEXT NOT NULL UNIQUE,
	mailbox          TEXT NOT NULL,
	status           TEXT NOT NULL,
	priority         INTEGER NOT NULL,
	priority_reason  TEXT NOT NULL,
	customer_name    TEXT NOT NULL DEFAULT '',
	customer_address TEXT NOT NULL DEFAULT '',
	subject          TEXT NOT NULL DEFAULT '',
	language         TEXT NOT NULL DEFAULT '',
	flags            TEXT NOT NULL DEFAULT '',
	linked_ticket_id INTEGER REFERENCES tickets(id),
	response_due     TEXT,
	resolution_due   TEXT,
	first_response_at TEXT,
	resolved_at      TEXT,
	closed_at        TEXT,
	close_reason     TEXT NOT NULL DEFAULT '',
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL
);
CREATE INDEX tickets_status ON tickets(status, priority);
CREATE INDEX tickets_customer ON tickets(customer_address);

CREATE TABLE messages (
	id            INTEGER PRIMARY KEY,
	ticket_id     INTEGER REFERENCES tickets(id),
	raw_id        INTEGER NOT NULL REFERENCES raw_messages(id),
	mailbox       TEXT NOT NULL,
	direction     TEXT NOT NULL,          -- in | out
	author_kind   TEXT NOT NULL,          -- customer, participant, stranger, auto, bounce, unknown, ...
	kind          TEXT NOT NULL,          -- parser kind: human, auto-reply, bounce, list
	kind_reason   TEXT NOT NULL DEFAULT '',
	message_id    TEXT NOT NULL DEFAULT '',
	in_reply_to   TEXT NOT NULL DEFAULT '',  -- space-separated IDs
	refs          TEXT NOT NULL DEFAULT '',  -- space-separated IDs
	from_name     TEXT NOT NULL DEFAULT '',
	from_address  TEXT NOT NULL DEFAULT '',
	to_json       TEXT NOT NULL DEFAULT '[]',
	cc_json       TEXT NOT NULL DEFAULT '[]',
	subject       TEXT NOT NULL DEFAULT '',
	sent_at       TEXT,
	body_text     TEXT NOT NULL DEFAULT '',
	body_reply    TEXT NOT NULL DEFAULT '',
	body_html     TEXT NOT NULL DEFAULT '',
	problems_json TEXT NOT NULL DEFAULT '[]',
	created_at    TEXT NOT NULL
);
CREATE INDEX messages_ticket ON messages(ticket_id, id);
CREATE INDEX messages_message_id ON messages(message_id);

CREATE TABLE attachments (
	id           INTEGER PRIMARY KEY,
	message_id   INTEGER NOT NULL REFERENCES messages(id),
	filename     TEXT NOT NULL,
	content_type TEXT NOT NULL,
	disposition  TEXT NOT NULL,
	content_id   TEXT NOT NULL DEFAULT '',
	size         INTEGER NOT NULL,
	sha256       TEXT NOT NULL
);
CREATE INDEX attachments_message ON attachments(message_id);

CREATE TABLE events (
	id         INTEGER PRIMARY KEY,
	ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
	message_id INTEGER REFERENCES messages(id),
	at         TEXT NOT NULL,
	kind       TEXT NOT NULL,
	actor      TEXT NOT NULL DEFAULT '',
	detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_ticket ON events(ticket_id, id);

CREATE TABLE outbox (
	id              INTEGER PRIMARY KEY,
	ticket_id       INTEGER REFERENCES tickets(id),
	kind            TEXT NOT NULL,
	to_address      TEXT NOT NULL,
	subject         TEXT NOT NULL,
	message_id      TEXT NOT NULL UNIQUE,
	data            BLOB NOT NULL,
	status          TEXT NOT NULL,        -- pending | sent | dead
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT NOT NULL,
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

CREATE TABLE mailbox_state (
	mailbox      TEXT PRIMARY KEY,
	uidvalidity  INTEGER NOT NULL,
	last_uid     INTEGER NOT NULL,
	last_sync_at TEXT
);

CREATE TABLE seen_uids (
	mailbox     TEXT NOT NULL,
	uidvalidity INTEGER NOT NULL,
	uid         INTEGER NOT NULL,
	message_id  INTEGER NOT NULL REFERENCES messages(id),
	PRIMARY KEY (mailbox, uidvalidity, uid)
);

CREATE TABLE templates (
	name       TEXT NOT NULL,
	language   TEXT NOT NULL,
	version    INTEGER NOT NULL,
	subject    TEXT NOT NULL,
	text_body  TEXT NOT NULL,
	html_body  TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (name, language)
);

CREATE TABLE template_versions (
	name       TEXT NOT NULL,
	language   TEXT NOT NULL,
	version    INTEGER NOT NULL,
	subject    TEXT NOT NULL,
	text_body  TEXT NOT NULL,
	html_body  TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (name, language, version)
);
