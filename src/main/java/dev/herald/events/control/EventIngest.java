package dev.herald.events.control;

import dev.herald.audit.control.AuditedCall;
import dev.herald.catalog.control.EventCatalog;
import dev.herald.events.control.PublishBatches.Publication;
import dev.herald.platform.GroupCommit;
import dev.herald.platform.GroupCommitThreads;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
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
 */
@ApplicationScoped
public class EventIngest {

    static final int MAX_BATCH = 256;
    /** How long a publish waits for its batch: far beyond any commit, short of a client's patience. */
    private static final Duration WAIT = Duration.ofSeconds(60);

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
    private Histogram batchSizes;

    /** Made once, here: Payara's registry is not safe to create a metric from two threads (tenants' lanes). */
    @PostConstruct
    void registerBatchSizes() {
        batchSizes = metrics.histogram(BATCH_SIZE);
    }

    /**
     * Records the event, and the audit entry of the call that published it, with whatever else
     * its tenant publishes meanwhile; answers once both have committed.
     */
    public RecordedEvent publish(RaisedEvent raised, AuditedCall call) {
        // Checked before it joins a batch, where it would fail its batch-mates' first try.
        catalog.requireKnown(raised.tenantId(), raised.type());
        return lanes.computeIfAbsent(
                        raised.tenantId(), tenant -> new GroupCommit<>(batches::write, MAX_BATCH, batchSizes::update))
                .submit(new Publication(raised, call), threads.events(), WAIT);
    }
}
