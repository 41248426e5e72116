package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A test delivery an operator asks for: a {@code webhook.ping}, or a sample of a named type
 * built from its schema, recorded as an event of the history, delivered to one subscription
 * only, once, synchronously, in a small pool of its own ({@link TestSendGate}).
 */
@ApplicationScoped
public class TestDeliveries {

    @Inject
    TestEvents testEvents;

    @Inject
    DeliveryWorker worker;

    @Inject
    DeliveryQueries queries;

    @Inject
    TestSendGate gate;

    /** Refused with 429 when the tenant's test sends, or all of them together, are at their bounds. */
    public DeliveryView send(String tenantId, String subscriptionId, String eventType) {
        try (TestSendGate.Place place = gate.enter(tenantId)) {
            Claim claim = testEvents.prepare(tenantId, subscriptionId,
                    eventType == null ? TestEvents.PING : eventType);
            worker.attemptOnce(claim);
            return queries.get(tenantId, claim.deliveryId());
        }
    }
}
