-- The tamper-evident history: each event carries its place in its tenant's chain (sequence),
-- the hash of the event before it and its own hash; events_chain_heads holds each tenant's
-- newest link, locked while an event is appended so that the chain never forks.
ALTER TABLE events ADD COLUMN sequence BIGINT;
ALTER TABLE events ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE events ADD COLUMN hash VARCHAR(64);

CREATE TABLE event_chain_heads (
    tenant_id   VARCHAR(40) PRIMARY KEY REFERENCES tenants (id),
    sequence    BIGINT      NOT NULL,
    hash        VARCHAR(64) NOT NULL
);

-- Governance: releases and what decides and accompanies them. row_version is the optimistic
-- lock (the release's own "version" is its product version).
CREATE TABLE releases (
    id            VARCHAR(40)  PRIMARY KEY,
    tenant_id     VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    product_id    VARCHAR(200) NOT NULL,
    version       VARCHAR(100) NOT NULL,
    channel       VARCHAR(100) NOT NULL,
    status        VARCHAR(30)  NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version   BIGINT       NOT NULL,
    CONSTRAINT uq_releases_product_version UNIQUE (tenant_id, product_id, version)
);
CREATE INDEX ix_releases_tenant_created ON releases (tenant_id, created_at);

CREATE TABLE approvals (
    id            VARCHAR(40)   PRIMARY KEY,
    tenant_id     VARCHAR(40)   NOT NULL REFERENCES tenants (id),
    release_id    VARCHAR(40)   NOT NULL REFERENCES releases (id),
    status        VARCHAR(20)   NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by  VARCHAR(40)   NOT NULL,
    decided_by    VARCHAR(40),
    decided_at    TIMESTAMP WITH TIME ZONE,
    comment       VARCHAR(2000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version   BIGINT        NOT NULL
);
CREATE INDEX ix_approvals_due ON approvals (status, expires_at);
CREATE INDEX ix_approvals_release ON approvals (release_id);
CREATE INDEX ix_approvals_tenant_created ON approvals (tenant_id, created_at);

CREATE TABLE policies (
    id                VARCHAR(40)  PRIMARY KEY,
    tenant_id         VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    name              VARCHAR(100) NOT NULL,
    require_approval  BOOLEAN      NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version       BIGINT       NOT NULL,
    CONSTRAINT uq_policies_tenant_name UNIQUE (tenant_id, name)
);

CREATE TABLE licenses (
    id           VARCHAR(40)  PRIMARY KEY,
    tenant_id    VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    product_id   VARCHAR(200) NOT NULL,
    licensee     VARCHAR(200) NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version  BIGINT       NOT NULL
);
CREATE INDEX ix_licenses_due ON licenses (status, expires_at);
CREATE INDEX ix_licenses_tenant_created ON licenses (tenant_id, created_at);

CREATE TABLE artifacts (
    id           VARCHAR(40)  PRIMARY KEY,
    tenant_id    VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    release_id   VARCHAR(40)  REFERENCES releases (id),
    name         VARCHAR(300) NOT NULL,
    digest       VARCHAR(200) NOT NULL,
    platform     VARCHAR(50),
    arch         VARCHAR(50),
    verified_at  TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version  BIGINT       NOT NULL
);
CREATE INDEX ix_artifacts_release ON artifacts (release_id);
CREATE INDEX ix_artifacts_tenant_created ON artifacts (tenant_id, created_at);
