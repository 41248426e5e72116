package dev.herald.delivery.control;

import dev.herald.subscriptions.control.SubscriptionSpec.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again, from the subscription's retry policy: exponential
 * (b, 2b, 4b, …), linear (b, 2b, 3b, …) or fixed (b, b, …) with up to 10 % added jitter, so
 * that many deliveries failing together do not return together. A receiver's
 * {@code Retry-After} wins when it asks for longer.
 */
public final class RetrySchedule {

    /** Longest wait Herald accepts from a Retry-After header. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private RetrySchedule() {}

    /**
     * @param retry      1 for the first retry, 2 for the second, …
     * @param retryAfter what the receiver asked for, or null
     */
    public static Duration delayBefore(int retry, RetryPolicy policy, Duration retryAfter) {
        Duration base = baseDelay(retry, policy);
        long jitterMillis =
                (long) (base.toMillis() * 0.1 * ThreadLocalRandom.current().nextDouble());
        Duration delay = base.plusMillis(jitterMillis);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        return delay;
    }

    static Duration baseDelay(int retry, RetryPolicy policy) {
        long seconds = policy.backoffSeconds();
        return Duration.ofSeconds(
                Math.min(seconds * policy.backoffType().factor(retry), RetryPolicy.MAX_BACKOFF_SECONDS));
    }

    /** Whether another attempt is allowed after {@code attemptsMade} attempts. */
    public static boolean mayRetry(int attemptsMade, RetryPolicy policy) {
        return attemptsMade <= policy.maxRetries();
    }
}
