package dev.herald.inbound.control;

import dev.herald.inbound.entity.Integration;
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
import java.time.ZoneOffset;
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
        // Deleting an integration deletes its receipts, which waits for this lock: it is here.
        Integration from = em.find(Integration.class, receipt.integrationId());
        receipt.conclude(ReceiptOutcome.PROCESSED, components.recordPush(from, receipt.id(), push), Times.now());
    }

    /** Concludes a receipt whose processing threw, in a transaction of its own. */
    @Transactional(TxType.REQUIRES_NEW)
    public void fail(String receiptId, String why) {
        Receipt receipt = em.find(Receipt.class, receiptId, LockModeType.PESSIMISTIC_WRITE);
        if (receipt != null && receipt.outcome() == ReceiptOutcome.PROCESSING) {
            receipt.conclude(ReceiptOutcome.FAILED, why, Times.now());
        }
    }

    /** A receipt still processing, and its tenant. */
    public record Unfinished(String receiptId, String tenantId) {}

    /**
     * Receipts left processing longer than {@code stuck} (their instance died, or they wait in a
     * busy tenant's line): to be taken up again. Each tenant's oldest first, the tenants in turn:
     * taken oldest first across tenants, one tenant's thousand waiting receipts filled every
     * sweep, and another tenant's receipt an instance died with waited behind them.
     */
    @Transactional
    public List<Unfinished> stuck(Duration stuck, int limit) {
        Instant before = Times.now().minus(stuck);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, tenant_id FROM (SELECT id, tenant_id, received_at,"
                        + " ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY received_at, id) AS turn"
                        + " FROM inbound_receipts WHERE outcome = ?1 AND received_at < ?2) unfinished"
                        + " ORDER BY turn, received_at, id")
                .setParameter(1, ReceiptOutcome.PROCESSING.wireName())
                .setParameter(2, before.atOffset(ZoneOffset.UTC))
                .setMaxResults(limit)
                .getResultList();
        return rows.stream()
                .map(row -> new Unfinished((String) row[0], (String) row[1]))
                .toList();
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
