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
 * A read serves a delivery only if it began after the delivery was claimed, or, for a delivery
 * made at fan-out, no earlier than the read its event was matched with, which the delivery
 * carries and which serves it itself (so a change to a subscription applies to every event
 * recorded after the change, as when each delivery read its own), and at most
 * {@link #FRESH_FOR} before the attempt (so a change applies also to deliveries that waited
 * since). An attempt that fails has the subscription read again once the failure is logged
 * ({@link #forget}), so that the next one sees its health as stored.
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

    /**
     * A read of the subscription and when it began; or, without a target, when the subscription
     * was forgotten: then only a read begun later is kept.
     */
    private record Read(Optional<DeliveryTarget> target, Instant at) {

        boolean serves(Instant claimedAt, Instant now) {
            return target != null && at.isAfter(claimedAt) && isFreshAt(now);
        }

        boolean isFreshAt(Instant now) {
            return now.isBefore(at.plus(FRESH_FOR));
        }
    }

    /** The reads kept, the oldest first. */
    private final LinkedHashMap<String, Read> reads = new LinkedHashMap<>();

    /**
     * The subscription for a young claim ({@link Claim#isYoung}): the one it carries, or one
     * read after it was claimed.
     */
    public Optional<DeliveryTarget> of(Claim claim, Duration lease, Instant now) {
        Claim.Work work = claim.work();
        return work.subscription() != null
                ? of(work.subscriptionId(), work.subscription(), now)
                : of(work.subscriptionId(), claim.claimedAt(lease), now);
    }

    /**
     * The subscription as read after {@code claimedAt} and within {@link #FRESH_FOR} of
     * {@code now}, reading it if no such read is kept; empty once it is deleted.
     */
    public Optional<DeliveryTarget> of(String subscriptionId, Instant claimedAt, Instant now) {
        Read read = kept(subscriptionId);
        return read != null && read.serves(claimedAt, now) ? read.target() : read(subscriptionId);
    }

    /**
     * The subscription of a delivery made at fan-out: as read to match its event ({@code
     * matched}; the change a later event is sent as was stored by then), unless a read begun
     * later or a failure logged since supersedes it, and only within {@link #FRESH_FOR} of
     * {@code now}; read again otherwise.
     */
    public Optional<DeliveryTarget> of(String subscriptionId, SubscriptionAsRead matched, Instant now) {
        keep(subscriptionId, new Read(Optional.of(matched.target()), matched.readAt()));
        Read read = kept(subscriptionId);
        return read != null && read.target() != null && !read.at().isBefore(matched.readAt()) && read.isFreshAt(now)
                ? read.target()
                : read(subscriptionId);
    }

    private Read kept(String subscriptionId) {
        synchronized (reads) {
            return reads.get(subscriptionId);
        }
    }

    private Optional<DeliveryTarget> read(String subscriptionId) {
        Instant readAt = Times.now(); // before the read: what it sees was stored by then
        Optional<DeliveryTarget> target = routes.target(subscriptionId);
        keep(subscriptionId, new Read(target, readAt));
        return target;
    }

    /**
     * Has the subscription read again by the next attempt, in a read begun after now: an attempt
     * to it failed and was logged, and its health changed.
     */
    public void forget(String subscriptionId) {
        keep(subscriptionId, new Read(null, Times.now()));
    }

    /**
     * Keeps the read unless a read begun later, or a later {@link #forget}, is kept already;
     * drops the reads that can serve no delivery any more, and any beyond the bound.
     */
    private void keep(String subscriptionId, Read latest) {
        synchronized (reads) {
            Read kept = reads.get(subscriptionId);
            // Times are in milliseconds: a read begun in the millisecond of a forget may have begun before it.
            if (kept != null
                    && (kept.target() == null
                            ? !latest.at().isAfter(kept.at())
                            : kept.at().isAfter(latest.at()))) {
                return;
            }
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
}
