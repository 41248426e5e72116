package dev.herald.inbound.control;

import dev.herald.inbound.entity.Receipt;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.problems.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reading an integration's receipts back, newest first. */
@ApplicationScoped
@Transactional
public class Receipts {

    private static final Set<String> OUTCOMES = Set.of(Receipt.PROCESSING, Receipt.PROCESSED, Receipt.IGNORED,
            Receipt.DUPLICATE, Receipt.FAILED);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** @param outcome null for every outcome */
    public Page<Receipt> list(String tenantId, String integrationId, String outcome, PageRequest request) {
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw InvalidInputException.of("outcome", "must be one of " + new TreeSet<>(OUTCOMES));
        }
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("integrationId", integrationId);
        criteria.put("outcome", outcome);
        return Listing.page(em, Receipt.class, tenantId, criteria, "receivedAt", request);
    }
}
