package dev.herald.governance.approval.control;

import dev.herald.governance.DueInTurns;
import dev.herald.governance.EventData;
import dev.herald.governance.GovernanceEvents;
import dev.herald.governance.approval.entity.Approval;
import dev.herald.governance.approval.entity.ApprovalStatus;
import dev.herald.governance.policy.control.Policies;
import dev.herald.governance.release.control.ReleaseParts;
import dev.herald.governance.release.control.Releases;
import dev.herald.governance.release.entity.Release;
import dev.herald.platform.Ids;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.TenantOwned;
import dev.herald.platform.Times;
import dev.herald.problems.ConflictException;
import dev.herald.problems.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requesting, deciding and expiring approvals of releases. Each moves its release along with
 * it and raises the events of both, in one transaction.
 */
@ApplicationScoped
@Transactional
public class Approvals implements ReleaseParts {

    /** The longest comment a decision takes, in characters. */
    public static final int MAX_COMMENT = 2000;

    /**
     * The most approval requests a release has: its timeline reads the events of each (their ids
     * are bound as one query's parameters), and request-and-reject cycles would grow them without end.
     */
    private static final int MOST_OF_A_RELEASE = 100;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    GovernanceEvents events;

    @Inject
    Releases releases;

    @Inject
    Policies policies;

    /** Requests an approval of the release, which waits for it ({@code pending_approval}). */
    public Approval request(String tenantId, String actor, String releaseId, Instant expiresAt) {
        Release release = releases.find(tenantId, releaseId)
                .orElseThrow(
                        () -> InvalidInputException.of("releaseId", "names no release of this tenant: " + releaseId));
        Instant now = Times.now();
        // Two requests at once change the release's version: one of them fails at its commit.
        release.awaitApproval(now);
        if (TenantOwned.count(em, Approval.class, tenantId, "releaseId", releaseId) >= MOST_OF_A_RELEASE) {
            throw new ConflictException("Release " + releaseId + " has had " + MOST_OF_A_RELEASE
                    + " approval requests, the most a release may; release a new version instead");
        }
        Approval approval = new Approval(Ids.next("appr"), tenantId, release.id(), expiresAt, actor, now);
        em.persist(approval);
        em.flush();
        events.raise(
                tenantId,
                "approval.requested",
                approval.id(),
                EventData.of("approval_id", approval.id())
                        .put("release_id", release.id())
                        .put("requested_by", actor)
                        .put("expires_at", approval.expiresAt()));
        return approval;
    }

    /**
     * Approves or rejects, and the release with it. Of two concurrent decisions the one that
     * commits second fails its optimistic lock, and its events roll back with it.
     */
    public Approval decide(String tenantId, String actor, String id, boolean approve, String comment) {
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw InvalidInputException.of("comment", "must be 1 to " + MAX_COMMENT + " characters, not blank");
        }
        Approval approval = get(tenantId, id);
        String verb = approve ? "approved" : "rejected";
        policies.requireOtherActor(
                tenantId,
                actor,
                approval.requestedBy(),
                "approval " + id + " was requested by '" + approval.requestedBy()
                        + "', so another actor must decide it");
        boolean ownRequest = Policies.sameActor(actor, approval.requestedBy());
        Instant now = Times.now();
        approval.decide(approve, actor, comment, now);
        Release release = releases.get(tenantId, approval.releaseId());
        if (approve) {
            release.approve(actor, now);
        } else {
            release.reject(now);
        }
        events.raise(
                tenantId,
                "approval." + verb,
                approval.id(),
                EventData.of("approval_id", approval.id())
                        .put("release_id", release.id())
                        .put("requested_by", approval.requestedBy())
                        .put(verb + "_by", actor)
                        .put(verb + "_at", now)
                        .put("self_" + verb, ownRequest)
                        .put("comment", comment));
        events.raise(
                tenantId,
                "release." + verb,
                release.id(),
                EventData.of("release_id", release.id())
                        .put("approval_id", approval.id())
                        .put(verb + "_by", actor)
                        .put(verb + "_at", now)
                        .put("self_" + verb, ownRequest));
        return approval;
    }

    /** Pending approvals whose time has come, each tenant's oldest first and the tenants in turn. */
    public List<String> due(Instant now, int limit) {
        return DueInTurns.ids(em, "approvals", ApprovalStatus.PENDING.name(), now, limit);
    }

    /**
     * Expires one due approval and raises {@code approval.expired}, exactly once: the row is
     * locked and checked again, so a second instance (or a late tick) finds it expired already.
     */
    public boolean expire(String id) {
        Approval approval = em.find(Approval.class, id, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Times.now();
        if (approval == null || !approval.expireIfDue(now)) {
            return false;
        }
        releases.get(approval.tenantId(), approval.releaseId())
                .approvalLapsed(wasRejected(approval.tenantId(), approval.releaseId()), now);
        events.raise(
                approval.tenantId(),
                "approval.expired",
                approval.id(),
                EventData.of("approval_id", approval.id())
                        .put("release_id", approval.releaseId())
                        .put("expired_at", now));
        return true;
    }

    /**
     * Whether an approval of the release was rejected: a request is made for a draft or for a
     * rejected release, and a rejected release never becomes a draft again, so this tells which
     * the release was when its pending request was made.
     */
    private boolean wasRejected(String tenantId, String releaseId) {
        return !em.createQuery(
                        "SELECT a.id FROM Approval a WHERE a.tenantId = :tenant AND a.releaseId = :release"
                                + " AND a.status = :rejected",
                        String.class)
                .setParameter("tenant", tenantId)
                .setParameter("release", releaseId)
                .setParameter("rejected", ApprovalStatus.REJECTED)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    public Approval get(String tenantId, String id) {
        return TenantOwned.get(em, Approval.class, "approval", tenantId, id);
    }

    /** The ids of a release's approvals (its timeline includes their events). */
    @Override
    public List<String> idsOfRelease(String tenantId, String releaseId) {
        return em.createQuery(
                        "SELECT a.id FROM Approval a WHERE a.tenantId = :tenant AND a.releaseId = :release",
                        String.class)
                .setParameter("tenant", tenantId)
                .setParameter("release", releaseId)
                .getResultList();
    }

    /** Criteria of the approval listing; null fields do not restrict. */
    public record Query(String releaseId, ApprovalStatus status) {}

    public Page<Approval> list(String tenantId, Query query, PageRequest request) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("releaseId", query.releaseId());
        criteria.put("status", query.status());
        return Listing.page(em, Approval.class, tenantId, criteria, request);
    }
}
