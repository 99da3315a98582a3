-- One row that 'serve' rewrites to prove the database takes writes
-- (/readyz): a full disk or a read-only mount fails here first.
CREATE TABLE health (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	checked_at TEXT NOT NULL
);
