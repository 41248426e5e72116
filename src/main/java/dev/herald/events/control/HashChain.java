package dev.herald.events.control;

import dev.herald.events.entity.ChainHead;
import dev.herald.events.entity.Event;
import dev.herald.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** Appends events to their tenant's hash chain. */
@ApplicationScoped
public class HashChain {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    ChainHeads heads;

    @Inject
    HeldChainHeads held;

    /**
     * The event, chained after the tenant's newest one. The chain head stays locked until the
     * caller's transaction ends, so concurrent appends of one tenant queue here and sequence
     * order is commit order; the time is read under the lock so that it never runs backwards
     * along the chain of one instance.
     */
    @Transactional(TxType.MANDATORY)
    public Event append(String id, String tenantId, String type, String subject, JsonObject data) {
        ChainHead head;
        if (held.holds(tenantId)) {
            // Locked by an earlier event of this transaction, and managed since: no statement.
            head = em.find(ChainHead.class, tenantId);
        } else {
            // The change's own rows are written (and locked) first: every transaction takes row locks
            // before the head's, so none can hold the head while waiting for a row another one holds.
            em.flush();
            head = lockHead(tenantId);
            held.hold(tenantId);
        }
        long sequence = head.sequence() + 1;
        var at = Times.now();
        String hash = EventHash.of(EventHash.content(sequence, id, tenantId, type, subject, at, data, head.hash())
                .build());
        Event event = new Event(id, tenantId, type, subject, data.toString(), at, sequence, head.hash(), hash);
        head.advance(sequence, hash);
        return event;
    }

    private ChainHead lockHead(String tenantId) {
        ChainHead head = em.find(ChainHead.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (head != null) {
            return head;
        }
        RuntimeException failedStart = null;
        try {
            heads.start(tenantId);
        } catch (RuntimeException e) {
            // Most likely another transaction started this tenant's chain at the same moment: use theirs.
            failedStart = e;
        }
        head = em.find(ChainHead.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("Cannot start the hash chain of tenant " + tenantId, failedStart);
        }
        return head;
    }
}
