-- Lists page newest first: a tenant's history, its audit trail, a subscription's deliveries (and
-- the newest delivery beside each subscription), and the other lists of a tenant's objects
-- (platform.Listing). These indexes hold that order (the time, then the id, both descending), so
-- that a page reads its own rows instead of every row of the tenant or subscription to sort them:
-- H2 does not read an ascending index backwards in order (a page of history took 100 ms behind
-- 29,000 events, and grew with them). Where an ascending time index was there, the new one
-- replaces it and serves its time ranges as well, so that recording an event, a delivery or an
-- audit entry writes no more indexes than before. Inbound receipts and component versions, which
-- grow with the webhooks received, had none and get one.
--
-- All the new indexes are built before any old one is dropped: on PostgreSQL a dropped index
-- locks its table against reads too until the migration commits, so the drops come last.
CREATE INDEX ix_events_tenant_newest ON events (tenant_id, created_at DESC, id DESC);
CREATE INDEX ix_audit_entries_tenant_newest ON audit_entries (tenant_id, recorded_at DESC, id DESC);
CREATE INDEX ix_deliveries_subscription_newest ON deliveries (subscription_id, created_at DESC, id DESC);
CREATE INDEX ix_releases_tenant_newest ON releases (tenant_id, created_at DESC, id DESC);
CREATE INDEX ix_approvals_tenant_newest ON approvals (tenant_id, created_at DESC, id DESC);
CREATE INDEX ix_licenses_tenant_newest ON licenses (tenant_id, created_at DESC, id DESC);
CREATE INDEX ix_artifacts_tenant_newest ON artifacts (tenant_id, created_at DESC, id DESC);
CREATE INDEX ix_inbound_receipts_tenant_newest ON inbound_receipts (tenant_id, received_at DESC, id DESC);
CREATE INDEX ix_component_versions_tenant_newest ON component_versions (tenant_id, created_at DESC, id DESC);

DROP INDEX ix_events_tenant_created;
DROP INDEX ix_audit_entries_tenant_time;
DROP INDEX ix_deliveries_subscription;
DROP INDEX ix_releases_tenant_created;
DROP INDEX ix_approvals_tenant_created;
DROP INDEX ix_licenses_tenant_created;
DROP INDEX ix_artifacts_tenant_created;
