-- Endpoint validation: the URL the endpoint last confirmed, and the one-time token of the
-- manual confirmation (only as its SHA-256 hash) with the time it was requested.
ALTER TABLE subscriptions ADD COLUMN validated_url VARCHAR(2048);
ALTER TABLE subscriptions ADD COLUMN validation_token_hash VARCHAR(64);
ALTER TABLE subscriptions ADD COLUMN validation_requested_at TIMESTAMP WITH TIME ZONE;
-- Subscriptions created before validation existed were all delivered to: treat them as confirmed.
UPDATE subscriptions SET validated_url = url;
