-- Cost per mail must not grow with the database: every query on the hot
-- path of ingest, the scheduler and the notifier finds its rows through
-- an index (store's query-plan test fails on a full scan).

-- The content dedupe looks a message up by its raw row.
CREATE INDEX messages_raw ON messages(raw_id);
