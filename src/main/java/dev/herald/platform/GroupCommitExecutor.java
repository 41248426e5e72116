package dev.herald.platform;

import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;

/**
 * Defines the executors Herald's {@link GroupCommit}s write their batches on: one for
 * published events (a lane per tenant), and one of its own for delivery attempts, so that
 * tenants' bursts of publishing, however heavy their fan-out, never hold up the logging of
 * anyone's deliveries; and one for the audit trail (a lane per tenant too).
 * An EJB only so that the container reads the definitions; it has nothing to call.
 */
@ManagedExecutorDefinition(name = GroupCommitExecutor.EVENTS, maxAsync = GroupCommitExecutor.EVENT_BATCHES_AT_ONCE)
@ManagedExecutorDefinition(name = GroupCommitExecutor.ATTEMPTS, maxAsync = 2)
@ManagedExecutorDefinition(name = GroupCommitExecutor.AUDIT, maxAsync = 4)
@Singleton
public class GroupCommitExecutor {

    public static final String EVENTS = "java:app/concurrent/herald-event-batches";
    public static final String ATTEMPTS = "java:app/concurrent/herald-attempt-batches";
    public static final String AUDIT = "java:app/concurrent/herald-audit-batches";
    /** Tenants whose event batches are written at the same moment; other tenants' batches wait for a thread. */
    static final int EVENT_BATCHES_AT_ONCE = 16;
}
