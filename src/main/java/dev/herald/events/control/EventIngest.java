package dev.herald.events.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Group commit for published events: the events a tenant's clients publish at the same time
 * are recorded in one transaction, so they take the tenant's chain head once and commit (and
 * flush the database's log) once, instead of queueing on the head one commit after another.
 * Each tenant has a lane; while one batch commits, the publishes that arrive queue, and the
 * next batch takes them all (up to {@link #MAX_BATCH}). No publish waits for a timer: a lone
 * event is recorded at once, in a batch of one. Every caller still gets its answer only after
 * its own event has committed, chained and sealed, so "202 means durable" holds.
 */
@ApplicationScoped
public class EventIngest {

    static final int MAX_BATCH = 256;
    /** How long a publish waits for its batch: far beyond any commit, short of a client's patience. */
    private static final long WAIT_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(EventIngest.class.getName());
    private static final Metadata BATCH_SIZE = Metadata.builder().withName("event_batch_size")
            .withDescription("Published events committed together, per batch").build();

    @Resource(lookup = IngestExecutor.JNDI_NAME)
    ManagedExecutorService executor;

    @Inject
    EventLog eventLog;

    @Inject
    MetricRegistry metrics;

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    /** Records the event with whatever else its tenant publishes meanwhile; answers once it has committed. */
    public RecordedEvent publish(RaisedEvent raised) {
        // Checked before it joins a batch, where it would fail its batch-mates' first try.
        eventLog.requireKnownType(raised);
        Pending pending = new Pending(raised, new CompletableFuture<>());
        Lane lane = lanes.computeIfAbsent(raised.tenantId(), tenant -> new Lane());
        lane.queue.add(pending);
        if (lane.flushing.compareAndSet(false, true)) {
            try {
                executor.execute(() -> flush(lane));
            } catch (RuntimeException rejected) { // shutting down: the lane must not stay marked as flushing
                lane.flushing.set(false);
                lane.queue.remove(pending);
                throw rejected;
            }
        }
        try {
            return pending.outcome().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The event was not recorded within " + WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the event was recorded", e);
        }
    }

    private record Pending(RaisedEvent raised, CompletableFuture<RecordedEvent> outcome) {
    }

    /** A tenant's publishes waiting for the next batch, and whether a batch is being written. */
    private static final class Lane {
        final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean flushing = new AtomicBoolean();

        List<Pending> drain() {
            List<Pending> batch = new ArrayList<>();
            Pending next;
            while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            return batch;
        }
    }

    private void flush(Lane lane) {
        while (true) {
            List<Pending> batch = lane.drain();
            if (batch.isEmpty()) {
                lane.flushing.set(false);
                // A publish that queued after the drain but saw the flag still set is taken here.
                if (lane.queue.isEmpty() || !lane.flushing.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<RecordedEvent> recorded = eventLog.recordAll(batch.stream().map(Pending::raised).toList());
            metrics.histogram(BATCH_SIZE).update(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(recorded.get(i));
            }
        } catch (Throwable failed) { // anything: a caller must never wait for an answer that is not coming
            if (batch.size() == 1) {
                batch.get(0).outcome().completeExceptionally(failed);
                return;
            }
            // One event spoiled the batch (a key another request holds, a database error): each on its own.
            LOG.log(Level.FINE, "A batch of events failed; recording them one by one", failed);
            for (Pending pending : batch) {
                write(List.of(pending));
            }
        }
    }
}
