-- Full-text search over tickets' mail: one row per message (rowid is the
-- message's id), subject, text and addresses. Contentless: the text is
-- already stored (deflated) in messages, the index keeps only its terms.
-- Accents fold so that "resolu" finds "résolu".
CREATE VIRTUAL TABLE message_search USING fts5(
	subject, body, addresses,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);

-- Messages recorded before the index: their bodies are deflated, which
-- SQL cannot read, so the store indexes them in Go when it opens the
-- database, a batch per transaction, and empties this list.
CREATE TABLE message_search_pending (entry_id INTEGER PRIMARY KEY);
INSERT INTO message_search_pending (entry_id) SELECT id FROM messages;
