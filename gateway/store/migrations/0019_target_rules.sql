-- Which rule gave each SLA target ("priority P1", "plan gold"), recorded
-- with the due time so that explanations and reports read what was
-- promised, not what today's configuration would promise.
ALTER TABLE tickets ADD COLUMN response_rule TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN resolution_rule TEXT NOT NULL DEFAULT '';
