package dev.herald.audit.control;

import dev.herald.audit.entity.AuditEntry;
import dev.herald.platform.GroupCommit;
import dev.herald.platform.GroupCommitThreads;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.logging.LogIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail: every state-changing API call, allowed or refused, with its actor, token,
 * scope, target and outcome. Entries are written by group commit, so many calls at once share
 * one commit, and a call is answered only once its entry is durable. Each tenant has a lane of
 * its own, as for published events: one tenant's burst of calls queues behind its own
 * batches, never in front of another tenant's entries.
 *
 * <p>The trail is kept apart from the tenant's event history on purpose: the history is what
 * subscribers receive and what the hash chain proves, and every publish would otherwise add a
 * second, operational event about itself to the very chain it extends (and deliver it to every
 * {@code *} subscription). A refused call changed nothing, so it has no place in a history of
 * what happened, yet an auditor needs to see it.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    /** What became of a call: done, refused for want of a scope or a rule, refused as bad input, or failed. */
    public static final Set<String> OUTCOMES = Set.of("succeeded", "denied", "rejected", "failed");

    private static final int MAX_BATCH = 128;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    GroupCommitThreads threads;

    @Inject
    AuditBatches batches;

    private final Map<String, GroupCommit<AuditEntry, Boolean>> lanes = new ConcurrentHashMap<>();

    /** Records the entry with whatever else its tenant does meanwhile; returns once it has committed. */
    public void record(AuditEntry entry) {
        lanes.computeIfAbsent(entry.tenantId(), tenant -> new GroupCommit<>(batches::write, MAX_BATCH, size -> {}))
                .submit(entry, threads.audit(), WAIT);
    }

    /**
     * Records the entry as {@link #record} does, but an entry that cannot be written is logged
     * instead of thrown: the call it records has committed (or was refused) either way, and its
     * answer, or a person's way in or out of the console, must stand.
     */
    public void recordOrLog(AuditEntry entry) {
        try {
            record(entry);
        } catch (RuntimeException e) {
            LogIds.tenant(entry.tenantId())
                    .log(
                            LOG,
                            Level.SEVERE,
                            "Could not record the audit entry of " + entry.method() + " " + entry.path() + " by "
                                    + entry.actor(),
                            e);
        }
    }

    /**
     * Writes the entries in the caller's transaction, so that each commits with the change it
     * records or not at all: no second commit to wait for, and no change without its entry.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordWithChanges(List<AuditEntry> entries) {
        AuditRows.insert(em.unwrap(Connection.class), entries);
    }

    /** Criteria of the listing; null fields do not restrict. {@code since} is inclusive, {@code until} exclusive. */
    public record Query(String actor, String tokenId, String outcome, String targetId, Instant since, Instant until) {}

    /** A page of the tenant's entries, newest first. */
    public Page<AuditEntry> list(String tenantId, Query query, PageRequest request) {
        Listing.Narrowing narrowing = Listing.Narrowing.newestBy("recordedAt")
                .equal("actor", query.actor())
                .equal("tokenId", query.tokenId())
                .equal("outcome", query.outcome())
                .equal("targetId", query.targetId())
                .within(query.since(), query.until());
        return Listing.page(em, AuditEntry.class, tenantId, narrowing, request, null, null);
    }
}
