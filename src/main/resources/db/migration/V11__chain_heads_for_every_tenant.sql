-- Every tenant's hash chain now starts when the tenant is created; tenants created before
-- this get theirs here, so no first publish has to start one (concurrent ones raced).
INSERT INTO event_chain_heads (tenant_id, sequence, hash)
SELECT t.id, 0, '0000000000000000000000000000000000000000000000000000000000000000'
FROM tenants t
WHERE NOT EXISTS (SELECT 1 FROM event_chain_heads h WHERE h.tenant_id = t.id);
