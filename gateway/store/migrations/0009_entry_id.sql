-- An integer foreign key to messages(id) is called entry_id, so that
-- message_id means one thing in the schema: a mail's Message-ID header.
ALTER TABLE attachments RENAME COLUMN message_id TO entry_id;
DROP INDEX attachments_message;
CREATE INDEX attachments_entry ON attachments(entry_id);
ALTER TABLE events RENAME COLUMN message_id TO entry_id;
ALTER TABLE seen_uids RENAME COLUMN message_id TO entry_id;
