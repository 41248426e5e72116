package dev.herald.delivery.control;

import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
import java.time.Instant;
import java.util.List;

/**
 * A delivery as the API shows it. Read alone, it carries its payload (the body of every
 * attempt) and every attempt with its answer; in a list, neither payload nor answers, and
 * only its latest attempts, so a page weighs little whatever the events did.
 *
 * @param payload  the request body of every attempt; null in lists
 * @param attempts oldest first
 */
public record DeliveryView(
        String id,
        String eventId,
        String subscriptionId,
        String eventType,
        DeliveryStatus status,
        int attemptCount,
        List<AttemptView> attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant acknowledgedAt,
        String externalId,
        String acknowledgedStatus,
        Instant createdAt,
        Instant updatedAt,
        String payload) {

    /** A delivery set aside until its subject's turn shows when it was made, as it did while it waited due. */
    public DeliveryView {
        if (Delivery.SET_ASIDE_UNTIL_ITS_TURN.equals(nextAttemptAt)) {
            nextAttemptAt = createdAt;
        }
    }

    /**
     * One attempt.
     *
     * @param redirects    the URL of each redirect hop, in order
     * @param responseBody the first 4 KiB of the answer; null in lists
     */
    public record AttemptView(
            int attempt,
            String url,
            List<String> redirects,
            String method,
            String requestHeaders,
            Integer statusCode,
            String responseBody,
            long responseTimeMs,
            String error,
            Instant createdAt,
            String instance) {}
}
