-- A sender claims the mail it is about to send, so that no other sender
-- takes it meanwhile; the claim lapses if the sender dies.
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;

-- Leases: one holder at a time for a piece of work (today: the one serve
-- process that may read the mailboxes and send the outbox).
CREATE TABLE leases (
	name        TEXT PRIMARY KEY,
	holder      TEXT NOT NULL,
	host        TEXT NOT NULL,
	pid         INTEGER NOT NULL,
	acquired_at TEXT NOT NULL,
	expires_at  TEXT NOT NULL
);
