package dev.herald.delivery.boundary;

import dev.herald.cluster.control.Instances;
import dev.herald.delivery.control.DeliveryExecutor;
import dev.herald.delivery.control.DeliveryLedger;
import dev.herald.delivery.control.DeliverySettings;
import dev.herald.delivery.control.Dispatcher;
import dev.herald.delivery.control.PumpHeartbeat;
import dev.herald.platform.Times;
import dev.herald.platform.logging.LogIds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The timer-driven half of dispatch: every tick it claims due deliveries (retries whose
 * time has come, and anything a crash or a full queue left behind once its lease ran out)
 * as many as there are free workers, and hands them to the workers; beside other instances it
 * first gives back what it holds beyond a round of work, so that they share it. The schedule is data
 * in the database, so a restart loses nothing; the timer itself need not be persistent.
 */
// The workers, and the dispatcher's one loop that takes up ordered subjects' turns.
@ManagedExecutorDefinition(name = DeliveryExecutor.JNDI_NAME, maxAsync = DeliverySettings.MAX_WORKERS + 1)
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryPump {

    private static final Logger LOG = Logger.getLogger(DeliveryPump.class.getName());
    private static final long WAIT_FOR_WORKERS_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * How often, in ticks, ordered subjects' waiting deliveries are sorted out of the claims'
     * way and back ({@link DeliveryLedger#sortTurns}): each time reads the due deliveries once.
     * A delivery set aside is made due at once by the worker that ends the one before it; this
     * only bounds how long one waits when its predecessor ended elsewhere.
     */
    private static final int SORT_TURNS_EVERY_TICKS = 5;

    @Resource
    TimerService timerService;

    @Inject
    DeliverySettings settings;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Instances instances;

    @Inject
    PumpHeartbeat heartbeat;

    @Inject
    DeliveryLedger ledger;

    private int ticksSinceTurnsSorted;

    @PostConstruct
    void schedule() {
        long millis = settings.pollInterval().toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    @Timeout
    void tick() {
        heartbeat.ticked();
        try {
            Instant started = Times.now();
            dispatcher.readmitOrGiveBackParked(started);
            dispatcher.readmitOrGiveBackHeld(started);
            dispatcher.fitTo(instances.live(), started);
            if (++ticksSinceTurnsSorted >= SORT_TURNS_EVERY_TICKS) {
                ticksSinceTurnsSorted = 0;
                sortTurns(started);
            }
            claimWhileWorkersCanTakeIt(
                    System.nanoTime() + settings.pollInterval().toNanos() * 9 / 10);
        } catch (Throwable e) { // anything: an exception escaping a timeout callback cancels the timer
            // A lock conflict or a database hiccup: the next tick tries again.
            LogIds.none().log(LOG, Level.WARNING, "Claiming due deliveries failed", e);
        } finally {
            heartbeat.tickEnded();
        }
    }

    /** On its own: should it fail (a lock conflict), this tick's claims are made all the same. */
    private void sortTurns(Instant now) {
        try {
            ledger.sortTurns(now);
        } catch (RuntimeException e) {
            LogIds.none()
                    .log(
                            LOG,
                            Level.WARNING,
                            "Sorting ordered subjects' waiting deliveries failed; the next round tries again",
                            e);
        }
    }

    /**
     * Claims due deliveries, a batch at a time, for as long as the database has more and the
     * workers can take them: up to nine tenths of a poll interval, so that ticks do not overlap.
     * Claiming one batch a tick would drain a backlog kept in the database (a burst beyond a
     * tenant's backlog, retries after an outage) at no more than a batch a second, however fast
     * its receivers answer; claiming for half a poll interval left the workers idle for the other
     * half while such a backlog waited. It stops once the deliveries parked under the tenant and
     * endpoint caps are as many as this instance keeps: more would only wait too, or be given back.
     */
    private void claimWhileWorkersCanTakeIt(long deadlineNanos) {
        while (true) {
            int room = Math.min(dispatcher.freeWorkers(), settings.batchSize());
            if (room > 0 && dispatcher.dispatchDue(room) < room) {
                return; // nothing more is due
            }
            if (dispatcher.parkedIsFull() || System.nanoTime() >= deadlineNanos) {
                return;
            }
            if (room == 0) {
                // Every worker is busy: give them a moment to finish before looking again.
                LockSupport.parkNanos(WAIT_FOR_WORKERS_NANOS);
            }
        }
    }
}
