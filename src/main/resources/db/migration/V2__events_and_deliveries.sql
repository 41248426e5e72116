-- The event history and the durable delivery queue with its attempt log.

-- Events are facts: rows are only ever inserted.
CREATE TABLE events (
    id               VARCHAR(40)  PRIMARY KEY,
    tenant_id        VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    type             VARCHAR(100) NOT NULL,
    subject          VARCHAR(200),
    data_json        VARCHAR      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_events_tenant_created ON events (tenant_id, created_at);
CREATE INDEX ix_events_tenant_subject ON events (tenant_id, subject);

-- Idempotency keys of POST /events, each naming the event it first recorded.
CREATE TABLE idempotency_keys (
    tenant_id        VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    idempotency_key  VARCHAR(200) NOT NULL,
    event_id         VARCHAR(40)  NOT NULL REFERENCES events (id),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);

-- One row per (event, subscription): the unit of work of the dispatch pump. A worker owns
-- a row while claim_token is its token and claimed_until is in the future (the lease).
CREATE TABLE deliveries (
    id               VARCHAR(40)  PRIMARY KEY,
    tenant_id        VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    event_id         VARCHAR(40)  NOT NULL REFERENCES events (id),
    subscription_id  VARCHAR(40)  NOT NULL,
    event_type       VARCHAR(100) NOT NULL,
    payload          VARCHAR      NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    attempt_count    INTEGER      NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    ordering_key     VARCHAR(300),
    claim_token      VARCHAR(40),
    claimed_until    TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(2000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_deliveries_due ON deliveries (status, next_attempt_at);
CREATE INDEX ix_deliveries_subscription ON deliveries (subscription_id, created_at);
CREATE INDEX ix_deliveries_event ON deliveries (event_id);
CREATE INDEX ix_deliveries_ordering ON deliveries (ordering_key, status);

-- Every HTTP attempt, as sent (secrets masked) and as answered.
CREATE TABLE delivery_attempts (
    id               VARCHAR(40)   PRIMARY KEY,
    delivery_id      VARCHAR(40)   NOT NULL REFERENCES deliveries (id),
    attempt          INTEGER       NOT NULL,
    url              VARCHAR(2048) NOT NULL,
    method           VARCHAR(10)   NOT NULL,
    request_headers  VARCHAR       NOT NULL,
    request_body     VARCHAR       NOT NULL,
    status_code      INTEGER,
    response_body    VARCHAR,
    response_time_ms BIGINT        NOT NULL,
    error            VARCHAR(2000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_delivery_attempts_delivery ON delivery_attempts (delivery_id, attempt);
