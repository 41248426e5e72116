package dev.herald.platform;

import java.util.concurrent.Executor;

/**
 * Work done off the request's thread on an executor that every tenant shares (the instance's
 * default, 200 threads, which the inbound webhooks' processing and the endpoints' handshakes
 * use): at most {@code runningPerTenant} of a tenant's tasks run at once, the next wait in the
 * tenant's own line ({@link CallsAtOnce}), so one tenant's slow tasks, or a thousand of them,
 * take a few of the threads and never the others' turn.
 */
public final class TenantTasks {

    private final Executor executor;
    private final CallsAtOnce<Runnable> turns;

    public TenantTasks(Executor executor, int runningPerTenant, int waitingPerTenant, int waitingInAll) {
        this.executor = executor;
        this.turns = new CallsAtOnce<>(runningPerTenant, waitingPerTenant, waitingInAll);
    }

    /**
     * Runs the task now or after the tenant's earlier ones; answers false, running nothing, when
     * the tenant's line or all lines together are full.
     */
    public boolean submit(String tenantId, Runnable task) {
        return switch (turns.enter(tenantId, () -> task)) {
            case RUN -> {
                run(tenantId, task);
                yield true;
            }
            case WAITING -> true;
            case FULL -> false;
        };
    }

    private void run(String tenantId, Runnable task) {
        executor.execute(() -> {
            try {
                task.run();
            } finally {
                Runnable next = turns.leave(tenantId);
                if (next != null) {
                    run(tenantId, next);
                }
            }
        });
    }
}
