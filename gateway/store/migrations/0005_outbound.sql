-- Outgoing mail: automatic mail is rate-limited per recipient, and a
-- ticket's mail is listed with it.
ALTER TABLE outbox ADD COLUMN automatic INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN mailbox TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_recipient ON outbox(to_address, created_at);
CREATE INDEX outbox_ticket ON outbox(ticket_id, id);
