-- The progress clock: when the customer of an open ticket must next hear
-- from us, with the update target and its calendar. wake_at already
-- covers it, so the scheduler's query is unchanged.
ALTER TABLE tickets ADD COLUMN progress_due TEXT;
ALTER TABLE tickets ADD COLUMN progress_target TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN progress_calendar TEXT NOT NULL DEFAULT '';
-- The support level a ticket is at: 1, or 2 once escalated to the
-- specialists.
ALTER TABLE tickets ADD COLUMN level INTEGER NOT NULL DEFAULT 1;
