package dev.herald.inbound.control;

import dev.herald.inbound.entity.Receipt;
import dev.herald.inbound.entity.ReceiptOutcome;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The work after a sender's answer: a receipt still {@code processing} is taken under a row
 * lock (so two instances never both process it), turned into component versions and
 * releases, and concluded {@code processed}, or {@code failed} with why.
 */
@ApplicationScoped
public class ReceiptProcessor {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Components components;

    @Transactional(TxType.REQUIRES_NEW)
    public void process(String receiptId) {
        Receipt receipt = em.find(Receipt.class, receiptId, LockModeType.PESSIMISTIC_WRITE);
        if (receipt == null || receipt.outcome() != ReceiptOutcome.PROCESSING) {
            return;
        }
        NormalizedEvent push = NormalizedEvent.fromJson(Jsons.parseObject(receipt.normalizedJson()));
        receipt.conclude(
                ReceiptOutcome.PROCESSED, components.recordPush(receipt.tenantId(), receipt.id(), push), Times.now());
    }

    /** Concludes a receipt whose processing threw, in a transaction of its own. */
    @Transactional(TxType.REQUIRES_NEW)
    public void fail(String receiptId, String why) {
        Receipt receipt = em.find(Receipt.class, receiptId, LockModeType.PESSIMISTIC_WRITE);
        if (receipt != null && receipt.outcome() == ReceiptOutcome.PROCESSING) {
            receipt.conclude(ReceiptOutcome.FAILED, why, Times.now());
        }
    }

    /** Receipts left processing longer than {@code stuck} (their instance died): to be taken up again. */
    @Transactional
    public List<String> stuck(Duration stuck, int limit) {
        Instant before = Times.now().minus(stuck);
        return em.createQuery(
                        "SELECT r.id FROM Receipt r WHERE r.outcome = :processing AND r.receivedAt < :before"
                                + " ORDER BY r.outcome, r.receivedAt", // the index's order: H2 stops at the limit
                        String.class)
                .setParameter("processing", ReceiptOutcome.PROCESSING)
                .setParameter("before", before)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Drops the raw bodies of receipts received before {@code before} and, when given, not before
     * {@code since}; answers how many. Receipts are kept, so a sweep that looked at every one
     * would grow with them: a bounded one reads only its range, along each outcome's
     * {@code (outcome, received_at)} index.
     */
    @Transactional
    public int forgetBodies(Optional<Instant> since, Instant before) {
        int forgotten = 0;
        for (ReceiptOutcome outcome : ReceiptOutcome.values()) {
            forgotten += em.createQuery("UPDATE Receipt r SET r.body = NULL WHERE r.outcome = :outcome"
                            + " AND r.receivedAt >= :since AND r.receivedAt < :before AND r.body IS NOT NULL")
                    .setParameter("outcome", outcome)
                    .setParameter("since", since.orElse(Instant.EPOCH))
                    .setParameter("before", before)
                    .executeUpdate();
        }
        return forgotten;
    }
}
