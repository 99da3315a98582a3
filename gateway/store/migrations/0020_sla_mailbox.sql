-- The mailbox whose targets a ticket's clocks follow when not its own: a
-- ticket raised to P1 runs on the on-call desk's clock.
ALTER TABLE tickets ADD COLUMN sla_mailbox TEXT NOT NULL DEFAULT '';
