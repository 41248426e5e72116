package dev.herald.governance.license.entity;

import dev.herald.platform.TenantRecord;
import dev.herald.problems.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A lease of a product to a licensee until a time; ends once, revoked or expired. */
@Entity
@Table(name = "licenses")
public class License extends TenantRecord {

    @Column(name = "product_id", nullable = false)
    private String productId;

    @Column(nullable = false)
    private String licensee;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LicenseStatus status;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected License() {}

    public License(String id, String tenantId, String productId, String licensee, Instant expiresAt, Instant now) {
        super(id, tenantId, now);
        this.productId = productId;
        this.licensee = licensee;
        this.status = LicenseStatus.ACTIVE;
        this.expiresAt = expiresAt;
        this.updatedAt = now;
    }

    /**
     * Revokes an active lease. One whose time has come is expired, even before the expiry timer
     * has recorded it: it ended then, and its {@code license.expired} is what says so.
     */
    public void revoke(Instant now) {
        if (status != LicenseStatus.ACTIVE) {
            throw new ConflictException(
                    "License " + id() + " is " + status.wireName() + "; only an active license can be revoked");
        }
        if (!expiresAt.isAfter(now)) {
            throw new ConflictException(
                    "License " + id() + " is expired (at " + expiresAt + "); only an active license can be revoked");
        }
        status = LicenseStatus.REVOKED;
        revokedAt = now;
        updatedAt = now;
    }

    /** True when this call expired it: an active lease whose time has come. */
    public boolean expireIfDue(Instant now) {
        if (status != LicenseStatus.ACTIVE || expiresAt.isAfter(now)) {
            return false;
        }
        status = LicenseStatus.EXPIRED;
        updatedAt = now;
        return true;
    }

    public String productId() {
        return productId;
    }

    public String licensee() {
        return licensee;
    }

    public LicenseStatus status() {
        return status;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
