package dev.herald.governance.release.entity;

import dev.herald.platform.TenantRecord;
import dev.herald.problems.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;

/**
 * A version of a product on its way to a channel. Its status changes only through the
 * transitions below, each of which refuses (409, naming the current state) where it does not
 * apply; concurrent changes are caught by the optimistic lock.
 */
@Entity
@Table(name = "releases")
public class Release extends TenantRecord {

    @Column(name = "product_id", nullable = false)
    private String productId;

    @Column(nullable = false)
    private String version;

    @Column(nullable = false)
    private String channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReleaseStatus status;

    /** The actor whose approval moved it to approved; publishing may need someone else. */
    @Column(name = "approved_by")
    private String approvedBy;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Release() {}

    public Release(String id, String tenantId, String productId, String version, String channel, Instant now) {
        super(id, tenantId, now);
        this.productId = productId;
        this.version = version;
        this.channel = channel;
        this.status = ReleaseStatus.DRAFT;
        this.updatedAt = now;
    }

    /** An approval was requested: allowed for a draft, and for a rejected release that was reworked. */
    public void awaitApproval(Instant now) {
        move(
                Set.of(ReleaseStatus.DRAFT, ReleaseStatus.REJECTED),
                ReleaseStatus.PENDING_APPROVAL,
                now,
                "an approval can be requested for a draft or rejected release");
    }

    public void approve(String actor, Instant now) {
        move(
                Set.of(ReleaseStatus.PENDING_APPROVAL),
                ReleaseStatus.APPROVED,
                now,
                "only a release pending approval can be approved");
        approvedBy = actor;
    }

    /** Who approved it, while it is approved; null otherwise. */
    public String approver() {
        return status == ReleaseStatus.APPROVED ? approvedBy : null;
    }

    public void reject(Instant now) {
        move(
                Set.of(ReleaseStatus.PENDING_APPROVAL),
                ReleaseStatus.REJECTED,
                now,
                "only a release pending approval can be rejected");
    }

    /**
     * Its approval expired undecided: the release is what it was when the approval was asked
     * for, ready for a new request. A rejected release that became a draft could be published
     * straight away where no policy requires an approval, by anyone, the rejection undone by
     * letting a request lapse.
     *
     * @param wasRejected whether the release was rejected when the lapsed approval was requested
     */
    public void approvalLapsed(boolean wasRejected, Instant now) {
        if (status == ReleaseStatus.PENDING_APPROVAL) {
            status = wasRejected ? ReleaseStatus.REJECTED : ReleaseStatus.DRAFT;
            updatedAt = now;
        }
    }

    /**
     * Published from approved, or straight from draft when the tenant's policies require no
     * approval.
     */
    public void publish(boolean approvalRequired, Instant now) {
        if (status == ReleaseStatus.DRAFT && approvalRequired) {
            throw new ConflictException("Release " + id() + " is draft and the tenant's policy requires an approval"
                    + " before publishing; request one with POST /api/v1/approvals");
        }
        move(
                Set.of(ReleaseStatus.APPROVED, ReleaseStatus.DRAFT),
                ReleaseStatus.PUBLISHED,
                now,
                "a release is published from approved (or from draft when no policy requires an approval)");
        publishedAt = now;
    }

    /**
     * Refuses a new artifact unless the release is a draft or rejected (being reworked): an
     * approval is asked for, and given, on the artifacts the release holds at the time, and a
     * published release's artifacts are what was shipped.
     */
    public void checkTakesArtifacts() {
        if (status != ReleaseStatus.DRAFT && status != ReleaseStatus.REJECTED) {
            throw new ConflictException("Release " + id() + " is " + status.wireName()
                    + "; a release takes new artifacts only as a draft or once rejected (its approval is asked for"
                    + " and given on the artifacts it holds), register this one with a new release");
        }
    }

    private void move(Set<ReleaseStatus> from, ReleaseStatus to, Instant now, String rule) {
        if (!from.contains(status)) {
            throw new ConflictException("Release " + id() + " is " + status.wireName() + "; " + rule);
        }
        status = to;
        updatedAt = now;
    }

    public String productId() {
        return productId;
    }

    public String version() {
        return version;
    }

    public String channel() {
        return channel;
    }

    public ReleaseStatus status() {
        return status;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
