-- Triage and SLA: the customer's tier, what the first message lacked, and
-- the calendars and targets the due times were computed with.
ALTER TABLE tickets ADD COLUMN tier TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN missing TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN response_calendar TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN resolution_calendar TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN response_target TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN resolution_target TEXT NOT NULL DEFAULT '';
