-- The web admin filters tickets by assignee and by tier; as for status,
-- priority and mailbox, an index on the one column keeps rows in ID order
-- within a value so that a page reads only its own rows.
CREATE INDEX tickets_by_assignee ON tickets(assignee);
CREATE INDEX tickets_by_tier ON tickets(tier);
