-- Every event is chained now (version 8 chained the earlier ones).
ALTER TABLE events ALTER COLUMN sequence SET NOT NULL;
ALTER TABLE events ALTER COLUMN prev_hash SET NOT NULL;
ALTER TABLE events ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX ux_events_tenant_sequence ON events (tenant_id, sequence);
