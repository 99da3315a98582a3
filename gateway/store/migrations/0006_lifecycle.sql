-- The resolution cycle and the SLA clock: who has the ticket, when its
-- clock stopped to wait on the customer and how much business time the
-- pauses added to each due time, the end of the confirmation window and
-- its reminder (cleared once sent, so a restart never sends it twice),
-- and the last SLA warning sent.
ALTER TABLE tickets ADD COLUMN assignee TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN paused_at TEXT;
ALTER TABLE tickets ADD COLUMN response_paused_ns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN resolution_paused_ns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN confirm_by TEXT;
ALTER TABLE tickets ADD COLUMN remind_at TEXT;
ALTER TABLE tickets ADD COLUMN sla_warned TEXT NOT NULL DEFAULT '';
CREATE INDEX tickets_confirm ON tickets(status, confirm_by);
