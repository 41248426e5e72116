package dev.herald.cluster.boundary;

import dev.herald.cluster.control.ClusterSettings;
import dev.herald.cluster.control.Instances;
import dev.herald.platform.logging.LogIds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Keeps this instance's row in {@code instances} fresh, so that every instance sharing the
 * database knows how many share its limits; a clean stop removes the row.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InstanceHeartbeat {

    private static final Logger LOG = Logger.getLogger(InstanceHeartbeat.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    ClusterSettings settings;

    @Inject
    Instances instances;

    @Inject
    MetricRegistry registry;

    private int lastCount;

    @PostConstruct
    void join() {
        lastCount = instances.join();
        LogIds.none()
                .log(
                        LOG,
                        Level.INFO,
                        "Herald instance " + settings.instanceId() + " on " + settings.host() + " joined; " + lastCount
                                + " instance(s) share the database");
        // Prometheus tells scrape targets apart by its own "instance" label; this names the
        // instance as Herald's logs and attempt log do.
        registry.gauge(
                Metadata.builder()
                        .withName("instances_live")
                        .withDescription("Herald instances sharing the database, as this instance last counted them")
                        .build(),
                instances::live,
                new Tag("herald_instance", settings.instanceId()));
        long millis = settings.heartbeat().toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    @Timeout
    void beat() {
        try {
            int count = instances.beat();
            if (count != lastCount) {
                LogIds.none()
                        .log(
                                LOG,
                                Level.INFO,
                                "Herald instance " + settings.instanceId() + ": " + count
                                        + " instance(s) now share the database (were " + lastCount + ")");
                lastCount = count;
            }
        } catch (Throwable e) { // anything: an exception escaping a timeout callback cancels the timer
            LogIds.none()
                    .log(
                            LOG,
                            Level.WARNING,
                            "Herald instance " + settings.instanceId() + " could not renew its heartbeat",
                            e);
        }
    }

    @PreDestroy
    void leave() {
        try {
            instances.leave();
        } catch (RuntimeException e) {
            // Stopping anyway: the row goes silent and the others stop counting it after five beats.
            LOG.log(Level.FINE, "Could not remove this instance's row on the way down", e);
        }
    }
}
