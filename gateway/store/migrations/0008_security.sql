-- The global ceiling on automatic mail counts the last hour's rows of
-- every recipient.
CREATE INDEX outbox_automatic ON outbox(created_at) WHERE automatic = 1;
