package dev.herald.governance.approval.entity;

import dev.herald.platform.TenantRecord;
import dev.herald.problems.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A request that a release be approved, decided once. The optimistic lock makes concurrent
 * decisions (and a decision racing the expiry timer) end with exactly one winner.
 */
@Entity
@Table(name = "approvals")
public class Approval extends TenantRecord {

    @Column(name = "release_id", nullable = false)
    private String releaseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApprovalStatus status;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    private String comment;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Approval() {}

    public Approval(String id, String tenantId, String releaseId, Instant expiresAt, String requestedBy, Instant now) {
        super(id, tenantId, now);
        this.releaseId = releaseId;
        this.status = ApprovalStatus.PENDING;
        this.expiresAt = expiresAt;
        this.requestedBy = requestedBy;
        this.updatedAt = now;
    }

    /** Approves or rejects; only a pending approval that has not yet expired can be decided. */
    public void decide(boolean approve, String actor, String decisionComment, Instant now) {
        if (status != ApprovalStatus.PENDING) {
            throw new ConflictException("Approval " + id() + " is " + status.wireName()
                    + "; only a pending approval can be decided, and only once");
        }
        if (!expiresAt.isAfter(now)) {
            throw new ConflictException(
                    "Approval " + id() + " is pending but expired at " + expiresAt + "; request a new approval");
        }
        status = approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
        decidedBy = actor;
        decidedAt = now;
        comment = decisionComment;
        updatedAt = now;
    }

    /** True when this call expired it: a pending approval whose time has come. */
    public boolean expireIfDue(Instant now) {
        if (status != ApprovalStatus.PENDING || expiresAt.isAfter(now)) {
            return false;
        }
        status = ApprovalStatus.EXPIRED;
        updatedAt = now;
        return true;
    }

    public String releaseId() {
        return releaseId;
    }

    public ApprovalStatus status() {
        return status;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String comment() {
        return comment;
    }
}
