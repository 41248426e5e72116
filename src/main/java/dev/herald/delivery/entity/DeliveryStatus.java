package dev.herald.delivery.entity;

/**
 * Where a delivery stands: pending until it succeeds or runs out of retries; suppressed when
 * a oneTime subscription already had the first event of its subject.
 */
public enum DeliveryStatus {
    PENDING,
    SUCCEEDED,
    FAILED,
    SUPPRESSED;

    public String wireName() {
        return name().toLowerCase();
    }
}
