package dev.herald.subscriptions.control;

import dev.herald.subscriptions.entity.SubscriptionStatus;

/**
 * What the delivery feature needs of a subscription to send to it, secrets opened.
 *
 * @param secrets             the signing secrets, newest first (two during a rotation's overlap)
 * @param consecutiveFailures failed attempts since its last success
 */
public record DeliveryTarget(
        String subscriptionId,
        String tenantId,
        SubscriptionStatus status,
        SubscriptionSpec spec,
        java.util.List<String> secrets,
        int consecutiveFailures) {

    public boolean isActive() {
        return status == SubscriptionStatus.ACTIVE;
    }

    /** Without the secrets: a target travels with claims and jobs, and may end up in a log line. */
    @Override
    public String toString() {
        return "DeliveryTarget[" + subscriptionId + ", " + tenantId + ", " + status + ", " + secrets.size()
                + " secrets]";
    }
}
