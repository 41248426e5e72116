package dev.herald.governance.policy.entity;

import dev.herald.platform.TenantRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A named release rule of a tenant; whether publishing needs an approval, and whether four eyes are needed. */
@Entity
@Table(name = "policies")
public class Policy extends TenantRecord {

    @Column(nullable = false)
    private String name;

    @Column(name = "require_approval", nullable = false)
    private boolean requireApproval;

    /** Four eyes: an approval is decided, and an approved release published, by another actor. */
    @Column(name = "separation_of_duties", nullable = false)
    private boolean separationOfDuties;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Policy() {}

    public Policy(
            String id, String tenantId, String name, boolean requireApproval, boolean separationOfDuties, Instant now) {
        super(id, tenantId, now);
        this.name = name;
        this.requireApproval = requireApproval;
        this.separationOfDuties = separationOfDuties;
        this.updatedAt = now;
    }

    public void replace(String newName, boolean newRequireApproval, boolean newSeparationOfDuties, Instant now) {
        this.name = newName;
        this.requireApproval = newRequireApproval;
        this.separationOfDuties = newSeparationOfDuties;
        this.updatedAt = now;
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

    public Instant updatedAt() {
        return updatedAt;
    }
}
