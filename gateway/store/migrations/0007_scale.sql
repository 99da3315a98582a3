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
