package dev.herald.platform;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * What every record a tenant owns has: its id, its tenant and when it was made. The columns
 * are {@code id}, {@code tenant_id} and {@code created_at} in each entity's own table.
 */
@MappedSuperclass
public abstract class TenantRecord implements TenantOwned {

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For JPA. */
    protected TenantRecord() {}

    protected TenantRecord(String id, String tenantId, Instant createdAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
