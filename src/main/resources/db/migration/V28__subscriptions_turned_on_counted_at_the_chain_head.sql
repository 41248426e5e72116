-- A publish matches its events against the tenant's active subscriptions before it takes the
-- tenant's chain head, and chains them once it holds it. A subscription created (or turned on)
-- in between was neither matched by those events nor, as they were recorded after it, ever
-- backfilled. Turning one on now counts here, under the head; a publish that finds the count
-- changed once it holds the head matches the subscriptions turned on since.
ALTER TABLE event_chain_heads ADD COLUMN subscriptions_turned_on BIGINT DEFAULT 0 NOT NULL;
