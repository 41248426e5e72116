package dev.herald.inbound.control;

import dev.herald.inbound.entity.Receipt;
import dev.herald.inbound.entity.ReceiptOutcome;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.WireEnums;
import dev.herald.problems.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Reading an integration's receipts back, newest first. */
@ApplicationScoped
@Transactional
public class Receipts {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /**
     * @param outcome null for every outcome
     * @param room    where the page's bodies must fit before they are loaded
     */
    public Page<Receipt> list(
            String tenantId, String integrationId, String outcome, PageRequest request, ReadRoom room) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("integrationId", integrationId);
        criteria.put(
                "outcome",
                outcome == null
                        ? null
                        : WireEnums.ofWireName(ReceiptOutcome.class, outcome)
                                .orElseThrow(() -> InvalidInputException.of(
                                        "outcome",
                                        "must be one of "
                                                + new TreeSet<>(Stream.of(ReceiptOutcome.values())
                                                        .map(ReceiptOutcome::wireName)
                                                        .toList()))));
        return Listing.page(
                em,
                Receipt.class,
                tenantId,
                Listing.Narrowing.newestBy("receivedAt").equal(criteria),
                request,
                null,
                new Listing.Bulk(
                        "COALESCE(LENGTH(x.body), 0) + COALESCE(LENGTH(x.normalizedJson), 0)", "receipts", room));
    }
}
