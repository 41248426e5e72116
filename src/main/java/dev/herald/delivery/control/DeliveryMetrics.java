package dev.herald.delivery.control;

import dev.herald.platform.Times;
import dev.herald.platform.logging.LogIds;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * What operators watch at {@code /metrics} (docs/operations.md lists every name, and
 * docs/grafana/herald.json draws them): attempts by outcome, attempt latency, the number of
 * deliveries waiting (the queue depth) and how long the oldest due one has waited.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private static final Logger LOG = Logger.getLogger(DeliveryMetrics.class.getName());

    @Inject
    MetricRegistry registry;

    @Inject
    DeliveryQueries queries;

    /** How old the queue's figures may be: a scrape every second must not count the queue every second. */
    private static final long QUEUE_READING_MAX_AGE_NANOS =
            Duration.ofSeconds(10).toNanos();

    /** Past this many, {@code deliveries_pending} reads this many: a backlog too large to count on a scrape. */
    static final int PENDING_COUNTED_UP_TO = 100_000;

    private record QueueReading(long pending, long oldestDueAgeSeconds) {}

    private QueueReading queue = new QueueReading(0, 0);
    private Timer attemptDuration;
    /** The attempt counters by outcome, looked up here: the registry's lookup cost each attempt a metadata built and matched. */
    private Map<String, Counter> attemptCounters;
    /** Starts out stale, so the first scrape reads. */
    private long queueReadAt = System.nanoTime() - QUEUE_READING_MAX_AGE_NANOS - 1;

    /**
     * Creates this bean when the application starts, so that the counters' series exist from the
     * start, at 0, and a rate over them is never empty.
     */
    void createAtStart(@Observes Startup startup) {}

    @PostConstruct
    void registerMetrics() {
        Map<String, Counter> counters = new HashMap<>();
        for (String outcome : List.of("succeeded", "retrying", "failed")) {
            counters.put(outcome, attempts(outcome));
        }
        attemptCounters = Map.copyOf(counters);
        for (String reason : List.of("busy", "throttled")) {
            heldCounter(reason);
        }
        // Created once, here: Payara creates a timer with configured buckets unsafely, and the
        // first attempts of many workers at once failed after their requests went out.
        attemptDuration = registry.timer(Metadata.builder()
                .withName("delivery_attempt_duration")
                .withDescription("Time from sending a delivery to its answer")
                .withUnit(MetricUnits.MILLISECONDS)
                .build());
        registry.gauge(
                Metadata.builder()
                        .withName("deliveries_pending")
                        .withDescription("Deliveries waiting for an attempt or a retry (read at most every 10 s)")
                        .build(),
                () -> readQueue().pending());
        registry.gauge(
                Metadata.builder()
                        .withName("deliveries_oldest_due_age")
                        .withUnit(MetricUnits.SECONDS)
                        .withDescription("How long the longest-waiting due delivery has been due; 0 when none is "
                                + "(read at most every 10 s)")
                        .build(),
                () -> readQueue().oldestDueAgeSeconds());
    }

    /**
     * The last reading, renewed when older than 10 s. A reading that fails (the database is
     * away) keeps the last one: a gauge that throws makes Payara leave the application's other
     * metrics out of the scrape.
     */
    private synchronized QueueReading readQueue() {
        long now = System.nanoTime();
        if (now - queueReadAt > QUEUE_READING_MAX_AGE_NANOS) {
            queueReadAt = now;
            try {
                Instant current = Times.now();
                queue = new QueueReading(
                        queries.pendingCount(PENDING_COUNTED_UP_TO),
                        queries.oldestDue()
                                .filter(due -> due.isBefore(current))
                                .map(due -> Duration.between(due, current).toSeconds())
                                .orElse(0L));
            } catch (RuntimeException e) {
                LogIds.none()
                        .log(
                                LOG,
                                Level.WARNING,
                                "Reading the delivery queue for /metrics failed; the last reading stays",
                                e);
            }
        }
        return queue;
    }

    /** @param outcome succeeded, retrying or failed */
    public void attempted(String outcome, long responseTimeMs) {
        attemptCounters.get(outcome).inc();
        attemptDuration.update(Duration.ofMillis(responseTimeMs));
    }

    /**
     * A delivery put back without an attempt: {@code busy} when its tenant's or endpoint's cap
     * was full, {@code throttled} by its subscription's rate limit or quota.
     */
    public void held(String reason) {
        heldCounter(reason).inc();
    }

    private Counter heldCounter(String reason) {
        return registry.counter(
                Metadata.builder()
                        .withName("deliveries_held")
                        .withDescription("Deliveries put back to wait without an attempt, by reason")
                        .build(),
                new Tag("reason", reason));
    }

    private Counter attempts(String outcome) {
        return registry.counter(
                Metadata.builder()
                        .withName("delivery_attempts")
                        .withDescription("Delivery attempts by what they came to")
                        .build(),
                new Tag("outcome", outcome));
    }

    /** A worker loop caught what a delivery threw, and went on. */
    public void workerFailed(Throwable thrown) {
        registry.counter(
                        Metadata.builder()
                                .withName("delivery_worker_failures")
                                .withDescription("Failures a delivery worker caught and survived, by kind")
                                .build(),
                        new Tag("kind", thrown.getClass().getSimpleName()))
                .inc();
    }

    /** Claims given back to the database for another instance to take up. */
    public void givenBack(int count) {
        registry.counter(Metadata.builder()
                        .withName("deliveries_given_back")
                        .withDescription("Claimed deliveries this instance gave back for other instances to take up")
                        .build())
                .inc(count);
    }
}
