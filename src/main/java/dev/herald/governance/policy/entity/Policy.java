package dev.herald.governance.policy.entity;

import dev.herald.platform.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A named release rule of a tenant; today the one rule is whether publishing needs an approval. */
@Entity
@Table(name = "policies")
public class Policy implements TenantOwned {

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(nullable = false)
    private String name;

    @Column(name = "require_approval", nullable = false)
    private boolean requireApproval;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Policy() {
    }

    public Policy(String id, String tenantId, String name, boolean requireApproval, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.name = name;
        this.requireApproval = requireApproval;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void replace(String newName, boolean newRequireApproval, Instant now) {
        this.name = newName;
        this.requireApproval = newRequireApproval;
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    public String name() {
        return name;
    }

    public boolean requireApproval() {
        return requireApproval;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
