package dev.herald.delivery.control;

import dev.herald.platform.Times;
import dev.herald.platform.logging.LogIds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Hands claimed deliveries to the delivery workers: {@link DeliverySettings#workers()}
 * long-running loops on a managed executor, fed by a queue that serves tenants in turn.
 * (Submitting one task per delivery made the container capture and restore thread context
 * for each, a cost as large as the delivery itself.) A claim that is never worked on, because
 * the process died, is simply left to run out: the pump claims it again then.
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

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryMetrics metrics;

    private final FairQueue queue = new FairQueue();
    private final AtomicInteger busy = new AtomicInteger();
    private final List<Future<?>> loops = new ArrayList<>();
    private volatile int sharedWith = 1;

    @PostConstruct
    void startWorkers() {
        for (int i = 0; i < settings.workers(); i++) {
            loops.add(executor.submit(this::work));
        }
    }

    @PreDestroy
    void stopWorkers() {
        loops.forEach(loop -> loop.cancel(true));
    }

    public void submit(Claim claim) {
        queue.add(claim);
    }

    /**
     * Queues the claims of deliveries just committed. As many as the workers can take at once
     * keep the payload they were made with, so that their workers read nothing; the rest, which
     * will wait, drop it and read it when taken up. The payloads held in memory thereby stay
     * within a round of work, whatever a burst or a fan-out brings.
     */
    public void submitNew(List<Claim> claims) {
        int mayCarry = freeWorkers();
        for (Claim claim : claims) {
            submit(mayCarry-- > 0 ? claim : claim.withoutPayload());
        }
    }

    /** One more attempt of a delivery now, under the same id (the API's and the console's redeliver). */
    public void redeliverNow(String tenantId, String deliveryId) {
        submit(ledger.redeliver(tenantId, deliveryId));
    }

    /**
     * Claims up to {@code limit} due deliveries and queues them for the workers. Two instances
     * may collide while claiming (a lock conflict on H2, a serialization error): that is
     * retried at once, each try in a transaction of its own.
     */
    @Retry(
            maxRetries = 3,
            delay = 50,
            jitter = 25,
            retryOn = {PersistenceException.class, TransactionalException.class})
    public int dispatchDue(int limit) {
        List<Claim> claims = ledger.claimDue(limit);
        claims.forEach(this::submit);
        return claims.size();
    }

    /** How many more deliveries the workers can take without queueing. */
    public int freeWorkers() {
        return Math.max(0, settings.workers() - busy.get() - queue.size());
    }

    /**
     * Whether more claims would only wait parked under the tenant and endpoint caps, or be given
     * back: alone, this instance keeps up to a tenant's backlog parked; beside others, one round
     * of work ({@link #fitTo}).
     */
    public boolean parkedIsFull() {
        return worker.parkedCount() >= (sharedWith < 2 ? settings.tenantBacklog() : settings.workers());
    }

    /**
     * Fits this instance to the number sharing the database: the tenant and endpoint caps are
     * divided among them, and while there are others, what this instance holds beyond a round
     * of work for its workers in its queue, and beyond as many again parked under a cap, is
     * given back to the database for any instance to claim, the newest of the biggest backlogs
     * first. Given back, it waits {@link DeliverySettings#busyHold()} as a delivery over its
     * tenant's backlog does, so that other tenants' due deliveries are claimed before the
     * big backlog's again. Alone, an instance keeps all it claimed.
     */
    public void fitTo(int instances) {
        sharedWith = instances;
        worker.shareCaps(instances);
        if (instances < 2) {
            return;
        }
        List<Claim> excess = new ArrayList<>(queue.shed(settings.workers()));
        excess.addAll(worker.unpark(settings.workers()));
        if (!excess.isEmpty()) {
            metrics.givenBack(excess.size());
            ledger.giveBack(excess, Times.now().plus(settings.busyHold()));
        }
    }

    /**
     * Gives back, in one statement, the deliveries the workers held back because their
     * tenant's caps and backlog were full: due {@link DeliverySettings#busyHold()} from now.
     */
    public void giveBackHeld() {
        List<Claim> held = worker.takeHeldBack();
        if (!held.isEmpty()) {
            ledger.giveBack(held, Times.now().plus(settings.busyHold()));
        }
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            Claim claim;
            try {
                claim = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            busy.incrementAndGet();
            try {
                worker.process(claim, this::submit);
            } catch (Throwable e) { // a worker loop must outlive anything one delivery throws
                // The claim runs out and the pump takes the delivery up again; the loop goes on.
                metrics.workerFailed(e);
                LogIds.delivery(claim.deliveryId())
                        .log(
                                LOG,
                                Level.SEVERE,
                                "Delivery " + claim.deliveryId()
                                        + " failed in its worker ("
                                        + e.getClass().getSimpleName()
                                        + "); the worker goes on and the pump retries it",
                                e);
            } finally {
                busy.decrementAndGet();
            }
        }
    }
}
