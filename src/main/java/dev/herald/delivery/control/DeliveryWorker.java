package dev.herald.delivery.control;

import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.HeraldVersion;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import dev.herald.platform.logging.LogIds;
import dev.herald.subscriptions.control.DeliveryTarget;
import dev.herald.subscriptions.control.SubscriptionSpec;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Makes one claimed delivery's next attempt and records what it came to. */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    private static final String MASK = "********";

    @Inject
    DeliveryLedger ledger;

    @Inject
    AttemptLog attemptLog;

    @Inject
    WebhookSender sender;

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryMetrics metrics;

    @Inject
    dev.herald.subscriptions.control.SubscriptionUsage usage;

    @Inject
    RecentTargets recentTargets;

    @Inject
    ThrottledHolds throttledHolds;

    private InFlightLimits limits;
    private final Queue<Claim> heldBack = new ConcurrentLinkedQueue<>();

    @PostConstruct
    void createLimits() {
        limits = new InFlightLimits(
                settings.tenantConcurrency(),
                settings.endpointConcurrency(),
                settings.tenantBacklog(),
                InFlightLimits.sendingRoomOf(Runtime.getRuntime().maxMemory()));
    }

    /** Divides the tenant and endpoint caps among the instances sharing the database. */
    void shareCaps(int instances) {
        limits.share(instances);
    }

    int parkedCount() {
        return limits.parkedCount();
    }

    /** The tenants with a full backlog parked on this instance. */
    Set<String> fullBacklogs() {
        return limits.fullBacklogs();
    }

    /** How many more of the tenant's deliveries may be parked now. */
    int backlogRoom(String tenantId) {
        return limits.backlogRoom(tenantId);
    }

    /**
     * A delivery its tenant's caps and backlog have no room for is held back, unopened, until
     * the pump's next tick ({@link #takeHeldBack}): what the backlog has room for by then goes
     * back to the workers, the rest back to the database in one statement, to wait
     * {@link DeliverySettings#busyHold()}. Its claim keeps it meanwhile; if the process dies
     * first, the claim runs out as any other does.
     */
    private void holdBack(Claim claim) {
        metrics.held("busy");
        heldBack.add(claim.withoutPayload()); // may wait a while yet: read again when it goes on
    }

    /** The deliveries held back since the last call. */
    List<Claim> takeHeldBack() {
        List<Claim> taken = new ArrayList<>();
        Claim claim;
        while ((claim = heldBack.poll()) != null) {
            taken.add(claim);
        }
        return taken;
    }

    /** Takes out the parked deliveries that now have a place, and those whose lease is ageing. */
    InFlightLimits.Settled settleParked(Instant now) {
        return limits.settle(now, settings.lease(), settings.pollInterval());
    }

    /** Takes out all but {@code keep} parked deliveries, for the caller to give back. */
    List<Claim> unpark(int keep) {
        return limits.shed(keep);
    }

    /**
     * @param next receives a claim to dispatch again: the next delivery of the same ordered
     *             subject once this one is done, or a parked delivery that now has a place
     */
    public void process(Claim claim, Consumer<Claim> next) {
        if (limits.backlogFull(claim.tenantId())) {
            holdBack(claim); // not even opened: a burst beyond the backlog costs no read per delivery
            return;
        }
        Optional<DeliveryJob> opened = open(claim);
        if (opened.isEmpty()) {
            return;
        }
        DeliveryJob job = opened.get();
        if (job.target().isEmpty()) {
            ledger.abandon(claim, "The subscription was deleted");
            takeUpNextInOrder(job, next); // its subject's waiting deliveries end the same way, each in turn
            return;
        }
        DeliveryTarget target = job.target().get();
        if (!target.isActive()) {
            ledger.holdAllOf(target.subscriptionId(), claim, Times.now().plus(settings.holdInterval()));
            return;
        }
        InFlightLimits.Endpoint endpoint =
                InFlightLimits.Endpoint.of(claim.tenantId(), target.spec().url());
        long weight = InFlightLimits.weight(job.payload().chars());
        // The job's claim: renewed when it was opened, its lease is what a parked claim ages by.
        switch (limits.admit(endpoint, job.claim(), weight)) {
            case PARKED -> metrics.held("busy");
            case FULL -> holdBack(job.claim());
            case GO -> {
                Optional<FinishedAttempt> finished;
                try {
                    job.payload().text(); // read now its place is taken, before a rate or quota is spent on it
                    finished = attemptUnlessThrottled(job, target);
                } finally {
                    // The endpoint's place is given back once it has answered, before the attempt
                    // is logged: waiting for that commit (tens of milliseconds on H2) puts no load
                    // on the endpoint, and holding the place through it capped one endpoint at
                    // its concurrency divided by the commit time (300 deliveries/s on H2).
                    limits.release(endpoint, weight).ifPresent(next);
                }
                finished.ifPresent(this::log);
                takeUpNextInOrder(job, next);
            }
        }
    }

    /**
     * After a delivery of an ordered subject was attempted or abandoned: its subject's next is
     * dispatched at once if it is due (none while this one waits for its retry).
     */
    private void takeUpNextInOrder(DeliveryJob job, Consumer<Claim> next) {
        if (job.orderingKey() != null) {
            ledger.claimNextInOrder(job.orderingKey()).ifPresent(next);
        }
    }

    /**
     * A young claim that carries its payload (made at fan-out, or claimed by the pump) needs no
     * transaction of its own and no read of the delivery (on PostgreSQL that read was 14 % of
     * Herald's CPU under single publishes); its subscription is the one it carries from fan-out
     * or one read at most once a moment for all its deliveries ({@link RecentTargets}). Any other
     * claim is opened by the ledger.
     */
    private Optional<DeliveryJob> open(Claim claim) {
        Claim.Work work = claim.work();
        Instant now = Times.now();
        if (claim.isYoung(now, settings.lease()) && work.payload() != null) {
            return Optional.of(DeliveryJob.ofClaim(
                    claim, Payload.of(work.payload()), recentTargets.of(claim, settings.lease(), now)));
        }
        return ledger.open(claim);
    }

    /** The attempt made, still to be logged; none when the delivery was held back instead. */
    private Optional<FinishedAttempt> attemptUnlessThrottled(DeliveryJob job, DeliveryTarget target) {
        Optional<Instant> notBefore = throttle(target);
        if (notBefore.isPresent()) {
            metrics.held("throttled");
            ledger.hold(job.claim(), notBefore.get());
            return Optional.empty();
        }
        return leasedForTheAttempt(job, target).map(leased -> attempt(leased, target, false));
    }

    /**
     * The job under a lease that outlasts its attempt: what ran since the claim was taken up (the
     * rate and the quota, each a statement that may wait for a lock) may have left too little of
     * it, and another instance would claim the delivery and send it too while this attempt is
     * under way. Renewed then; empty when the claim is no longer this worker's.
     */
    private Optional<DeliveryJob> leasedForTheAttempt(DeliveryJob job, DeliveryTarget target) {
        Instant now = Times.now();
        if (job.claim().outlasts(now, settings.attemptTimeout(target.spec().timeoutMs()), settings.lease())) {
            return Optional.of(job);
        }
        return ledger.renew(job.claim(), now).map(job::withClaim);
    }

    /**
     * The subscription's rate limit, then its quota: when either says wait, the delivery is
     * held (not dropped, no attempt counted) until then.
     */
    private Optional<Instant> throttle(DeliveryTarget target) {
        var options = target.spec().options();
        if (options.rateLimit() != null) {
            Instant now = Times.now();
            Optional<java.time.Duration> wait = usage.takeRate(target.subscriptionId(), options.rateLimit(), now);
            if (wait.isPresent()) {
                return Optional.of(throttledHolds.holdUntil(
                        target.subscriptionId(),
                        now.plus(wait.get()),
                        java.time.Duration.ofNanos(Math.round(1e9 / options.rateLimit())),
                        settings.holdInterval(),
                        now));
            }
        }
        return options.quota() == null
                ? Optional.empty()
                : usage.takeQuota(target.subscriptionId(), options.quota(), Times.now());
    }

    /**
     * One attempt and no retries: a test an operator asked for. Its failure leaves the
     * subscription's health alone and raises nothing. Does nothing when the delivery is not claimable.
     */
    public void attemptOnce(Claim claim) {
        ledger.open(claim)
                .ifPresent(job -> job.target()
                        .ifPresentOrElse(
                                target -> log(attempt(job, target, true)),
                                () -> ledger.abandon(claim, "The subscription was deleted")));
    }

    /**
     * Logs the attempt (durably: this returns once it is committed). A failure changed the
     * subscription's health, so the next attempt reads the subscription again; forgetting it
     * only now, not once the answer came, keeps a read made in between from caching the
     * health as it was before.
     */
    private void log(FinishedAttempt finished) {
        attemptLog.record(finished);
        if (!finished.attempt().outcome().succeeded()) {
            recentTargets.forget(finished.subscriptionId());
        }
    }

    /**
     * Sends the delivery once and judges the answer; what it came to is for the caller to log.
     * A test is not retried.
     */
    private FinishedAttempt attempt(DeliveryJob job, DeliveryTarget target, boolean test) {
        SubscriptionSpec spec = target.spec();
        Instant now = Times.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] body = job.payload().text().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Herald/" + HeraldVersion.get());
        headers.putAll(WebhookSigner.headers(
                spec.presentation(),
                spec.authType(),
                target.secrets(),
                new WebhookSigner.Delivery(job.claim().deliveryId(), job.eventType(), now, body)));
        Map<String, String> logged = new LinkedHashMap<>(headers);
        Set<String> privateHeaders = new HashSet<>(spec.headers().keySet());
        spec.headers().forEach((name, value) -> {
            headers.put(name, value);
            logged.put(name, MASK);
        });
        authorization(spec).ifPresent(value -> {
            headers.put("Authorization", value);
            logged.put("Authorization", value.substring(0, value.indexOf(' ') + 1) + MASK);
            privateHeaders.add("Authorization");
        });

        OutboundRequest request = new OutboundRequest(
                spec.url(), spec.method(), headers, privateHeaders, body, settings.attemptTimeout(spec.timeoutMs()));
        AttemptOutcome outcome = send(request, job.claim());

        DeliveryStatus status;
        Instant nextAttemptAt = null;
        if (outcome.succeeded()) {
            status = DeliveryStatus.SUCCEEDED;
        } else if (!test && outcome.retryable() && RetrySchedule.mayRetry(job.attempt(), spec.retryPolicy())) {
            status = DeliveryStatus.PENDING;
            nextAttemptAt = Times.now()
                    .plus(RetrySchedule.delayBefore(job.attempt(), spec.retryPolicy(), outcome.retryAfter()));
        } else {
            status = DeliveryStatus.FAILED;
        }
        metrics.attempted(status == DeliveryStatus.PENDING ? "retrying" : status.wireName(), outcome.responseTimeMs());
        return new FinishedAttempt(
                job.claim(),
                target.subscriptionId(),
                new AttemptRecord(job.attempt(), spec.url(), spec.method(), json(logged), outcome),
                status,
                nextAttemptAt,
                // A success clears a failing subscription's record, a test's too: it shows the
                // endpoint works. A test's failure is the operator's to read, not the record's.
                outcome.succeeded() ? target.consecutiveFailures() > 0 : !test);
    }

    private AttemptOutcome send(OutboundRequest request, Claim claim) {
        try {
            return sender.send(request);
        } catch (RuntimeException e) {
            LogIds.tenant(claim.tenantId())
                    .andDelivery(claim.deliveryId())
                    .log(LOG, Level.WARNING, "Attempt of delivery " + claim.deliveryId() + " failed unexpectedly", e);
            return AttemptOutcome.retryableError(
                    "Attempt failed: " + e.getClass().getSimpleName(), 0);
        }
    }

    private static Optional<String> authorization(SubscriptionSpec spec) {
        Map<String, String> credentials = spec.credentials();
        return switch (spec.authType()) {
            case "basic" ->
                Optional.of("Basic "
                        + Base64.getEncoder()
                                .encodeToString((credentials.get("username") + ":" + credentials.get("password"))
                                        .getBytes(StandardCharsets.UTF_8)));
            case "bearer" -> Optional.of("Bearer " + credentials.get("token"));
            default -> Optional.empty();
        };
    }

    private static String json(Map<String, String> headers) {
        JsonObjectBuilder object = Jsons.object();
        headers.forEach(object::add);
        return object.build().toString();
    }
}
