-- Retention ages out what only matters for a while (see herald.retention.*). Each sweep
-- reads by time, so each table it sweeps gets a time index.
ALTER TABLE inbound_seen ADD COLUMN seen_at TIMESTAMP WITH TIME ZONE;
UPDATE inbound_seen SET seen_at = (SELECT r.received_at FROM inbound_receipts r WHERE r.id = inbound_seen.receipt_id);
UPDATE inbound_seen SET seen_at = CURRENT_TIMESTAMP WHERE seen_at IS NULL;
ALTER TABLE inbound_seen ALTER COLUMN seen_at SET NOT NULL;
CREATE INDEX ix_inbound_seen_seen_at ON inbound_seen (seen_at);
CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
CREATE INDEX ix_delivery_attempts_created ON delivery_attempts (created_at);
