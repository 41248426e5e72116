package dev.herald.events.control;

import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;

/**
 * Defines the executor {@link EventIngest} writes its batches on. An EJB only so that the
 * container reads the definition; it has nothing to call.
 */
@ManagedExecutorDefinition(name = IngestExecutor.JNDI_NAME, maxAsync = IngestExecutor.LANES_AT_ONCE)
@Singleton
public class IngestExecutor {

    static final String JNDI_NAME = "java:app/concurrent/herald-ingest";
    /** Tenants whose batches are written at the same moment; other tenants' batches wait for a thread. */
    static final int LANES_AT_ONCE = 16;
}
