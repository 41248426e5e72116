package dev.herald.events.control;

import dev.herald.access.control.RequestBodyRoom;
import dev.herald.audit.control.AuditedCall;
import dev.herald.catalog.control.EventCatalog;
import dev.herald.events.control.PublishBatches.Publication;
import dev.herald.platform.GroupCommit;
import dev.herald.platform.GroupCommitThreads;
import dev.herald.platform.TenantShares;
import dev.herald.problems.TooManyRequestsProblem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Group commit for published events: the events a tenant's clients publish at the same time
 * are recorded in one transaction, so they take the tenant's chain head once and commit (and
 * flush the database's log) once, instead of queueing on the head one commit after another.
 * Each tenant has a lane of its own. Every caller still gets its answer only after its own
 * event has committed, chained and sealed, so "202 means durable" holds.
 *
 * <p>A publish waits for its batch without a thread: a tenant keeping a thousand publishes open
 * held nearly all of an instance's 64 request threads while they waited, and every other
 * tenant's calls queued behind them. What bounds the waiting now is a count of its own, per
 * tenant and per instance ({@link TenantShares}); beyond it a publish is refused 429 at once.
 */
@ApplicationScoped
public class EventIngest {

    static final int MAX_BATCH = 256;
    /** How long a publish waits for its batch: far beyond any commit, short of a client's patience. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * Publishes of one tenant waiting for their batch on one instance, a place for each KiB of a
     * body {@code RequestBodyRoom} leaves uncounted (16 KiB or less; at least one place each): far
     * beyond what its batches take at once (256 small ones), so a busy client is never refused,
     * while a runaway one holds at most 1 MiB of such bodies, parsed. Counted one a publish, 1,024
     * publishes of 16 KiB dense values took some 600 MB (a larger body's bytes are bounded by
     * {@code RequestBodyRoom} until its answer is written, and take one place here).
     */
    static final int WAITING_PER_TENANT = 1024;

    /** Publishes of all tenants waiting on one instance: four runaway tenants' worth. */
    static final int WAITING_PER_INSTANCE = 4 * WAITING_PER_TENANT;

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private static final Metadata BATCH_SIZE = Metadata.builder()
            .withName("event_batch_size")
            .withDescription("Published events committed together, per batch")
            .build();

    @Inject
    GroupCommitThreads threads;

    @Inject
    EventCatalog catalog;

    @Inject
    PublishBatches batches;

    @Inject
    MetricRegistry metrics;

    private final Map<String, GroupCommit<Publication, RecordedEvent>> lanes = new ConcurrentHashMap<>();
    private final TenantShares waiting = new TenantShares(WAITING_PER_TENANT, WAITING_PER_INSTANCE);
    private Histogram batchSizes;

    /** Made once, here: Payara's registry is not safe to create a metric from two threads (tenants' lanes). */
    @PostConstruct
    void registerBatchSizes() {
        batchSizes = metrics.histogram(BATCH_SIZE);
    }

    /**
     * Records the event, and the audit entry of the call that published it, with whatever else
     * its tenant publishes meanwhile; the answer completes, on the thread that wrote the batch,
     * once both have committed.
     *
     * @throws TooManyRequestsProblem at once, when the tenant or the instance has as many publishes
     *                                waiting as it may
     */
    public CompletableFuture<RecordedEvent> publish(RaisedEvent raised, AuditedCall call, long bodyBytes) {
        // Checked before it joins a batch, where it would fail its batch-mates' first try.
        catalog.requirePublishable(raised.tenantId(), raised.type());
        TenantShares.Place place = waiting.take(
                raised.tenantId(),
                placesFor(bodyBytes),
                () -> new TooManyRequestsProblem(
                        "This tenant already has as many publishes waiting to be recorded on this instance as it"
                                + " may (" + WAITING_PER_TENANT + ", or fewer of larger bodies: one for each KiB up"
                                + " to 16); publish in batches (POST /events/batch) or try again after Retry-After",
                        RETRY_AFTER),
                () -> new TooManyRequestsProblem(
                        "This instance has as many publishes waiting to be recorded as it holds at once; "
                                + "try again after Retry-After",
                        RETRY_AFTER));
        try {
            return lanes.computeIfAbsent(
                            raised.tenantId(),
                            tenant -> new GroupCommit<>(batches::write, MAX_BATCH, batchSizes::update))
                    .submitAsync(new Publication(raised, call), threads.events(), WAIT)
                    .whenComplete((recorded, failure) -> place.close());
        } catch (RuntimeException refused) { // shutting down
            place.close();
            throw refused;
        }
    }

    /**
     * A place for each KiB of a body up to {@link RequestBodyRoom#UNCOUNTED_BYTES}, at least one;
     * one for a larger body (the room counts it); as many as the largest uncounted body takes when
     * its length is not known (chunked: it may be any size up to that).
     */
    static int placesFor(long bodyBytes) {
        int most = RequestBodyRoom.UNCOUNTED_BYTES / 1024;
        if (bodyBytes < 0) {
            return most;
        }
        return bodyBytes > RequestBodyRoom.UNCOUNTED_BYTES ? 1 : (int) Math.max(1, (bodyBytes + 1023) / 1024);
    }
}
