-- How a subscription's deliveries are presented to its receiver (header names, the signature's
-- and the timestamp's form, the body), as JSON; NULL: Herald's own, as API.md describes it.
ALTER TABLE subscriptions ADD COLUMN presentation_json VARCHAR(2000);

-- Each subscription's latest attempt (lastDelivery, lastStatus), kept beside it rather than on
-- its row: the attempt log writes it once per subscription per batch of attempts, and edits of
-- the subscription never wait for that.
CREATE TABLE subscription_last_attempts (
    subscription_id VARCHAR(40) PRIMARY KEY REFERENCES subscriptions (id) ON DELETE CASCADE,
    attempted_at    TIMESTAMP WITH TIME ZONE,
    status_code     INTEGER
);
INSERT INTO subscription_last_attempts (subscription_id, attempted_at, status_code)
SELECT s.id,
       (SELECT a.created_at FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
         WHERE d.subscription_id = s.id ORDER BY a.created_at DESC, a.id DESC LIMIT 1),
       (SELECT a.status_code FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
         WHERE d.subscription_id = s.id ORDER BY a.created_at DESC, a.id DESC LIMIT 1)
  FROM subscriptions s;
