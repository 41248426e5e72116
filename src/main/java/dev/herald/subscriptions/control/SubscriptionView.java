package dev.herald.subscriptions.control;

import dev.herald.subscriptions.entity.SubscriptionStatus;
import java.time.Instant;

/**
 * A stored subscription with its settings decoded (secrets stay out: see {@link SubscriptionSecrets#secret}).
 *
 * @param consecutiveFailures failed attempts since the last success
 * @param failingSince        when that run of failures began, or null
 * @param quotaUsed           deliveries attempted in the current quota period
 * @param quotaPeriodStart    when that period began, or null before the first
 * @param validationEndsAt    while the endpoint has not confirmed it: when the subscription is deleted unless it
 *                            does; otherwise null
 * @param lastAttempt         its latest attempt, or null before the first
 */
public record SubscriptionView(
        String id,
        SubscriptionSpec spec,
        SubscriptionStatus status,
        Instant createdAt,
        Instant updatedAt,
        int consecutiveFailures,
        Instant failingSince,
        int quotaUsed,
        Instant quotaPeriodStart,
        Instant validationEndsAt,
        LastAttempts.LastAttempt lastAttempt) {}
