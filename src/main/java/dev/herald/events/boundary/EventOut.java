package dev.herald.events.boundary;

import dev.herald.events.control.EventDeliveries.DeliverySummary;
import dev.herald.events.control.RecordedEvent;
import dev.herald.platform.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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

    /**
     * The event as JSON-B writes {@link #of(RecordedEvent)}: its properties in lexicographic
     * order (JSON-B's default), an absent subject left out. Built directly, since JSON-B writing
     * the answer to a single publish cost 1.9 % of Herald's CPU under them (the provider looked
     * up again on every call, then each property read by reflection). EventOutTest holds the two
     * to the same bytes.
     */
    static JsonObject json(RecordedEvent event) {
        JsonObjectBuilder json = Jsons.object();
        if (event.data() != null) {
            json.add("data", event.data());
        }
        json.add("id", event.id());
        if (event.subject() != null) {
            json.add("subject", event.subject());
        }
        return json.add("tenantId", event.tenantId())
                .add("timestamp", event.createdAt().toString())
                .add("type", event.type())
                .build();
    }

    /**
     * {@link #json(RecordedEvent)} of an event read without its data, with its data's stored text
     * put in as it is (stored as this writes it, so the same bytes): parsed again, dense data
     * weighs some ten times its text.
     */
    static String json(RecordedEvent event, String dataText) {
        String rest = json(event).toString(); // no data: it would come first
        return "{\"data\":" + dataText + "," + rest.substring(1);
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
