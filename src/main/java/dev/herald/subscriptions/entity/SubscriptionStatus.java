package dev.herald.subscriptions.entity;

/** Where a subscription stands; only {@code ACTIVE} ones receive deliveries. */
public enum SubscriptionStatus {
    PENDING_VALIDATION,
    ACTIVE,
    INACTIVE,
    EXPIRED,
    DISABLED;

    public String wireName() {
        return name().toLowerCase();
    }
}
