package dev.herald.delivery.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Hands claimed deliveries to the delivery workers (a managed executor). A claim whose
 * hand-off fails is simply left to run out: the pump claims it again then.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    @Resource(lookup = DeliveryExecutor.JNDI_NAME)
    ManagedExecutorService executor;

    @Inject
    DeliveryWorker worker;

    @Inject
    DeliveryLedger ledger;

    private final AtomicInteger inFlight = new AtomicInteger();

    public void submit(Claim claim) {
        inFlight.incrementAndGet();
        try {
            executor.execute(() -> run(claim));
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            LOG.log(Level.WARNING, "Delivery workers refused a delivery; the pump retries it", e);
        }
    }

    private void run(Claim claim) {
        try {
            worker.process(claim, this::submit);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Delivery " + claim.deliveryId() + " failed in its worker; the pump retries it", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Claims up to {@code limit} due deliveries and hands them to the workers. Two instances
     * may collide while claiming (a lock conflict on H2, a serialization error): that is
     * retried at once, each try in a transaction of its own.
     */
    @Retry(maxRetries = 3, delay = 50, jitter = 25, retryOn = {PersistenceException.class, TransactionalException.class})
    public int dispatchDue(int limit) {
        List<Claim> claims = ledger.claimDue(limit);
        claims.forEach(this::submit);
        return claims.size();
    }

    /** How many more deliveries the workers can take without queueing. */
    public int freeWorkers() {
        return Math.max(0, DeliverySettings.WORKERS - inFlight.get());
    }
}
