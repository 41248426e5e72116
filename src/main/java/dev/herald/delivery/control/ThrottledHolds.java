package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this instance holds the deliveries its subscriptions' rate limits turn back: each one
 * rate interval after the last it held for the same subscription. Held all until the rate's
 * next free slot, a backlog of 10,000 came back at that slot together, one went, and the rest
 * were claimed and held again, at every slot: two transactions per waiting delivery per slot.
 * Spread out, each waiting delivery comes back about once, near its own turn.
 */
@ApplicationScoped
public class ThrottledHolds {

    /** Past this many subscriptions, those whose last hold has passed are forgotten. */
    static final int TIDY_ABOVE = 1024;

    private final Map<String, Instant> lastHeldUntil = new ConcurrentHashMap<>();

    /**
     * @param due     when the rate says the next delivery may go
     * @param spacing the rate's interval between two deliveries
     * @return when to hold this one until: {@code due}, or a spacing after the last one held
     */
    public Instant holdUntil(String subscriptionId, Instant due, Duration spacing, Instant now) {
        if (lastHeldUntil.size() > TIDY_ABOVE) {
            lastHeldUntil.values().removeIf(until -> until.isBefore(now));
        }
        return lastHeldUntil.merge(subscriptionId, due, (last, wanted) -> {
            Instant afterLast = last.plus(spacing);
            return afterLast.isAfter(wanted) ? afterLast : wanted;
        });
    }

    int remembered() {
        return lastHeldUntil.size();
    }
}
