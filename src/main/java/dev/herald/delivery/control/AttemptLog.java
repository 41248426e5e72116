package dev.herald.delivery.control;

import dev.herald.platform.GroupCommit;
import dev.herald.platform.GroupCommitThreads;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Logs the workers' attempts by group commit: the attempts that finish while a batch is being
 * written are written together in the next one ({@link DeliveryLedger#recordAll}), one
 * transaction and one commit for many deliveries. A worker goes on only once its own attempt
 * is durable, so a delivery of an ordered subject is never claimed before the one ahead of it
 * is recorded.
 */
@ApplicationScoped
public class AttemptLog {

    private static final int MAX_BATCH = 64;
    /** How long a worker waits for its attempt to be logged; past it the claim runs out and the pump retries. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final Metadata BATCH_SIZE = Metadata.builder()
            .withName("attempt_batch_size")
            .withDescription("Delivery attempts logged together, per batch")
            .build();

    @Inject
    GroupCommitThreads threads;

    @Inject
    AttemptBatches batches;

    @Inject
    MetricRegistry metrics;

    private GroupCommit<FinishedAttempt, Boolean> lane;

    @PostConstruct
    void createLane() {
        // The histogram is made once, here: Payara's registry is not safe to create a metric from two threads.
        Histogram batchSizes = metrics.histogram(BATCH_SIZE);
        lane = new GroupCommit<>(batches::write, MAX_BATCH, batchSizes::update);
    }

    /** Logs the attempt with whatever else finishes meanwhile; returns once it has committed. */
    public void record(FinishedAttempt finished) {
        lane.submit(finished, threads.attempts(), WAIT);
    }
}
