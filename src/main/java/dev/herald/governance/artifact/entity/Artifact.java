package dev.herald.governance.artifact.entity;

import dev.herald.platform.TenantOwned;
import dev.herald.problems.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A build output known by its content digest, optionally part of a release; verified once. */
@Entity
@Table(name = "artifacts")
public class Artifact implements TenantOwned {

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "release_id")
    private String releaseId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String digest;

    private String platform;

    private String arch;

    /** registered, then verified. */
    @Column(nullable = false)
    private String status;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Artifact() {
    }

    public Artifact(String id, String tenantId, String releaseId, String name, String digest, String platform,
            String arch, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.releaseId = releaseId;
        this.name = name;
        this.digest = digest;
        this.platform = platform;
        this.arch = arch;
        this.status = "registered";
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void verify(Instant now) {
        if (verifiedAt != null) {
            throw new ConflictException("Artifact " + id + " is verified (at " + verifiedAt
                    + "); an artifact is verified once");
        }
        status = "verified";
        verifiedAt = now;
        updatedAt = now;
    }

    public String id() {
        return id;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    public String releaseId() {
        return releaseId;
    }

    public String name() {
        return name;
    }

    public String digest() {
        return digest;
    }

    public String platform() {
        return platform;
    }

    public String arch() {
        return arch;
    }

    public String status() {
        return status;
    }

    public Instant verifiedAt() {
        return verifiedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
