-- PostgreSQL indexes no foreign key by itself (H2 does, so there the second index repeats the
-- one H2 made for the key's reference; kept, for one schema on both).
--
-- A tenant's pending deliveries are counted for its console overview and looked for by the
-- retention sweep, which prunes up to the first event still pending. No index on deliveries
-- started with the tenant on PostgreSQL, so both read every tenant's pending deliveries (the
-- due index) or the whole table: one tenant's backlog made another's page and sweep slow.
CREATE INDEX ix_deliveries_tenant_status ON deliveries (tenant_id, status);
-- Retention deletes a stretch of events with their idempotency keys. Without an index on the
-- key's event, PostgreSQL read every tenant's keys for that delete, and again for each event
-- deleted, to check that no key still named it.
CREATE INDEX ix_idempotency_keys_event ON idempotency_keys (event_id);
