-- Events Herald raises about delivery (delivery.exhausted, webhook.disabled) are decided inside
-- the attempt log's batches, which every tenant's attempts share. Recorded there, each took its
-- tenant's chain head and ran the tenant's filters inside the shared batch: a tenant whose head
-- was held (its own batch publish) made every tenant's attempts wait. They are now written here,
-- with the batch, and recorded after it commits in a transaction of their tenant's own.
CREATE TABLE deferred_events (
    id          VARCHAR(40)  PRIMARY KEY,
    tenant_id   VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    type        VARCHAR(100) NOT NULL,
    subject     VARCHAR(200),
    data_json   VARCHAR      NOT NULL,
    raised_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_deferred_events_tenant ON deferred_events (tenant_id, raised_at);
CREATE INDEX ix_deferred_events_raised ON deferred_events (raised_at);
