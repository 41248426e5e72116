package dev.herald.delivery.entity;

/** Where a delivery stands: pending until it succeeds or runs out of retries. */
public enum DeliveryStatus {
    PENDING, SUCCEEDED, FAILED;

    public String wireName() {
        return name().toLowerCase();
    }
}
