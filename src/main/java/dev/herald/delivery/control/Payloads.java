package dev.herald.delivery.control;

import dev.herald.events.control.EventArriving;
import dev.herald.events.control.RecordedEvent;
import dev.herald.platform.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The body a subscriber receives, as API.md fixes it. */
public final class Payloads {

    private Payloads() {}

    public static JsonObject of(String deliveryId, RecordedEvent event) {
        JsonObjectBuilder body = Jsons.object()
                .add("id", deliveryId)
                .add("event", event.type())
                .add("eventId", event.id())
                .add("timestamp", event.createdAt().toString())
                .add("tenantId", event.tenantId());
        if (event.subject() != null) {
            body.add("subject", event.subject());
        }
        return body.add("data", event.data()).build();
    }

    /**
     * The body a receiver gets: the envelope, or the event's data alone for a receiver whose
     * subscription presents it so ({@code presentation.body} {@code data}).
     */
    public static String body(JsonObject envelope, boolean dataBody) {
        return (dataBody ? envelope.getJsonObject("data") : envelope).toString();
    }

    /**
     * The body as far as it is known before the event is chained: without the delivery's
     * {@code id} and the event's {@code timestamp} ({@link EventMatcher#SET_AT_CHAINING}).
     */
    static JsonObject beforeChaining(EventArriving event) {
        JsonObjectBuilder body = Jsons.object()
                .add("event", event.type())
                .add("eventId", event.id())
                .add("tenantId", event.tenantId());
        if (event.subject() != null) {
            body.add("subject", event.subject());
        }
        return body.add("data", event.data()).build();
    }
}
