package dev.herald.delivery.boundary;

import dev.herald.cluster.control.Instances;
import dev.herald.delivery.control.DeliveryExecutor;
import dev.herald.delivery.control.DeliverySettings;
import dev.herald.delivery.control.Dispatcher;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The timer-driven half of dispatch: every tick it claims due deliveries (retries whose
 * time has come, and anything a crash or a full queue left behind once its lease ran out)
 * as many as there are free workers, and hands them to the workers; beside other instances it
 * first gives back what it holds beyond a round of work, so that they share it. The schedule is data
 * in the database, so a restart loses nothing; the timer itself need not be persistent.
 */
@ManagedExecutorDefinition(name = DeliveryExecutor.JNDI_NAME, maxAsync = DeliverySettings.MAX_WORKERS)
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryPump {

    private static final Logger LOG = Logger.getLogger(DeliveryPump.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    DeliverySettings settings;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Instances instances;

    @PostConstruct
    void schedule() {
        long millis = settings.pollInterval().toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    @Timeout
    void tick() {
        try {
            dispatcher.fitTo(instances.live());
            int room = Math.min(dispatcher.freeWorkers(), settings.batchSize());
            if (room == 0) {
                return;
            }
            dispatcher.dispatchDue(room);
        } catch (Throwable e) { // anything: an exception escaping a timeout callback cancels the timer
            // A lock conflict or a database hiccup: the next tick tries again.
            LOG.log(Level.WARNING, "Claiming due deliveries failed", e);
        }
    }
}
