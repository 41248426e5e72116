package dev.herald.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Herald's {@link GroupCommit}s write their batches on: a pool for published
 * events (a lane per tenant); one of its own for delivery attempts, so that tenants' bursts of
 * publishing, however heavy their fan-out, never hold up the logging of anyone's deliveries;
 * one for the audit trail (a lane per tenant too); and one for recording the events deferred
 * from the attempt log, whose drains may each wait for a tenant's chain head holding a
 * connection: eight threads, so such waits never take the pool's 30 connections, and eight
 * tenants' held heads at once delay the others' (never lose them).
 * <p>
 * Plain pools on threads from the container's default managed thread factory: such a thread
 * takes the application's context once, when it is made. A managed executor captures it for
 * every task, and a lane starts a task each time a batch finds it idle; Payara's capture
 * searches the application's jars for context providers every time (1.7 % of the CPU under
 * single publishes). Threads end after a minute idle.
 */
@ApplicationScoped
public class GroupCommitThreads {

    /** Tenants whose event batches are written at the same moment; other tenants' batches wait for a thread. */
    private static final int EVENT_BATCHES_AT_ONCE = 16;

    private static final int ATTEMPT_BATCHES_AT_ONCE = 2;
    private static final int AUDIT_BATCHES_AT_ONCE = 4;
    private static final int DEFERRED_DRAINS_AT_ONCE = 8;

    /** The container's default, {@code java:comp/DefaultManagedThreadFactory}. */
    @Resource
    ManagedThreadFactory threadFactory;

    private ThreadPoolExecutor events;
    private ThreadPoolExecutor attempts;
    private ThreadPoolExecutor audit;
    private ThreadPoolExecutor deferred;

    @PostConstruct
    void start() {
        events = pool("herald-event-batches-", EVENT_BATCHES_AT_ONCE);
        attempts = pool("herald-attempt-batches-", ATTEMPT_BATCHES_AT_ONCE);
        audit = pool("herald-audit-batches-", AUDIT_BATCHES_AT_ONCE);
        deferred = pool("herald-deferred-events-", DEFERRED_DRAINS_AT_ONCE);
    }

    /** A batch in progress finishes; a lane that would start one afterwards is refused and says so. */
    @PreDestroy
    void stop() {
        List.of(events, attempts, audit, deferred).forEach(ThreadPoolExecutor::shutdown);
    }

    public Executor events() {
        return events;
    }

    public Executor attempts() {
        return attempts;
    }

    public Executor audit() {
        return audit;
    }

    public Executor deferredEvents() {
        return deferred;
    }

    private ThreadPoolExecutor pool(String namePrefix, int threads) {
        AtomicInteger made = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), work -> {
                    Thread thread = threadFactory.newThread(work);
                    thread.setName(namePrefix + made.incrementAndGet());
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
