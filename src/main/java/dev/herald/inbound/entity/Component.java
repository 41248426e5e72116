package dev.herald.inbound.entity;

import dev.herald.platform.TenantRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A repository (source or image) that builds a product: pushes to it record versions, and
 * its release triggers turn matching versions into releases.
 */
@Entity
@Table(name = "components")
public class Component extends TenantRecord {

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String repository;

    @Column(name = "product_id", nullable = false)
    private String productId;

    /** [{tagPattern, channel}]: a tag matching the pattern creates a release on that channel. */
    @Column(name = "triggers_json", nullable = false)
    private String triggersJson;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Component() {}

    public Component(
            String id,
            String tenantId,
            String name,
            String repository,
            String productId,
            String triggersJson,
            Instant now) {
        super(id, tenantId, now);
        this.name = name;
        this.repository = repository;
        this.productId = productId;
        this.triggersJson = triggersJson;
        this.updatedAt = now;
    }

    public String name() {
        return name;
    }

    public String repository() {
        return repository;
    }

    public String productId() {
        return productId;
    }

    public String triggersJson() {
        return triggersJson;
    }
}
