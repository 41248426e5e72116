package dev.herald.delivery.control;

import dev.herald.subscriptions.control.SubscriptionSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * A worker's lease on one delivery: only the holder of {@code token} may attempt it. The
 * tenant travels with it so the workers' queue can serve tenants in turn.
 *
 * @param leasedUntil when the lease taken with the claim runs out; null when unknown
 * @param work        what was read with the claim (in the statement that took it, or from the
 *                    delivery just created), so that a worker taking it up while the lease is
 *                    young need neither renew it nor read the delivery's row again; null when
 *                    nothing was read
 */
public record Claim(String deliveryId, String tenantId, String token, Instant leasedUntil, Work work) {

    /** A claim whose delivery the worker reads when it takes it up. */
    public Claim(String deliveryId, String tenantId, String token) {
        this(deliveryId, tenantId, token, null, null);
    }

    /**
     * Whether what was read with the claim still stands and the lease outlasts any attempt
     * begun now: more of it is left than {@link #leftToTakeUp}, so no one else can take the
     * delivery over before the attempt ends, and none of it need be renewed or read again.
     */
    public boolean isYoung(Instant now, Duration lease) {
        return work != null && leasedUntil != null && now.isBefore(leasedUntil.minus(leftToTakeUp(lease)));
    }

    /**
     * How much of its lease a claim must have left to be attempted without renewing it: the
     * longest attempt any subscription may take, and a margin for taking it up, but never less
     * than half the lease. Half alone let a claim parked 60 s behind a slow
     * endpoint start an attempt of up to 120 s with 120 s left at most, and another instance
     * claimed and sent it again when the lease ran out mid-send.
     */
    static Duration leftToTakeUp(Duration lease) {
        Duration longestAttempt = DeliverySettings.attemptTimeout(lease, SubscriptionSpec.MAX_TIMEOUT_MS)
                .plus(takeUpMargin(lease));
        Duration half = lease.dividedBy(2);
        return longestAttempt.compareTo(half) > 0 ? longestAttempt : half;
    }

    /**
     * Time to take an attempt up and log it after its answer: a thirtieth of the lease, from one
     * second to five (five under the default three minutes). Five under any lease made every
     * claim under the suite's 15 s lease (attempts cut to 10 s) old at once, renewed and read
     * again, and the suite took half as long again.
     */
    static Duration takeUpMargin(Duration lease) {
        Duration share = lease.dividedBy(30);
        Duration least = Duration.ofSeconds(1);
        Duration most = Duration.ofSeconds(5);
        return share.compareTo(least) < 0 ? least : share.compareTo(most) > 0 ? most : share;
    }

    /**
     * Whether the lease is sure to outlast an attempt of {@code attemptTimeout} begun now, with
     * half the take-up margin to spare for the clocks of instances that share the database:
     * past the lease another instance may claim the delivery and send it too.
     */
    public boolean outlasts(Instant now, Duration attemptTimeout, Duration lease) {
        return leasedUntil != null
                && !now.plus(attemptTimeout)
                        .plus(takeUpMargin(lease).dividedBy(2))
                        .isAfter(leasedUntil);
    }

    /**
     * The same claim with its lease renewed until {@code until}, without what was read with it:
     * a renewed claim that waits (parked) is read again when it goes on, not taken for young.
     */
    public Claim renewedUntil(Instant until) {
        return new Claim(deliveryId, tenantId, token, until, null);
    }

    /** When the claim was made: the start of its lease. Only for a claim with a lease ({@link #isYoung}). */
    public Instant claimedAt(Duration lease) {
        return leasedUntil.minus(lease);
    }

    /** The same claim without its payload, for one that will wait to be taken up. */
    public Claim withoutPayload() {
        return work == null || work.payload() == null
                ? this
                : carrying(new Work(
                        work.subscriptionId(),
                        work.eventType(),
                        work.attemptCount(),
                        work.orderingKey(),
                        null,
                        work.subscription()));
    }

    /** The characters of the payload it carries (0 when none). */
    int carriedChars() {
        return work == null || work.payload() == null ? 0 : work.payload().length();
    }

    private Claim carrying(Work carried) {
        return new Claim(deliveryId, tenantId, token, leasedUntil, carried);
    }

    /**
     * The delivery's small fields an attempt needs; {@code attemptCount} is the attempts made so
     * far. The payload only on a claim made at fan-out ({@link FanOut}) or claimed by the pump
     * ({@link DeliveryLedger#claimDue}), unless it is large; otherwise null and read when the
     * claim is taken up: claims can wait in memory by the thousand after a tenant's burst, and a
     * payload may be large. A claim that waits keeps its payload only within a
     * {@link PayloadBudget} (the workers' queue's, and the parking's in {@link InFlightLimits}).
     *
     * @param subscription on a claim made at fan-out, its subscription as read to match the event
     *                     (a few small fields; the settings and secrets are shared), which its
     *                     worker sends with unless a later read or a failure logged since
     *                     supersedes it ({@link RecentTargets}); null on any other claim
     */
    public record Work(
            String subscriptionId,
            String eventType,
            int attemptCount,
            String orderingKey,
            String payload,
            SubscriptionAsRead subscription) {

        public Work(String subscriptionId, String eventType, int attemptCount, String orderingKey, String payload) {
            this(subscriptionId, eventType, attemptCount, orderingKey, payload, null);
        }

        public Work(String subscriptionId, String eventType, int attemptCount, String orderingKey) {
            this(subscriptionId, eventType, attemptCount, orderingKey, null, null);
        }
    }
}
