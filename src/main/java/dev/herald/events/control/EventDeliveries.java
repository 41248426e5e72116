package dev.herald.events.control;

import java.time.Instant;
import java.util.List;

/**
 * Where the deliveries an event caused stand, as one event's page shows them. Implemented by
 * the delivery feature, which is built on events; events do not depend on it.
 */
public interface EventDeliveries {

    /** One per matching subscription, in the order they were made. */
    List<DeliverySummary> of(String tenantId, String eventId);

    /** Where one delivery of the event stands. */
    record DeliverySummary(String id, String subscriptionId, String status, int attempts, Instant nextAttemptAt) {}
}
