-- A person's change of a ticket's priority, kept beside what triage had
-- chosen, so that disagreement with the classifier is visible and
-- becomes data. triage_* is the choice of triage at the ticket's opening,
-- whatever overrides came between.
CREATE TABLE priority_overrides (
	id              INTEGER PRIMARY KEY,
	ticket_id       INTEGER NOT NULL REFERENCES tickets(id),
	at              TEXT NOT NULL,
	actor           TEXT NOT NULL,
	from_priority   INTEGER NOT NULL,
	to_priority     INTEGER NOT NULL,
	triage_priority INTEGER NOT NULL,
	triage_reason   TEXT NOT NULL
);
CREATE INDEX priority_overrides_ticket ON priority_overrides(ticket_id, id);
CREATE INDEX tickets_created ON tickets(created_at);
