package dev.herald.events.boundary;

import dev.herald.events.control.DeferredEvents;
import dev.herald.events.control.EventsDeferred;
import dev.herald.platform.GroupCommitThreads;
import dev.herald.platform.TenantTasks;
import dev.herald.platform.logging.LogIds;
import dev.herald.problems.ProblemMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records a tenant's deferred events once the transaction that deferred them commits, one drain
 * of a tenant's at a time, on eight threads of their own ({@link GroupCommitThreads#deferredEvents}):
 * a drain that waits for its tenant's chain head holds one thread and one connection, and no
 * other tenant's work.
 * {@link DeferredEventsUpkeep} takes up what a drain left (an instance that died, a failure).
 */
@ApplicationScoped
public class DeferredEventsDrain {

    private static final Logger LOG = Logger.getLogger(DeferredEventsDrain.class.getName());
    /** Drains run one at a time per tenant; each takes every row there is, so one more waiting is enough. */
    private static final int WAITING_PER_TENANT = 1;

    private static final int WAITING_IN_ALL = 1_024;

    @Inject
    GroupCommitThreads threads;

    @Inject
    DeferredEvents deferred;

    /** Tenants with a drain submitted that has not started yet: a second would find nothing the first won't. */
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();

    private TenantTasks drains;

    @PostConstruct
    void lines() {
        drains = new TenantTasks(threads.deferredEvents(), 1, WAITING_PER_TENANT, WAITING_IN_ALL);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsDeferred deferredEvents) {
        drain(deferredEvents.tenantId());
    }

    /** Records the tenant's deferred events soon, unless a drain of them is about to start already. */
    public void drain(String tenantId) {
        if (!submitted.add(tenantId)) {
            return;
        }
        if (!drains.submit(tenantId, () -> recordAll(tenantId))) {
            submitted.remove(tenantId); // every line is full: the upkeep takes it up
        }
    }

    private void recordAll(String tenantId) {
        submitted.remove(tenantId); // events deferred from now on may need a drain of their own
        try {
            while (deferred.recordSome(tenantId) == DeferredEvents.BATCH) {
                // more may wait
            }
        } catch (RuntimeException e) {
            LogIds.tenant(tenantId)
                    .log(
                            LOG,
                            ProblemMapper.isTransient(e) ? Level.INFO : Level.WARNING,
                            "Recording the tenant's deferred events failed; the upkeep tries again",
                            e);
        }
    }
}
