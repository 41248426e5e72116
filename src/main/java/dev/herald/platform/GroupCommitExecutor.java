package dev.herald.platform;

import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;

/**
 * Defines the executor every {@link GroupCommit} of Herald writes its batches on: published
 * events (a lane per tenant) and delivery attempts. An EJB only so that the container reads
 * the definition; it has nothing to call.
 */
@ManagedExecutorDefinition(name = GroupCommitExecutor.JNDI_NAME, maxAsync = GroupCommitExecutor.BATCHES_AT_ONCE)
@Singleton
public class GroupCommitExecutor {

    public static final String JNDI_NAME = "java:app/concurrent/herald-group-commit";
    /** Batches written at the same moment; other lanes' batches wait for a thread. */
    static final int BATCHES_AT_ONCE = 16;
}
