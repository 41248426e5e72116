package dev.herald.inbound.entity;

import dev.herald.platform.TenantRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A version of a component a push recorded, with the release its trigger created, if any. */
@Entity
@Table(name = "component_versions")
public class ComponentVersion extends TenantRecord {

    @Column(name = "component_id", nullable = false)
    private String componentId;

    @Column(nullable = false)
    private String version;

    private String tag;

    private String digest;

    @Column(name = "commit_sha")
    private String commitSha;

    @Column(name = "receipt_id")
    private String receiptId;

    @Column(name = "release_id")
    private String releaseId;

    protected ComponentVersion() {}

    public ComponentVersion(
            String id,
            String tenantId,
            String componentId,
            String version,
            String tag,
            String digest,
            String commitSha,
            String receiptId,
            Instant now) {
        super(id, tenantId, now);
        this.componentId = componentId;
        this.version = version;
        this.tag = tag;
        this.digest = digest;
        this.commitSha = commitSha;
        this.receiptId = receiptId;
    }

    public void released(String newReleaseId) {
        this.releaseId = newReleaseId;
    }

    public String componentId() {
        return componentId;
    }

    public String version() {
        return version;
    }

    public String tag() {
        return tag;
    }

    public String digest() {
        return digest;
    }

    public String commitSha() {
        return commitSha;
    }

    public String receiptId() {
        return receiptId;
    }

    public String releaseId() {
        return releaseId;
    }
}
