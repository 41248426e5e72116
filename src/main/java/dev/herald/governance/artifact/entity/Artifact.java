package dev.herald.governance.artifact.entity;

import dev.herald.platform.TenantRecord;
import dev.herald.problems.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A build output known by its content digest, optionally part of a release; verified once. */
@Entity
@Table(name = "artifacts")
public class Artifact extends TenantRecord {

    @Column(name = "release_id")
    private String releaseId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String digest;

    private String platform;

    private String arch;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Artifact() {}

    public Artifact(
            String id,
            String tenantId,
            String releaseId,
            String name,
            String digest,
            String platform,
            String arch,
            Instant now) {
        super(id, tenantId, now);
        this.releaseId = releaseId;
        this.name = name;
        this.digest = digest;
        this.platform = platform;
        this.arch = arch;
        this.updatedAt = now;
    }

    public void verify(Instant now) {
        if (verifiedAt != null) {
            throw new ConflictException(
                    "Artifact " + id() + " is verified (at " + verifiedAt + "); an artifact is verified once");
        }
        verifiedAt = now;
        updatedAt = now;
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

    /** registered, then verified (once it has a verification time). */
    public String status() {
        return verifiedAt == null ? "registered" : "verified";
    }

    public Instant verifiedAt() {
        return verifiedAt;
    }
}
