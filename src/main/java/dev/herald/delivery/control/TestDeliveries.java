package dev.herald.delivery.control;

import dev.herald.platform.ReadRoom;
import dev.herald.platform.TenantShares;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * A test delivery an operator asks for: a {@code webhook.ping}, or a sample of a named type
 * built from its schema, recorded as an event of the history, delivered to one subscription
 * only, once, synchronously, in a small pool of its own ({@link TestSendGate}).
 */
@ApplicationScoped
public class TestDeliveries {

    @Inject
    TestEvents testEvents;

    @Inject
    DeliveryWorker worker;

    @Inject
    DeliveryQueries queries;

    @Inject
    TestSendGate gate;

    /** What a test delivery came to; {@code response} is the first 4 KiB of the answer. */
    public record Result(
            String deliveryId,
            boolean success,
            Integer statusCode,
            long responseTimeMs,
            String response,
            String error) {}

    /**
     * Sends a test and tells what came of it, as the API answers and the console shows it.
     * Refused with 429 when the tenant's test sends, or all of them together, are at their bounds.
     */
    public Result sendAndReport(String tenantId, String subscriptionId, String eventType) {
        try (TenantShares.Place place = gate.enter(tenantId)) {
            Claim claim = testEvents.prepare(tenantId, subscriptionId, eventType == null ? TestEvents.PING : eventType);
            worker.attemptOnce(claim);
            // Its one attempt, under the test sends' own bound (two a tenant at once).
            DeliveryView sent = queries.withoutAttempts(tenantId, claim.deliveryId(), ReadRoom.NONE);
            List<DeliveryView.AttemptView> attempts =
                    queries.attempts(sent.id(), sent.attemptCount() - 1, sent.attemptCount(), 1);
            if (attempts.isEmpty()) {
                return new Result(sent.id(), false, null, 0, null, sent.lastError());
            }
            DeliveryView.AttemptView attempt = attempts.get(0);
            Integer status = attempt.statusCode();
            return new Result(
                    sent.id(),
                    status != null && status >= 200 && status < 300,
                    status,
                    attempt.responseTimeMs(),
                    attempt.responseBody(),
                    attempt.error());
        }
    }
}
