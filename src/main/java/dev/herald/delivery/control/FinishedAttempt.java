package dev.herald.delivery.control;

import dev.herald.delivery.entity.DeliveryStatus;
import java.time.Instant;

/**
 * An attempt made, waiting to be logged with what it moves its delivery to.
 *
 * @param nextAttemptAt null when the delivery is done ({@code status} succeeded or failed)
 * @param subscriptionWasHealthy whether the subscription had no failures before: a success then changes nothing more
 */
public record FinishedAttempt(
        Claim claim,
        String subscriptionId,
        AttemptRecord attempt,
        DeliveryStatus status,
        Instant nextAttemptAt,
        boolean subscriptionWasHealthy) {}
