package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deliveries per second per subscription, as a token bucket holding at most one second's
 * worth. Kept in memory: each instance enforces the limit on what it sends itself.
 */
@ApplicationScoped
public class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @return empty when a delivery may go now, else how long to wait for the next token */
    public Optional<Duration> acquire(String subscriptionId, double perSecond) {
        return buckets.computeIfAbsent(subscriptionId, id -> new Bucket()).take(perSecond, System.nanoTime());
    }

    private static final class Bucket {

        private double tokens = -1;
        private long refilledAt;

        synchronized Optional<Duration> take(double perSecond, long now) {
            double capacity = Math.max(1, perSecond);
            tokens = tokens < 0 ? capacity : Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) ((1 - tokens) / perSecond * 1e9)));
        }
    }
}
