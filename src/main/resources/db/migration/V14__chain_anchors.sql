-- Pruning events (herald.retention.events, an operator's choice) removes the oldest stretch
-- of a tenant's chain. Its anchor keeps the last pruned event's sequence, hash and time, so
-- that verify proves the rest of the chain from there and says where it starts.
CREATE TABLE chain_anchors (
    tenant_id    VARCHAR(40) PRIMARY KEY REFERENCES tenants (id),
    sequence     BIGINT      NOT NULL,
    hash         VARCHAR(64) NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    pruned_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A oneTime subscription remembers the subjects it delivered by its deliveries; those pruned
-- with their events leave their subject here, so a later event of it is still not delivered.
CREATE TABLE one_time_delivered (
    subscription_id  VARCHAR(40)  NOT NULL,
    subject          VARCHAR(200) NOT NULL,
    PRIMARY KEY (subscription_id, subject)
);
