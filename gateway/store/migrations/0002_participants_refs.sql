-- Threading by reference needs to know who takes part in a ticket
-- (DESIGN.md invariant 5), and references are numbered per prefix and year
-- from counters rather than by scanning tickets.

CREATE TABLE participants (
	ticket_id INTEGER NOT NULL REFERENCES tickets(id),
	address   TEXT NOT NULL,
	role      TEXT NOT NULL,   -- customer | cc
	PRIMARY KEY (ticket_id, address)
);
CREATE INDEX participants_address ON participants(address);

CREATE TABLE ref_counters (
	prefix TEXT NOT NULL,
	year   INTEGER NOT NULL,
	last   INTEGER NOT NULL,
	PRIMARY KEY (prefix, year)
);

-- Earlier tickets: their customers are participants, their references
-- advance the counters.
INSERT INTO participants (ticket_id, address, role)
	SELECT id, customer_address, 'customer' FROM tickets WHERE customer_address <> '';
INSERT INTO ref_counters (prefix, year, last)
	SELECT substr(reference, 1, length(reference) - 12),
	       CAST(substr(reference, length(reference) - 10, 4) AS INTEGER),
	       MAX(CAST(substr(reference, length(reference) - 5) AS INTEGER))
	FROM tickets GROUP BY 1, 2;

-- A message seen again through another mailbox is matched on these.
CREATE INDEX messages_dupe ON messages(message_id, from_address, sent_at);
