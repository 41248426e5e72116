package dev.herald.delivery.control;

import dev.herald.subscriptions.control.DeliveryTarget;
import java.util.Optional;

/**
 * One attempt to make: the claimed delivery with its payload, and where it goes.
 *
 * @param attempt the number of the attempt about to be made (1 for the first)
 * @param target  the subscription as read after the claim and within {@link RecentTargets#FRESH_FOR}, or empty
 *                once it was deleted
 */
public record DeliveryJob(
        Claim claim,
        String eventType,
        Payload payload,
        int attempt,
        String orderingKey,
        Optional<DeliveryTarget> target) {

    /** The same job under a renewed claim. */
    DeliveryJob withClaim(Claim renewed) {
        return new DeliveryJob(renewed, eventType, payload, attempt, orderingKey, target);
    }

    /** The job of a claim that carries what was read with it ({@link Claim#work()}), with the payload. */
    static DeliveryJob ofClaim(Claim claim, Payload payload, Optional<DeliveryTarget> target) {
        Claim.Work work = claim.work();
        return new DeliveryJob(claim, work.eventType(), payload, work.attemptCount() + 1, work.orderingKey(), target);
    }
}
