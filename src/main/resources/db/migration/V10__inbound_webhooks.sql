-- Inbound webhooks: integrations (how a sender is authenticated; secrets and tokens sealed),
-- receipts of every authenticated call, the delivery ids already seen, and components that
-- map a repository to a product with the versions pushes recorded.
CREATE TABLE integrations (
    id                   VARCHAR(40)  PRIMARY KEY,
    tenant_id            VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    name                 VARCHAR(100) NOT NULL,
    type                 VARCHAR(20)  NOT NULL,
    secret_sealed        VARCHAR(1000),
    token_sealed         VARCHAR(1000),
    signature_header     VARCHAR(100),
    signature_algorithm  VARCHAR(20),
    timestamp_header     VARCHAR(100),
    tolerance_seconds    INTEGER,
    filters_json         VARCHAR      NOT NULL,
    enabled              BOOLEAN      NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version          BIGINT       NOT NULL,
    CONSTRAINT uq_integrations_tenant_name UNIQUE (tenant_id, name)
);

CREATE TABLE inbound_receipts (
    id               VARCHAR(40)   PRIMARY KEY,
    tenant_id        VARCHAR(40)   NOT NULL REFERENCES tenants (id),
    integration_id   VARCHAR(40)   NOT NULL REFERENCES integrations (id),
    delivery_key     VARCHAR(200)  NOT NULL,
    event_name       VARCHAR(100),
    outcome          VARCHAR(20)   NOT NULL,
    reason           VARCHAR(2000),
    normalized_json  VARCHAR,
    body             VARCHAR,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    processed_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_inbound_receipts_integration ON inbound_receipts (integration_id, received_at);
CREATE INDEX ix_inbound_receipts_outcome ON inbound_receipts (outcome, received_at);

-- The first receipt of each sender delivery id: a second call with the id is a duplicate.
CREATE TABLE inbound_seen (
    integration_id  VARCHAR(40)  NOT NULL REFERENCES integrations (id),
    delivery_key    VARCHAR(200) NOT NULL,
    receipt_id      VARCHAR(40)  NOT NULL,
    PRIMARY KEY (integration_id, delivery_key)
);

CREATE TABLE components (
    id             VARCHAR(40)  PRIMARY KEY,
    tenant_id      VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    name           VARCHAR(100) NOT NULL,
    repository     VARCHAR(300) NOT NULL,
    product_id     VARCHAR(200) NOT NULL,
    triggers_json  VARCHAR      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version    BIGINT       NOT NULL,
    CONSTRAINT uq_components_tenant_repository UNIQUE (tenant_id, repository)
);

CREATE TABLE component_versions (
    id            VARCHAR(40)  PRIMARY KEY,
    tenant_id     VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    component_id  VARCHAR(40)  NOT NULL REFERENCES components (id),
    version       VARCHAR(100) NOT NULL,
    tag           VARCHAR(200),
    digest        VARCHAR(200),
    commit_sha    VARCHAR(100),
    receipt_id    VARCHAR(40),
    release_id    VARCHAR(40),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_component_versions UNIQUE (component_id, version)
);
