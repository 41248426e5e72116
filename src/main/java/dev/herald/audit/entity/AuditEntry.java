package dev.herald.audit.entity;

import dev.herald.platform.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One state-changing API call: who made it, with which token and scope, on what, and how it ended. */
@Entity
@Table(name = "audit_entries")
public class AuditEntry implements TenantOwned {

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(nullable = false)
    private String actor;

    @Column(name = "token_id", nullable = false)
    private String tokenId;

    @Column(nullable = false)
    private String scope;

    @Column(nullable = false)
    private String method;

    @Column(nullable = false)
    private String path;

    @Column(name = "target_id")
    private String targetId;

    @Column(nullable = false)
    private int status;

    @Column(nullable = false)
    private String outcome;

    private String detail;

    protected AuditEntry() {}

    public AuditEntry(
            String id,
            String tenantId,
            Instant recordedAt,
            String actor,
            String tokenId,
            String scope,
            String method,
            String path,
            String targetId,
            int status,
            String outcome,
            String detail) {
        this.id = id;
        this.tenantId = tenantId;
        this.recordedAt = recordedAt;
        this.actor = actor;
        this.tokenId = tokenId;
        this.scope = scope;
        this.method = method;
        this.path = path;
        this.targetId = targetId;
        this.status = status;
        this.outcome = outcome;
        this.detail = detail;
    }

    public String id() {
        return id;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String actor() {
        return actor;
    }

    public String tokenId() {
        return tokenId;
    }

    public String scope() {
        return scope;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String targetId() {
        return targetId;
    }

    public int status() {
        return status;
    }

    public String outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }
}
