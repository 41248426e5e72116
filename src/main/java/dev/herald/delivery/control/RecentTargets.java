package dev.herald.delivery.control;

import dev.herald.platform.Times;
import dev.herald.subscriptions.control.DeliveryTarget;
import dev.herald.subscriptions.control.SubscriptionRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The subscriptions the workers send to, as last read: a burst's deliveries to one subscription
 * share a read of it instead of one each (a sixth of Herald's CPU under batch publishes on H2).
 * A read serves a delivery only if it began after the delivery was claimed (so after its
 * event was recorded: a change to a subscription applies to every event recorded after the
 * change, as when each delivery read its own) and at most {@link #FRESH_FOR} before the attempt
 * (so a change applies also to deliveries that waited since). An attempt that fails forgets its
 * subscription here, so that the next one sees its health as stored.
 */
@ApplicationScoped
public class RecentTargets {

    /** How long a subscription as read stands for the subscription as stored. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(2);

    /**
     * Subscriptions kept at most, the latest reads: a wider fan-out reads some again. With the
     * reads older than {@link #FRESH_FOR} dropped, this bounds the memory one tenant's thousands
     * of subscriptions can take here.
     */
    private static final int MAX_KEPT = 1_000;

    @Inject
    SubscriptionRoutes routes;

    private record Read(Optional<DeliveryTarget> target, Instant at) {}

    /** The reads kept, the oldest first. */
    private final LinkedHashMap<String, Read> reads = new LinkedHashMap<>();

    /**
     * The subscription as read after {@code claimedAt} and within {@link #FRESH_FOR} of
     * {@code now}, reading it if no such read is kept; empty once it is deleted.
     */
    public Optional<DeliveryTarget> of(String subscriptionId, Instant claimedAt, Instant now) {
        Read read;
        synchronized (reads) {
            read = reads.get(subscriptionId);
        }
        if (read != null
                && read.at().isAfter(claimedAt)
                && now.isBefore(read.at().plus(FRESH_FOR))) {
            return read.target();
        }
        Instant readAt = Times.now(); // before the read: what it sees was stored by then
        Optional<DeliveryTarget> target = routes.target(subscriptionId);
        keep(subscriptionId, new Read(target, readAt));
        return target;
    }

    /** Keeps the read as the latest, dropping those that can serve no delivery any more and any beyond the bound. */
    private void keep(String subscriptionId, Read latest) {
        synchronized (reads) {
            reads.remove(subscriptionId);
            reads.put(subscriptionId, latest);
            Iterator<Read> oldest = reads.values().iterator();
            while (oldest.hasNext()) {
                Read read = oldest.next();
                if (reads.size() <= MAX_KEPT && read.at().isAfter(latest.at().minus(FRESH_FOR))) {
                    return;
                }
                oldest.remove();
            }
        }
    }

    /** Has the subscription read again next time: an attempt to it failed, and its health changed. */
    public void forget(String subscriptionId) {
        synchronized (reads) {
            reads.remove(subscriptionId);
        }
    }
}
