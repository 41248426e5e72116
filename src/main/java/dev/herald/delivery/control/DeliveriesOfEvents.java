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
        // All of them, as API.md's event answer has them: at most one for each of the tenant's subscriptions.
        return queries.forEvent(tenantId, eventId, Integer.MAX_VALUE);
    }
}
