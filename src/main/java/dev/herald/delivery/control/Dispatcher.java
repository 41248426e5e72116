package dev.herald.delivery.control;

import dev.herald.platform.logging.LogIds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
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

    private static final int MAX_TURNS_WAITING = 10_000;

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

    /**
     * Ordered subjects whose new deliveries were set aside, to be looked at again now that they
     * are committed. A worker that ends a subject's delivery claims the next one at once, but
     * one set aside by a publish still committing is not yet there to be seen: it waited for the
     * pump's next sorting of turns, every five ticks (five seconds by default); on PostgreSQL,
     * whose commits take longer, OrderedTurnsIT's subjects did (it timed out on the code before).
     * Bounded: beyond it a subject waits for that sorting, as before.
     */
    private final BlockingQueue<String> turnsToTake = new LinkedBlockingQueue<>(MAX_TURNS_WAITING);

    private final FairQueue queue = new FairQueue();
    private final AtomicInteger busy = new AtomicInteger();
    private final List<Future<?>> loops = new ArrayList<>();
    private volatile int sharedWith = 1;

    @PostConstruct
    void startWorkers() {
        for (int i = 0; i < settings.workers(); i++) {
            loops.add(executor.submit(this::work));
        }
        loops.add(executor.submit(this::takeTurns));
    }

    @PreDestroy
    void stopWorkers() {
        loops.forEach(loop -> loop.cancel(true));
    }

    /**
     * Queues the claim for the workers. It keeps the payload it carries while the queue's
     * {@link PayloadBudget} has room, so that its worker reads nothing; beyond it, it drops the
     * payload and its worker reads it. (Keeping payloads for only as many new claims as the
     * workers could take at once left most of a batch publish's deliveries reading their rows
     * again: a quarter of Herald's CPU under batch publishes.)
     */
    public void submit(Claim claim) {
        queue.add(claim);
    }

    /** Looks again, soon, whether each of these ordered subjects' next delivery may go now. */
    public void takeTurnsOf(Set<String> orderingKeys) {
        orderingKeys.forEach(turnsToTake::offer);
    }

    /** One more attempt of a delivery now, under the same id (the API's and the console's redeliver). */
    public void redeliverNow(String tenantId, String deliveryId) {
        submit(ledger.redeliver(tenantId, deliveryId));
    }

    /**
     * Claims up to {@code limit} due deliveries, of tenants whose backlog has room, and queues
     * them for the workers. Two instances may collide while claiming (a lock conflict on H2, a
     * serialization error): that is retried at once, each try in a transaction of its own.
     */
    @Retry(
            maxRetries = 3,
            delay = 50,
            jitter = 25,
            retryOn = {PersistenceException.class, TransactionalException.class})
    public int dispatchDue(int limit) {
        List<Claim> claims = ledger.claimDue(limit, worker.fullBacklogs());
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
    public void fitTo(int instances, Instant tickStarted) {
        sharedWith = instances;
        worker.shareCaps(instances);
        if (instances < 2) {
            return;
        }
        List<Claim> excess = new ArrayList<>(queue.shed(settings.workers()));
        excess.addAll(worker.unpark(settings.workers()));
        if (!excess.isEmpty()) {
            metrics.givenBack(excess.size());
            ledger.giveBack(excess, tickStarted.plus(settings.busyHold()));
        }
    }

    /**
     * Settles the deliveries parked under the tenant and endpoint caps ({@link InFlightLimits#settle}):
     * those with a place free now go back to the workers; those parked for half their lease go
     * back to the database, due {@link DeliverySettings#busyHold()} after the tick started, to be
     * claimed again under a new lease.
     */
    public void readmitOrGiveBackParked(Instant tickStarted) {
        InFlightLimits.Settled settled = worker.settleParked(tickStarted);
        settled.withRoom().forEach(this::submit);
        if (!settled.ageing().isEmpty()) {
            metrics.givenBack(settled.ageing().size());
            ledger.giveBack(settled.ageing(), tickStarted.plus(settings.busyHold()));
        }
    }

    /**
     * Settles the deliveries the workers held back because their tenant's caps and backlog were
     * full: as many as the tenant's backlog has room for now, beside its claims already queued,
     * go back to the workers' queue (nothing read, nothing written); the rest are given back to
     * the database in one statement, due {@link DeliverySettings#busyHold()} after the tick
     * started (with the default, one poll interval: at the next tick's start). Giving
     * back all of them left a burst beyond the backlog waiting out the hold while the workers
     * had nothing to do: the last third of a burst of 8,000 events' delivery time on H2.
     */
    public void readmitOrGiveBackHeld(Instant tickStarted) {
        List<Claim> noRoom = readmitWhereRoom(
                worker.takeHeldBack(), tenant -> worker.backlogRoom(tenant) - queue.queued(tenant), this::submit);
        if (!noRoom.isEmpty()) {
            ledger.giveBack(noRoom, tickStarted.plus(settings.busyHold()));
        }
    }

    /**
     * Hands to {@code readmit}, in order, the claims their tenant has room for ({@code roomOf},
     * asked once a tenant); answers the others.
     */
    static List<Claim> readmitWhereRoom(List<Claim> held, ToIntFunction<String> roomOf, Consumer<Claim> readmit) {
        Map<String, Integer> room = new HashMap<>();
        List<Claim> noRoom = new ArrayList<>();
        for (Claim claim : held) {
            int left = room.computeIfAbsent(claim.tenantId(), roomOf::applyAsInt);
            if (left > 0) {
                room.put(claim.tenantId(), left - 1);
                readmit.accept(claim);
            } else {
                noRoom.add(claim);
            }
        }
        return noRoom;
    }

    /**
     * Runs one delivery's work so that nothing it throws ends the worker loop, not even what
     * telling of it throws (a counter made at that moment, or an out-of-memory error again):
     * workers are started once, and a loop that ended would shrink the pool unseen.
     */
    static void surviving(Runnable work, Consumer<Throwable> tell) {
        try {
            work.run();
        } catch (Throwable failed) {
            try {
                tell.accept(failed);
            } catch (Throwable tellingFailed) {
                // Nothing is left to tell it with; the loop goes on.
            }
        }
    }

    /**
     * One loop beside the workers: claims each waiting subject's next delivery if the one ahead
     * of it has ended, each in a transaction of its own. What fails here the pump's sorting of
     * turns makes good.
     */
    private void takeTurns() {
        while (!Thread.currentThread().isInterrupted()) {
            Set<String> keys = new LinkedHashSet<>();
            try {
                keys.add(turnsToTake.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            turnsToTake.drainTo(keys);
            for (String key : keys) {
                surviving(
                        () -> ledger.claimNextInOrder(key).ifPresent(this::submit),
                        e -> LOG.log(Level.FINE, "Taking up an ordered subject's turn failed; the pump sorts it", e));
            }
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
                // The claim of a delivery that throws runs out and the pump takes it up again.
                surviving(() -> worker.process(claim, this::submit), e -> {
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
                });
            } finally {
                busy.decrementAndGet();
            }
        }
    }
}
