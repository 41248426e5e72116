-- The subjects a oneTime subscription delivered before their events were pruned outlived the
-- subscription when it was deleted, a row each, for ever. They now go with it.
DELETE FROM one_time_delivered WHERE subscription_id NOT IN (SELECT id FROM subscriptions);
ALTER TABLE one_time_delivered ADD CONSTRAINT fk_one_time_delivered_subscription
    FOREIGN KEY (subscription_id) REFERENCES subscriptions (id) ON DELETE CASCADE;
