-- A ticket's priority reason in parts (JSON), so that agents' mail says
-- it in their language; '' for tickets older than it, which keep the
-- English text of priority_reason.
ALTER TABLE tickets ADD COLUMN priority_why TEXT NOT NULL DEFAULT '';
