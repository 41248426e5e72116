package dev.herald.delivery.control;

import dev.herald.events.control.EventArriving;
import dev.herald.events.control.RecordedEvent;
import dev.herald.platform.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** The body a subscriber receives, as API.md fixes it. */
public final class Payloads {

    /** A payload not copied is rendered as the whole envelope. */
    static final String ENVELOPE = "envelope";

    /** A payload not copied is rendered as the event's data alone. */
    static final String DATA = "data";

    /**
     * What a new delivery keeps of its payload ({@link NewDeliveries#keep}).
     *
     * @param copy the payload, or null when it is rendered from the event
     * @param form how it is rendered ({@link #ENVELOPE} or {@link #DATA}); null when copied
     */
    record Kept(String copy, String form) {

        static Kept copied(String body) {
            return new Kept(body, null);
        }

        static Kept rendered(boolean dataBody) {
            return new Kept(null, dataBody ? DATA : ENVELOPE);
        }
    }

    private Payloads() {}

    /**
     * A payload rendered from its event as stored: the same text {@link #body} made of the event
     * as it was recorded, its data written as the event stores it (the same writer's text).
     *
     * @param dataJson the event's data as its row holds it
     */
    static String rendered(String form, String head, String dataJson) {
        return DATA.equals(form) ? dataJson : head + dataJson + "}";
    }

    /** The length of what {@link #rendered} makes, before the data is read. */
    static int renderedChars(String form, String head, int dataChars) {
        return DATA.equals(form) ? dataChars : head.length() + dataChars + 1;
    }

    /** The envelope up to its data's value: {@code {"id":…,"data":}. */
    static String envelopeHead(String deliveryId, StoredEvent event) {
        String envelope = envelope(
                        deliveryId, event.type(), event.id(), event.createdAt(), event.tenantId(), event.subject())
                .build()
                .toString();
        return envelope.substring(0, envelope.length() - 1) + ",\"data\":";
    }

    /** The envelope's fields but its data, in their order: one place, so a rendered payload is a copy's text. */
    private static JsonObjectBuilder envelope(
            String deliveryId, String type, String eventId, Instant createdAt, String tenantId, String subject) {
        JsonObjectBuilder envelope = Jsons.object()
                .add("id", deliveryId)
                .add("event", type)
                .add("eventId", eventId)
                .add("timestamp", createdAt.toString())
                .add("tenantId", tenantId);
        if (subject != null) {
            envelope.add("subject", subject);
        }
        return envelope;
    }

    /** An event's fields as its row holds them, but its data. */
    record StoredEvent(String id, String tenantId, String type, String subject, Instant createdAt) {}

    public static JsonObject of(String deliveryId, RecordedEvent event) {
        return envelope(deliveryId, event.type(), event.id(), event.createdAt(), event.tenantId(), event.subject())
                .add("data", event.data())
                .build();
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
