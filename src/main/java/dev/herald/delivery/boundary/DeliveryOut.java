package dev.herald.delivery.boundary;

import dev.herald.delivery.control.DeliveryView;
import dev.herald.delivery.control.DeliveryView.AttemptView;
import dev.herald.platform.json.Jsons;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A delivery with its attempt log, as the API shows it. Secrets in the logged headers are
 * masked. {@code acknowledgedAt}, {@code externalId} and {@code acknowledgedStatus} are what
 * the receiver reported through the callback. In a list, {@code attempts} holds the latest
 * attempts without their bodies; {@code attemptCount} counts them all. Read whole, its attempts
 * are read as they are written ({@link AttemptsInTurns}).
 */
public record DeliveryOut(
        String id,
        String eventId,
        String subscriptionId,
        String event,
        String status,
        int attemptCount,
        Collection<AttemptOut> attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant acknowledgedAt,
        String externalId,
        String acknowledgedStatus,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * One HTTP attempt; {@code responseBody} holds at most the first 4 KiB; {@code redirects}
     * the URL of each redirect hop followed after {@code url}; {@code instance} the Herald
     * instance that made it (null for attempts made before instances were recorded).
     */
    public record AttemptOut(
            int attempt,
            String url,
            List<String> redirects,
            String method,
            JsonObject requestHeaders,
            String requestBody,
            Integer statusCode,
            String responseBody,
            long responseTimeMs,
            String error,
            Instant createdAt,
            String instance) {

        static AttemptOut of(AttemptView a, String requestBody) {
            return new AttemptOut(
                    a.attempt(),
                    a.url(),
                    a.redirects(),
                    a.method(),
                    Jsons.parseObject(a.requestHeaders()),
                    requestBody,
                    a.statusCode(),
                    a.responseBody(),
                    a.responseTimeMs(),
                    a.error(),
                    a.createdAt(),
                    a.instance());
        }
    }

    /** A delivery as a list shows it: its latest attempts, without their bodies. */
    public static DeliveryOut of(DeliveryView d) {
        return of(
                d, d.attempts().stream().map(a -> AttemptOut.of(a, d.payload())).toList());
    }

    /** A delivery with the attempts given (a delivery read whole: read without them, {@link AttemptsInTurns}). */
    static DeliveryOut of(DeliveryView d, Collection<AttemptOut> attempts) {
        return new DeliveryOut(
                d.id(),
                d.eventId(),
                d.subscriptionId(),
                d.eventType(),
                d.status().wireName(),
                d.attemptCount(),
                attempts,
                d.nextAttemptAt(),
                d.lastError(),
                d.acknowledgedAt(),
                d.externalId(),
                d.acknowledgedStatus(),
                d.createdAt(),
                d.updatedAt());
    }
}
