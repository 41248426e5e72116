package dev.herald.events.boundary;

import dev.herald.events.control.RecordedEvent;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * An event of the history. {@code deliveries} is present when one event is read: what it
 * caused, one per matching subscription.
 */
public record EventOut(String id, String type, String subject, JsonObject data, Instant timestamp, String tenantId,
        List<DeliverySummary> deliveries) {

    /** Where one delivery of the event stands. */
    public record DeliverySummary(String id, String subscriptionId, String status, int attempts,
            Instant nextAttemptAt) {
    }

    static EventOut of(RecordedEvent event) {
        return of(event, null);
    }

    static EventOut of(RecordedEvent event, List<DeliverySummary> deliveries) {
        return new EventOut(event.id(), event.type(), event.subject(), event.data(), event.createdAt(),
                event.tenantId(), deliveries);
    }
}
