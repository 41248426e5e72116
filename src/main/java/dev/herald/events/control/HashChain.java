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
        ChainHead head = hold(tenantId);
        long sequence = head.sequence() + 1;
        var at = Times.now();
        String hash = EventHash.of(EventHash.content(sequence, id, tenantId, type, subject, at, data, head.hash())
                .build());
        Event event = new Event(id, tenantId, type, subject, data.toString(), at, sequence, head.hash(), hash);
        head.advance(sequence, hash);
        return event;
    }

    /**
     * Counts one of the tenant's subscriptions turned on, holding the tenant's chain head until the
     * transaction ends. A publish matches its events against the tenant's subscriptions before it
     * takes the head (tenants' filters must not run under it); one that matched them before this
     * committed finds the count changed once it holds the head, and matches those turned on since.
     * Before, an event matched before a subscription was created and chained after was neither
     * delivered to it nor, recorded after it, ever backfilled.
     */
    @Transactional(TxType.MANDATORY)
    public void countSubscriptionTurnedOn(String tenantId) {
        hold(tenantId).countSubscriptionTurnedOn();
    }

    /** How many of the tenant's subscriptions were turned on, as committed: read before its events are matched. */
    @Transactional(TxType.MANDATORY)
    public long subscriptionsTurnedOn(String tenantId) {
        return em.createQuery("SELECT h.subscriptionsTurnedOn FROM ChainHead h WHERE h.tenantId = :tenant", Long.class)
                .setParameter("tenant", tenantId)
                .getResultStream()
                .findFirst()
                .orElse(0L);
    }

    /**
     * The same, as the head this transaction holds since it chained an event: no statement (and,
     * asked once an event, no interceptor: the caller is in the transaction that chained it).
     */
    public long subscriptionsTurnedOnAsHeld(String tenantId) {
        return hold(tenantId).subscriptionsTurnedOn();
    }

    private ChainHead hold(String tenantId) {
        if (held.holds(tenantId)) {
            // Locked earlier in this transaction, and managed since: no statement.
            return em.find(ChainHead.class, tenantId);
        }
        // The change's own rows are written (and locked) first: every transaction takes row locks
        // before the head's, so none can hold the head while waiting for a row another one holds.
        em.flush();
        ChainHead head = lockHead(tenantId);
        held.hold(tenantId);
        return head;
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
