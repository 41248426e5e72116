-- Receiver acknowledgements, the subject of each delivery (for oneTime subscriptions), and
-- the health of each subscription (how long it has failed without a success).
ALTER TABLE deliveries ADD COLUMN subject VARCHAR(200);
ALTER TABLE deliveries ADD COLUMN acknowledged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE deliveries ADD COLUMN external_id VARCHAR(200);
ALTER TABLE deliveries ADD COLUMN acknowledged_status VARCHAR(100);
CREATE INDEX ix_deliveries_subscription_subject ON deliveries (subscription_id, subject);

ALTER TABLE subscriptions ADD COLUMN failing_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE subscriptions ADD COLUMN consecutive_failures INTEGER DEFAULT 0 NOT NULL;
