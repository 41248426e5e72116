package dev.herald.events.boundary;

import dev.herald.events.control.DeferredEvents;
import dev.herald.platform.Times;
import dev.herald.platform.logging.LogIds;
import jakarta.annotation.PostConstruct;
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
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes up deferred events no drain recorded: the instance that committed them died first, or
 * their drain failed. Taking one up twice is harmless (a row is recorded once, by whoever locks
 * it), so a timer on every instance is safe.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class DeferredEventsUpkeep {

    private static final Logger LOG = Logger.getLogger(DeferredEventsUpkeep.class.getName());
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    /** Far beyond a drain's usual milliseconds, so the upkeep rarely races a drain under way. */
    private static final Duration LEFT_AFTER = Duration.ofSeconds(5);

    @Resource
    TimerService timerService;

    @Inject
    DeferredEvents deferred;

    @Inject
    DeferredEventsDrain drain;

    @PostConstruct
    void schedule() {
        long millis = INTERVAL.toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void upkeep() {
        try {
            deferred.tenantsWaitingSince(Times.now().minus(LEFT_AFTER)).forEach(drain::drain);
        } catch (Throwable e) { // anything: an exception escaping a timeout callback cancels the timer
            LogIds.none().log(LOG, Level.WARNING, "Taking up deferred events failed; the next tick tries again", e);
        }
    }
}
