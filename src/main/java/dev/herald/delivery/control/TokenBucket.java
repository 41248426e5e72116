package dev.herald.delivery.control;

import java.time.Duration;
import java.util.Optional;

/** A token bucket: up to {@code capacity} at once, refilled at {@code perSecond}. Starts full. */
final class TokenBucket {

    private final double capacity;
    private final double perSecond;
    private double tokens;
    private long refilledAt;
    private boolean started;

    TokenBucket(double capacity, double perSecond) {
        this.capacity = capacity;
        this.perSecond = perSecond;
    }

    /** @return empty when a token was taken, else how long until the next one */
    synchronized Optional<Duration> take(long nowNanos) {
        tokens = started ? Math.min(capacity, tokens + (nowNanos - refilledAt) / 1e9 * perSecond) : capacity;
        started = true;
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) ((1 - tokens) / perSecond * 1e9)));
    }
}
