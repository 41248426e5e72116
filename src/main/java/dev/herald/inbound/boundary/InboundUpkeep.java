package dev.herald.inbound.boundary;

import dev.herald.inbound.control.InboundSettings;
import dev.herald.inbound.control.ReceiptProcessor;
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
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes up receipts whose processing was cut short (the instance died after answering the
 * sender) and forgets raw bodies past their retention. Both are idempotent, so a timer on
 * every instance is safe.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class InboundUpkeep {

    private static final Logger LOG = Logger.getLogger(InboundUpkeep.class.getName());
    private static final int BATCH = 100;
    /** The least of {@link #lookBack}: more than any two instances' clocks differ by. */
    private static final Duration LEAST_LOOK_BACK = Duration.ofHours(1);

    @Resource
    TimerService timerService;

    @Inject
    ReceiptProcessor processor;

    @Inject
    InboundSettings settings;

    @Inject
    ReceiptDispatch dispatch;

    /**
     * The retention's end at the last sweep that succeeded; null before the first since the
     * instance started (which looks at every receipt, for whatever its downtime left).
     */
    private Instant sweptUpTo;

    /**
     * How far before where the last sweep ended each sweep looks for bodies. A receipt is
     * received at its instance's now, so it enters that range as it passes the retention and
     * stays in it for two sweeps at least, however the instances' clocks differ within an hour.
     */
    private Duration lookBack;

    @PostConstruct
    void schedule() {
        long millis = settings.upkeepInterval().toMillis();
        Duration twoSweeps = settings.upkeepInterval().multipliedBy(2);
        lookBack = twoSweeps.compareTo(LEAST_LOOK_BACK) > 0 ? twoSweeps : LEAST_LOOK_BACK;
        timerService.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    /**
     * Where a sweep starts: where the last one ended, less the look-back; everywhere before the
     * first. It started at the look-back before this sweep's end, so an hour or more of failing
     * sweeps (a database outage) left the bodies received meanwhile kept for good, past their
     * retention, until a restart.
     */
    static Optional<Instant> sweepFrom(Instant sweptUpTo, Duration lookBack) {
        return Optional.ofNullable(sweptUpTo).map(end -> end.minus(lookBack));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void upkeep() {
        try {
            processor
                    .stuck(settings.stuckAfter(), BATCH)
                    .forEach(unfinished -> dispatch.takeUp(unfinished.receiptId(), unfinished.tenantId()));
            Instant before = Times.now().minus(settings.bodyRetention());
            int forgotten = processor.forgetBodies(sweepFrom(sweptUpTo, lookBack), before);
            sweptUpTo = before;
            if (forgotten > 0) {
                LOG.fine(() -> forgotten + " receipt bodies past their retention dropped");
            }
        } catch (Throwable e) { // anything: an exception escaping a timeout callback cancels the timer
            LogIds.none().log(LOG, Level.WARNING, "Inbound upkeep failed; the next tick tries again", e);
        }
    }
}
