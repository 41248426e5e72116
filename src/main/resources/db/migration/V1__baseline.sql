-- Herald's baseline schema: access, event catalog, subscriptions.
-- Portable between H2 2.x and PostgreSQL: VARCHAR without a length holds JSON text.

CREATE TABLE tenants (
    id          VARCHAR(40)  PRIMARY KEY,
    name        VARCHAR(100) NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Bearer tokens, only as SHA-256 hex hashes.
CREATE TABLE api_tokens (
    id          VARCHAR(40) PRIMARY KEY,
    tenant_id   VARCHAR(40) NOT NULL REFERENCES tenants (id),
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    role        VARCHAR(20) NOT NULL,
    bootstrap   BOOLEAN     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_api_tokens_tenant ON api_tokens (tenant_id);

-- Tenant-defined event types; the built-in catalog ships with the application.
CREATE TABLE event_types (
    tenant_id    VARCHAR(40)   NOT NULL REFERENCES tenants (id),
    name         VARCHAR(100)  NOT NULL,
    description  VARCHAR(1000) NOT NULL,
    schema_json  VARCHAR       NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- *_sealed columns hold AES-GCM ciphertext (v1:base64), never plain text.
CREATE TABLE subscriptions (
    id                  VARCHAR(40)   PRIMARY KEY,
    tenant_id           VARCHAR(40)   NOT NULL REFERENCES tenants (id),
    name                VARCHAR(100),
    url                 VARCHAR(2048) NOT NULL,
    events_json         VARCHAR       NOT NULL,
    secret_sealed       VARCHAR(1000) NOT NULL,
    method              VARCHAR(10)   NOT NULL,
    headers_sealed      VARCHAR,
    auth_type           VARCHAR(20)   NOT NULL,
    credentials_sealed  VARCHAR,
    filters_json        VARCHAR       NOT NULL,
    retry_policy_json   VARCHAR(500)  NOT NULL,
    timeout_ms          INTEGER       NOT NULL,
    ordering            VARCHAR(20)   NOT NULL,
    options_json        VARCHAR(1000) NOT NULL,
    status              VARCHAR(30)   NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT        NOT NULL,
    CONSTRAINT uq_subscriptions_tenant_name UNIQUE (tenant_id, name)
);
CREATE INDEX ix_subscriptions_tenant_created ON subscriptions (tenant_id, created_at);
CREATE INDEX ix_subscriptions_expiry ON subscriptions (status, expires_at);
