package dev.herald.inbound.boundary;

import dev.herald.inbound.entity.Receipt;
import dev.herald.platform.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * One received call and what became of it; {@code body} is the raw body while it is kept
 * ({@code herald.inbound.body-retention}), {@code normalized} what filters saw.
 */
public record ReceiptOut(
        String id,
        String deliveryId,
        String event,
        String outcome,
        String reason,
        JsonObject normalized,
        String body,
        Instant receivedAt,
        Instant processedAt) {

    static ReceiptOut of(Receipt receipt) {
        return new ReceiptOut(
                receipt.id(),
                receipt.deliveryKey(),
                receipt.eventName(),
                receipt.outcome().wireName(),
                receipt.reason(),
                receipt.normalizedJson() == null
                        ? null
                        : withPayload(Jsons.parseObject(receipt.normalizedJson()), receipt.body()),
                receipt.body(),
                receipt.receivedAt(),
                receipt.processedAt());
    }

    /**
     * A generic sender's normalized event carries its body as {@code payload}: stored once, as
     * the body, so it is shown while the body is kept and goes with it.
     */
    private static JsonObject withPayload(JsonObject normalized, String body) {
        if (body == null
                || normalized.containsKey("payload")
                || !"generic".equals(normalized.getString("source", null))) {
            return normalized;
        }
        try { // as the normalizer read it: a byte-order mark before the JSON is not part of it
            JsonObject payload = Jsons.parseObject(body.startsWith("\uFEFF") ? body.substring(1) : body);
            return Jsons.object(normalized).add("payload", payload).build();
        } catch (JsonException e) {
            return normalized; // never so (it was read once to be normalized), but a listing shows it anyway
        }
    }
}
