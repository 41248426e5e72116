package dev.herald.delivery.boundary;

import dev.herald.platform.json.Jsons;
import dev.herald.delivery.control.DeliveryQueries.DeliveryWithAttempts;
import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryAttempt;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * A delivery with its attempt log, as the API shows it. Secrets in the logged headers are
 * masked. {@code acknowledgedAt}, {@code externalId} and {@code acknowledgedStatus} are what
 * the receiver reported through the callback.
 */
public record DeliveryOut(String id, String eventId, String subscriptionId, String event, String status,
        List<AttemptOut> attempts, Instant nextAttemptAt, String lastError, Instant acknowledgedAt, String externalId,
        String acknowledgedStatus, Instant createdAt, Instant updatedAt) {

    /** One HTTP attempt; {@code responseBody} holds at most the first 4 KiB. */
    public record AttemptOut(int attempt, String url, String method, JsonObject requestHeaders, String requestBody,
            Integer statusCode, String responseBody, long responseTimeMs, String error, Instant createdAt) {

        static AttemptOut of(DeliveryAttempt a) {
            try (JsonReader reader = Jsons.reader(new StringReader(a.getRequestHeaders()))) {
                return new AttemptOut(a.getAttempt(), a.getUrl(), a.getMethod(), reader.readObject(),
                        a.getRequestBody(), a.getStatusCode(), a.getResponseBody(), a.getResponseTimeMs(),
                        a.getError(), a.getCreatedAt());
            }
        }
    }

    public static DeliveryOut of(DeliveryWithAttempts found) {
        Delivery d = found.delivery();
        return new DeliveryOut(d.getId(), d.getEventId(), d.getSubscriptionId(), d.getEventType(),
                d.getStatus().wireName(), found.attempts().stream().map(AttemptOut::of).toList(),
                d.getNextAttemptAt(), d.getLastError(), d.getAcknowledgedAt(), d.getExternalId(),
                d.getAcknowledgedStatus(), d.getCreatedAt(), d.getUpdatedAt());
    }
}
