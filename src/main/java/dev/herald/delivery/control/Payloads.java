package dev.herald.delivery.control;

import dev.herald.platform.json.Jsons;
import dev.herald.events.control.RecordedEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The body a subscriber receives, as API.md fixes it. */
public final class Payloads {

    private Payloads() {
    }

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
}
