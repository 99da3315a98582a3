-- What each IMAP mailbox last did, so that 'ticketgate status' (another
-- process) can tell a stalled or failing fetcher from a quiet mailbox.
ALTER TABLE mailbox_state ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE mailbox_state ADD COLUMN last_error_at TEXT;
