-- A one-time validation link is found by its token's hash, before the call is let in (to wait
-- in its tenant's line) and again to confirm it. Anyone can send such a link, made up or not:
-- without this index each one read every subscription of every tenant.
CREATE INDEX ix_subscriptions_validation_token ON subscriptions (validation_token_hash);
