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
 * Spread out, each waiting delivery comes back about once, near its own turn, as long as the
 * line reaches.
 * <p>
 * The line reaches no further than a hundred intervals past the rate's next slot, and at least
 * {@code herald.delivery.hold-interval}: past that, deliveries are held until its end, and
 * come back together there. So a delivery waits no longer than that for a rate raised (or
 * removed) meanwhile, and a line left by an old rate is never followed for long; a backlog
 * longer than the line comes back once per line instead of once per slot.
 */
@ApplicationScoped
public class ThrottledHolds {

    /** Past this many subscriptions, those whose last hold has passed are forgotten. */
    static final int TIDY_ABOVE = 1024;

    /** How many intervals past the rate's next slot the line reaches. */
    static final int LINE_INTERVALS = 100;

    private final Map<String, Instant> lastHeldUntil = new ConcurrentHashMap<>();

    /**
     * @param due       when the rate says the next delivery may go
     * @param spacing   the rate's interval between two deliveries
     * @param leastReach how far past {@code due} the line reaches at least (the hold interval)
     * @return when to hold this one until: {@code due}, or a spacing after the last one held,
     *         but not past the line's reach
     */
    public Instant holdUntil(String subscriptionId, Instant due, Duration spacing, Duration leastReach, Instant now) {
        if (lastHeldUntil.size() > TIDY_ABOVE) {
            lastHeldUntil.values().removeIf(until -> until.isBefore(now));
        }
        Duration reach = spacing.multipliedBy(LINE_INTERVALS);
        Instant end = due.plus(reach.compareTo(leastReach) > 0 ? reach : leastReach);
        return lastHeldUntil.merge(subscriptionId, due, (last, wanted) -> {
            Instant afterLast = last.plus(spacing);
            Instant next = afterLast.isAfter(wanted) ? afterLast : wanted;
            return next.isAfter(end) ? end : next;
        });
    }

    int remembered() {
        return lastHeldUntil.size();
    }
}
