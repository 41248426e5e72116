package dev.herald.platform;

import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedThreadFactoryDefinition;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads Herald's {@link GroupCommit}s write their batches on. Each user keeps a pool of
 * its own, so that tenants' bursts of publishing, however heavy their fan-out, never hold up
 * the logging of anyone's deliveries: published events (a lane per tenant), delivery attempts,
 * and the audit trail (a lane per tenant too).
 *
 * <p>Pools of threads from a managed thread factory rather than managed executors: a managed
 * executor captures the submitter's context for every task, which in Payara scans the class
 * path for context providers, and a lane hands its pool a task each time it starts writing
 * again (1.7 % of all CPU samples under single publishes went to those scans; docs/benchmarks.md,
 * 2026-12-03). A thread from the factory takes Herald's context once, when it is made, and
 * stays for a minute between batches.
 *
 * <p>An EJB only so that the container reads the definition; it has nothing to call.
 */
@ManagedThreadFactoryDefinition(name = GroupCommitThreads.FACTORY)
@Singleton
public class GroupCommitThreads {

    public static final String FACTORY = "java:app/concurrent/herald-group-commit-threads";
    /** Tenants whose event batches are written at the same moment; other tenants' batches wait for a thread. */
    public static final int EVENT_BATCHES_AT_ONCE = 16;

    public static final int ATTEMPT_BATCHES_AT_ONCE = 2;
    public static final int AUDIT_BATCHES_AT_ONCE = 4;

    private static final long IDLE_SECONDS = 60;

    /** Up to {@code atOnce} writers, made as batches need them and ended after a minute with none. */
    public static ExecutorService pool(ThreadFactory factory, int atOnce) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                atOnce, atOnce, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
