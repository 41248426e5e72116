package dev.herald.events.boundary;

import dev.herald.events.control.EventDeliveries.DeliverySummary;
import dev.herald.events.control.RecordedEvent;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * An event of the history. {@code deliveries} is present when one event is read: what it
 * caused, one per matching subscription.
 */
public record EventOut(
        String id,
        String type,
        String subject,
        JsonObject data,
        Instant timestamp,
        String tenantId,
        List<DeliverySummary> deliveries) {

    static EventOut of(RecordedEvent event) {
        return of(event, null);
    }

    static EventOut of(RecordedEvent event, List<DeliverySummary> deliveries) {
        return new EventOut(
                event.id(),
                event.type(),
                event.subject(),
                event.data(),
                event.createdAt(),
                event.tenantId(),
                deliveries);
    }
}
