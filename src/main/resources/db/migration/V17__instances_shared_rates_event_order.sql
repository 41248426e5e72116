-- The Herald instances sharing this database: each writes its row when it starts and renews
-- seen_at while it runs, so every instance knows how many share the deployment's limits.
CREATE TABLE instances (
    id         VARCHAR(100) PRIMARY KEY,
    host       VARCHAR(255) NOT NULL,
    version    VARCHAR(40)  NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which instance made an attempt (NULL for attempts made before this was recorded).
ALTER TABLE delivery_attempts ADD COLUMN instance_id VARCHAR(100);

-- Rate limits kept in the database so that every instance draws on one allowance: the
-- earliest time (epoch microseconds) the next delivery, or the tenant's next test send, is
-- due under its rate (a generic cell rate algorithm's theoretical arrival time).
ALTER TABLE subscriptions ADD COLUMN rate_next_micros BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE tenants ADD COLUMN test_send_next_micros BIGINT DEFAULT 0 NOT NULL;

-- The order of an ordered subject's deliveries is their events' order in the tenant's chain,
-- not their ids: ids increase within one process only, and several instances create them.
ALTER TABLE deliveries ADD COLUMN event_sequence BIGINT;
-- Every ordered delivery, not only pending ones: a failed one may be replayed later.
UPDATE deliveries SET event_sequence = (SELECT e.sequence FROM events e WHERE e.id = deliveries.event_id)
 WHERE ordering_key IS NOT NULL;
