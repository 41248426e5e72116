-- Tokens name who acts with them and what they may do. Tokens issued before scopes keep
-- doing everything (admin) and keep the actor their events named until now: their own id.
ALTER TABLE api_tokens ADD COLUMN actor VARCHAR(100);
UPDATE api_tokens SET actor = CASE WHEN bootstrap THEN 'admin' ELSE id END;
ALTER TABLE api_tokens ALTER COLUMN actor SET NOT NULL;
ALTER TABLE api_tokens ADD COLUMN scopes VARCHAR(100) DEFAULT 'admin' NOT NULL;
-- From now on every token is issued with its scopes spelled out; none gets admin by omission.
ALTER TABLE api_tokens ALTER COLUMN scopes DROP DEFAULT;
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_tokens ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;

-- Four eyes: on by default, so existing policies turn it on too.
ALTER TABLE policies ADD COLUMN separation_of_duties BOOLEAN DEFAULT TRUE NOT NULL;

-- Every state-changing API call, allowed or not: who, with which token and scope, what, and
-- how it ended. Kept apart from the tenant's event history (see AuditTrail).
CREATE TABLE audit_entries (
    id           VARCHAR(40)   PRIMARY KEY,
    tenant_id    VARCHAR(40)   NOT NULL REFERENCES tenants (id),
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(100)  NOT NULL,
    token_id     VARCHAR(40)   NOT NULL,
    scope        VARCHAR(20)   NOT NULL,
    method       VARCHAR(10)   NOT NULL,
    path         VARCHAR(1000) NOT NULL,
    target_id    VARCHAR(200),
    status       INTEGER       NOT NULL,
    outcome      VARCHAR(20)   NOT NULL,
    detail       VARCHAR(1000)
);
CREATE INDEX ix_audit_entries_tenant_time ON audit_entries (tenant_id, recorded_at, id);

-- Who approved a release, so that publishing can require someone else (four eyes); filled in
-- from the approvals that approved releases before this column existed.
ALTER TABLE releases ADD COLUMN approved_by VARCHAR(100);
UPDATE releases SET approved_by = (SELECT a.decided_by FROM approvals a WHERE a.release_id = releases.id
        AND a.status = 'APPROVED' ORDER BY a.decided_at DESC LIMIT 1)
    WHERE status = 'APPROVED';
