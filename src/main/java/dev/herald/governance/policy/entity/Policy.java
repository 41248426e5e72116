package dev.herald.governance.policy.entity;

import dev.herald.platform.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A named release rule of a tenant; whether publishing needs an approval, and whether four eyes are needed. */
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

    /** Four eyes: an approval is decided, and an approved release published, by another actor. */
    @Column(name = "separation_of_duties", nullable = false)
    private boolean separationOfDuties;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Policy() {
    }

    public Policy(String id, String tenantId, String name, boolean requireApproval, boolean separationOfDuties,
            Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.name = name;
        this.requireApproval = requireApproval;
        this.separationOfDuties = separationOfDuties;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void replace(String newName, boolean newRequireApproval, boolean newSeparationOfDuties, Instant now) {
        this.name = newName;
        this.requireApproval = newRequireApproval;
        this.separationOfDuties = newSeparationOfDuties;
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

    public boolean separationOfDuties() {
        return separationOfDuties;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
