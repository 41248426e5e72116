package dev.herald.delivery.control;

import dev.herald.catalog.control.EventCatalog;
import dev.herald.delivery.entity.Delivery;
import dev.herald.events.control.EventLog;
import dev.herald.events.control.RecordedEvent;
import dev.herald.platform.Ids;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.Times;
import dev.herald.platform.text.FilterVerdict;
import dev.herald.platform.text.FilterWork;
import dev.herald.subscriptions.control.SubscriptionView;
import dev.herald.subscriptions.control.Subscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers a subscription the history from before it existed. The deliveries form one
 * ordered queue of their own (oldest first, one at a time), so a long backfill neither
 * arrives out of order nor takes more than one worker from live traffic.
 */
@ApplicationScoped
@Transactional
public class Backfill {

    /** The most events one request backfills; a longer history takes several requests. */
    public static final int MAX_EVENTS = 10_000;

    @Inject
    Subscriptions subscriptions;

    @Inject
    EventLog eventLog;

    @Inject
    NewDeliveries newDeliveries;

    @Inject
    DeliveryQueries deliveries;

    @Inject
    DeliveryLedger ledger;

    @Inject
    EventCatalog catalog;

    /**
     * What a backfill scheduled: how many deliveries (events the subscription already had are
     * skipped; those its options keep from it, {@code oneTime} and {@code sharingUpdates}, are
     * written suppressed, as at fan-out, and not counted) and, when {@code since} reaches back past the pruned part of the history, when
     * its newest pruned event was recorded: those before are not delivered.
     */
    public record Scheduled(int count, Optional<Instant> prunedThrough) {}

    /**
     * @param types      patterns to backfill; null for the subscription's own
     * @param chunkChars the most data of the history read at once ({@link ReadRoom#takeForBatches})
     */
    public Scheduled schedule(
            String tenantId, String subscriptionId, Instant since, List<String> types, long chunkChars) {
        SubscriptionView subscription = subscriptions.get(tenantId, subscriptionId);
        List<String> patterns = types != null ? types : subscription.spec().events();
        String queue = "backfill|" + subscriptionId;
        Instant now = Times.now();
        AtomicInteger scheduled = new AtomicInteger();
        var options = subscription.spec().options();
        Map<String, SuppressedByOptions> byType = new HashMap<>(); // a catalog lookup a type, not an event
        FilterWork callsWork = FilterWork.perBackfill();
        AtomicBoolean stopped = new AtomicBoolean();
        // In chunks: a backfill of 10,000 large events held them all, and their deliveries' payloads.
        eventLog.history(tenantId, since, subscription.createdAt(), MAX_EVENTS, chunkChars, events -> {
            // Asked chunk by chunk: the subscription's whole history of deliveries, millions for a
            // busy one, was read into memory at each backfill.
            Set<String> alreadyHad = deliveries.eventsDeliveredTo(
                    tenantId,
                    subscriptionId,
                    events.stream().map(RecordedEvent::id).toList());
            for (RecordedEvent event : events) {
                if (stopped.get()
                        || alreadyHad.contains(event.id())
                        || !EventMatcher.typeMatches(patterns, event.type())) {
                    continue;
                }
                String deliveryId = Ids.next("dlv");
                JsonObject payload = Payloads.of(deliveryId, event);
                FilterWork eventsWork = FilterWork.perEvent();
                FilterVerdict verdict =
                        EventMatcher.filtersPass(subscription.spec().filters(), payload, eventsWork);
                if (!callsWork.takes(eventsWork.spent())) {
                    // The call's work is spent: this event and the rest are left, unwritten, for the
                    // next request (what this one delivered, it skips).
                    stopped.set(true);
                    continue;
                }
                if (verdict == FilterVerdict.FAILS) {
                    continue;
                }
                boolean dataBody = subscription.spec().presentation().dataBody();
                Payloads.Kept kept = newDeliveries.keep(Payloads.body(payload, dataBody), dataBody);
                Delivery delivery = new Delivery(
                        deliveryId,
                        tenantId,
                        event.id(),
                        subscriptionId,
                        event.type(),
                        kept.copy(),
                        kept.form(),
                        event.subject(),
                        queue,
                        event.sequence(),
                        now);
                Optional<String> suppressed = verdict == FilterVerdict.TOO_COSTLY
                        ? Optional.of(EventMatcher.TOO_COSTLY_TO_MATCH)
                        : byType.computeIfAbsent(
                                        event.type(),
                                        type -> SuppressedByOptions.of(
                                                ledger, catalog, tenantId, type, options.sharingUpdates()))
                                .why(subscriptionId, options.oneTime(), options.sharingUpdates(), event.subject());
                if (suppressed.isPresent()) {
                    delivery.suppress(suppressed.get()); // written, as at fan-out, to say why it did not go
                } else {
                    scheduled.incrementAndGet();
                }
                newDeliveries.add(delivery);
            }
        });
        newDeliveries.write();
        return new Scheduled(
                scheduled.get(), eventLog.prunedThrough(tenantId).filter(pruned -> !since.isAfter(pruned)));
    }
}
