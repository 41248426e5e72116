-- A rotation during an earlier rotation's overlap moved the current secret into the one
-- previous slot, and the secret the earlier overlap had promised stopped signing at once. The
-- secret it displaces keeps signing here until its own overlap ends.
ALTER TABLE subscriptions ADD COLUMN earlier_secret_sealed VARCHAR(1000);
ALTER TABLE subscriptions ADD COLUMN earlier_secret_expires_at TIMESTAMP WITH TIME ZONE;
