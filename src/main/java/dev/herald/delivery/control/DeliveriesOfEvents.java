package dev.herald.delivery.control;

import dev.herald.events.control.EventDeliveries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The deliveries side of reading one event. */
@ApplicationScoped
public class DeliveriesOfEvents implements EventDeliveries {

    @Inject
    DeliveryQueries queries;

    @Override
    public List<DeliverySummary> of(String tenantId, String eventId) {
        return queries.forEvent(tenantId, eventId).stream()
                .map(found -> new DeliverySummary(
                        found.id(),
                        found.subscriptionId(),
                        found.status().wireName(),
                        found.attemptCount(),
                        found.nextAttemptAt()))
                .toList();
    }
}
