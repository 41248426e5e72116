package dev.herald.delivery.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What operators watch at {@code /metrics}: attempts by outcome, attempt latency, and the
 * number of deliveries waiting (the queue depth).
 */
@ApplicationScoped
public class DeliveryMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    DeliveryQueries queries;

    /** How old the queue depth may be: a scrape every second must not count the queue every second. */
    private static final long PENDING_MAX_AGE_NANOS = Duration.ofSeconds(10).toNanos();

    private long pending;
    /** Starts out stale, so the first scrape counts. */
    private long pendingCountedAt = System.nanoTime() - PENDING_MAX_AGE_NANOS - 1;

    @PostConstruct
    void registerQueueDepth() {
        registry.gauge(Metadata.builder().withName("deliveries_pending")
                .withDescription("Deliveries waiting for an attempt or a retry (counted at most every 10 s)")
                .build(), this::pendingDeliveries);
    }

    private synchronized long pendingDeliveries() {
        long now = System.nanoTime();
        if (now - pendingCountedAt > PENDING_MAX_AGE_NANOS) {
            pending = queries.pendingCount();
            pendingCountedAt = now;
        }
        return pending;
    }

    /** @param outcome succeeded, retrying or failed */
    public void attempted(String outcome, long responseTimeMs) {
        registry.counter(Metadata.builder().withName("delivery_attempts")
                .withDescription("Delivery attempts by what they came to").build(), new Tag("outcome", outcome)).inc();
        registry.timer(Metadata.builder().withName("delivery_attempt_duration")
                .withDescription("Time from sending a delivery to its answer").withUnit(MetricUnits.MILLISECONDS)
                .build()).update(Duration.ofMillis(responseTimeMs));
    }

    /**
     * A delivery put back without an attempt: {@code busy} when its tenant's or endpoint's cap
     * was full, {@code throttled} by its subscription's rate limit or quota.
     */
    public void held(String reason) {
        registry.counter(Metadata.builder().withName("deliveries_held")
                .withDescription("Deliveries put back to wait without an attempt, by reason").build(),
                new Tag("reason", reason)).inc();
    }

    /** A worker loop caught what a delivery threw, and went on. */
    public void workerFailed(Throwable thrown) {
        registry.counter(Metadata.builder().withName("delivery_worker_failures")
                .withDescription("Failures a delivery worker caught and survived, by kind").build(),
                new Tag("kind", thrown.getClass().getSimpleName())).inc();
    }

    /** Claims given back to the database for another instance to take up. */
    public void givenBack(int count) {
        registry.counter(Metadata.builder().withName("deliveries_given_back")
                .withDescription("Claimed deliveries this instance gave back for other instances to take up").build())
                .inc(count);
    }
}
