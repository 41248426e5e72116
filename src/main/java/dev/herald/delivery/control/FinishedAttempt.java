package dev.herald.delivery.control;

import dev.herald.delivery.entity.DeliveryStatus;
import java.time.Instant;

/**
 * An attempt made, waiting to be logged with what it moves its delivery to.
 *
 * @param nextAttemptAt null when the delivery is done ({@code status} succeeded or failed)
 * @param hasConsequences whether logging it bears on the subscription's health and the operational
 *     events: a success only when the subscription was failing (it clears that), a failure unless
 *     it was a test send's (an operator's probe of an endpoint being fixed must not disable the
 *     subscription or page anyone; its answer is the operator's to read)
 */
public record FinishedAttempt(
        Claim claim,
        String subscriptionId,
        AttemptRecord attempt,
        DeliveryStatus status,
        Instant nextAttemptAt,
        boolean hasConsequences) {}
