-- During a rotation's overlap the previous secret keeps signing beside the new one.
ALTER TABLE subscriptions ADD COLUMN previous_secret_sealed VARCHAR(1000);
ALTER TABLE subscriptions ADD COLUMN previous_secret_expires_at TIMESTAMP WITH TIME ZONE;
