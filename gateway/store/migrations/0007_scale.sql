-- Cost per mail must not grow with the database: every query on the hot
-- path of ingest, the scheduler and the notifier finds its rows through
-- an index (store's query-plan test fails on a full scan).

-- The content dedupe looks a message up by its raw row.
CREATE INDEX messages_raw ON messages(raw_id);

-- The scheduler reads only the tickets whose next timer has come. Tickets
-- that may owe an SLA warning wake at once and get their real instant on
-- the first tick.
ALTER TABLE tickets ADD COLUMN wake_at TEXT;
UPDATE tickets SET wake_at = CASE
	WHEN status = 'resolved' THEN MIN(COALESCE(remind_at, confirm_by), COALESCE(confirm_by, remind_at))
	WHEN status IN ('new', 'open') AND paused_at IS NULL AND first_response_at IS NULL
		AND response_due IS NOT NULL AND sla_warned <> 'breached' THEN created_at
	END;
CREATE INDEX tickets_wake ON tickets(wake_at, id);
DROP INDEX tickets_confirm;

-- Listings page newest first under each filter: an index on one column
-- keeps its rows in ID order within a value.
CREATE INDEX tickets_by_status ON tickets(status);
CREATE INDEX tickets_by_priority ON tickets(priority);
CREATE INDEX tickets_by_mailbox ON tickets(mailbox);
CREATE INDEX outbox_by_status ON outbox(status);

-- Compact storage: raw mail deflated ('deflate'), or for a large message
-- in deflated chunks read and written a piece at a time ('chunks'); rows
-- from before hold their bytes as they are (''). Message bodies go in one
-- deflated record that keeps the reply as a span of the text, not a
-- second copy; the old columns stay for rows written before.
ALTER TABLE raw_messages ADD COLUMN encoding TEXT NOT NULL DEFAULT '';
CREATE TABLE raw_chunks (
	raw_id INTEGER NOT NULL REFERENCES raw_messages(id),
	seq    INTEGER NOT NULL,
	data   BLOB NOT NULL,
	PRIMARY KEY (raw_id, seq)
);
ALTER TABLE messages ADD COLUMN bodies BLOB;

-- messages_message_id serves the cross-mailbox dedupe on its own.
DROP INDEX messages_dupe;

-- The per-recipient rate limit counts one address's automatic mail: an
-- index of automatic mail only, by recipient, so the planner never
-- prefers walking every automatic mail of the hour. The notifier's queue
-- is indexed over pending mail only: sent mail, nearly all rows, costs
-- it nothing.
DROP INDEX outbox_recipient;
CREATE INDEX outbox_recipient ON outbox(to_address, created_at) WHERE automatic = 1;
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE status = 'pending';

-- An outgoing mail that quotes a message (an agents' notice repeats the
-- customer's text) is deflated against that message's text, named here,
-- instead of storing the text again.
ALTER TABLE outbox ADD COLUMN quotes INTEGER REFERENCES messages(id);
