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

    private final Map<String, Limit> buckets = new ConcurrentHashMap<>();

    /** A subscription's bucket, made again when its limit changes. */
    private record Limit(double perSecond, TokenBucket bucket) {
    }

    /** @return empty when a delivery may go now, else how long to wait for the next token */
    public Optional<Duration> acquire(String subscriptionId, double perSecond) {
        Limit limit = buckets.compute(subscriptionId, (id, current) -> current != null && current.perSecond() == perSecond
                ? current : new Limit(perSecond, new TokenBucket(Math.max(1, perSecond), perSecond)));
        return limit.bucket().take(System.nanoTime());
    }
}
