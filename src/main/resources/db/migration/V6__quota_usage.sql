-- Quota usage of the current period, for subscriptions with a quota.
ALTER TABLE subscriptions ADD COLUMN quota_used INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE subscriptions ADD COLUMN quota_period_start TIMESTAMP WITH TIME ZONE;
