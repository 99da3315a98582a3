-- The search index's rows are keyed by ticket: a row's rowid is its
-- ticket's ID shifted left 24 bits plus the message's place among the
-- ticket's messages, so FTS5 yields matches newest ticket first and a
-- page of the newest matching tickets stops reading the index as soon
-- as it is full, with no join to messages. The terms do not change, only
-- the keys: the index is made again, from every message, when the store
-- opens (the bodies are deflated, which SQL cannot read).
DROP TABLE message_search;
CREATE VIRTUAL TABLE message_search USING fts5(
	subject, body, addresses,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);
DELETE FROM message_search_pending;
INSERT INTO message_search_pending (entry_id) SELECT id FROM messages WHERE ticket_id IS NOT NULL;

-- The index's vocabulary, one row per term: a search spells out the few
-- longer terms a typed word starts instead of asking FTS5 for a prefix.
CREATE VIRTUAL TABLE message_search_terms USING fts5vocab(message_search, 'row');

-- "Open tickets of this mailbox" is the list's most common pair of
-- filters; with an index per column, one pair that holds few tickets read
-- every ticket of the mailbox (or of the status) to find them, and a
-- search with that filter listed them first.
CREATE INDEX tickets_by_mailbox_status ON tickets(mailbox, status);

-- The columns the list filters on, together: a search first lists the
-- tickets its filter passes, and with this index that reads the index
-- alone (a few bytes a ticket, the whole of it in a few megabytes) rather
-- than each ticket's row; three or four filters at once seek straight to
-- their tickets.
CREATE INDEX tickets_filters ON tickets(status, priority, mailbox, tier, assignee);
