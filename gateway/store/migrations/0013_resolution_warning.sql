-- The last SLA warning sent about the resolution due time, as sla_warned
-- is for the response: each clock warns once at risk and once breached.
ALTER TABLE tickets ADD COLUMN sla_warned_resolution TEXT NOT NULL DEFAULT '';
