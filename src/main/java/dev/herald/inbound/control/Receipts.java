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
import java.time.Instant;
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
        return Listing.page(
                em,
                Receipt.class,
                tenantId,
                narrowing(integrationId, outcome),
                request,
                null,
                new Listing.Bulk(
                        // The body twice: a generic sender's is also shown, parsed, as its normalized payload.
                        "2 * COALESCE(LENGTH(x.body), 0) + COALESCE(LENGTH(x.normalizedJson), 0)", "receipts", room));
    }

    /**
     * The page {@link #list} would answer, each receipt's raw body previewed instead of whole:
     * what the console lists, whatever the bodies weigh, without taking anyone's room.
     */
    public Page<ReceiptPreview> previews(String tenantId, String integrationId, PageRequest request) {
        Page<String> ids = Listing.ids(em, Receipt.class, tenantId, narrowing(integrationId, null), request, null);
        return new Page<>(
                Listing.previewsInOrder(
                        em,
                        Receipt.class,
                        ids.items(),
                        "x.receivedAt, x.eventName, x.outcome, x.reason",
                        "x.body",
                        (values, body) -> new ReceiptPreview(
                                (String) values[0],
                                (Instant) values[1],
                                (String) values[2],
                                (ReceiptOutcome) values[3],
                                (String) values[4],
                                body)),
                ids.page(),
                ids.pageSize(),
                ids.total());
    }

    private static Listing.Narrowing narrowing(String integrationId, String outcome) {
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
        return Listing.Narrowing.newestBy("receivedAt").equal(criteria);
    }
}
