package dev.herald.inbound.control;

import dev.herald.inbound.entity.Receipt;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.problems.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;

/** Reading an integration's receipts back. */
@ApplicationScoped
@Transactional
public class Receipts {

    private static final Set<String> OUTCOMES = Set.of(Receipt.PROCESSING, Receipt.PROCESSED, Receipt.IGNORED,
            Receipt.DUPLICATE, Receipt.FAILED);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    public Page<Receipt> list(String tenantId, String integrationId, String outcome, PageRequest request) {
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw InvalidInputException.of("outcome", "must be one of " + new java.util.TreeSet<>(OUTCOMES));
        }
        String where = " WHERE r.tenantId = :tenant AND r.integrationId = :integration"
                + (outcome != null ? " AND r.outcome = :outcome" : "");
        var items = em.createQuery("SELECT r FROM Receipt r" + where + " ORDER BY r.receivedAt DESC, r.id DESC",
                Receipt.class).setParameter("tenant", tenantId).setParameter("integration", integrationId);
        var total = em.createQuery("SELECT COUNT(r) FROM Receipt r" + where, Long.class)
                .setParameter("tenant", tenantId).setParameter("integration", integrationId);
        if (outcome != null) {
            items.setParameter("outcome", outcome);
            total.setParameter("outcome", outcome);
        }
        List<Receipt> page = items.setFirstResult(request.offset()).setMaxResults(request.pageSize()).getResultList();
        return new Page<>(page, request.page(), request.pageSize(), total.getSingleResult());
    }
}
