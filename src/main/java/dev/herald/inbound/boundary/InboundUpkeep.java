package dev.herald.inbound.boundary;

import dev.herald.inbound.control.InboundSettings;
import dev.herald.inbound.control.ReceiptProcessor;
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

    @Resource
    TimerService timerService;

    @Inject
    ReceiptProcessor processor;

    @Inject
    InboundSettings settings;

    @PostConstruct
    void schedule() {
        long millis = settings.upkeepInterval().toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void upkeep() {
        try {
            processor
                    .stuck(settings.stuckAfter(), BATCH)
                    .forEach(receiptId -> ReceiptDispatch.process(processor, receiptId));
            int forgotten = processor.forgetBodies(settings.bodyRetention());
            if (forgotten > 0) {
                LOG.fine(() -> forgotten + " receipt bodies past their retention dropped");
            }
        } catch (Throwable e) { // anything: an exception escaping a timeout callback cancels the timer
            LogIds.none().log(LOG, Level.WARNING, "Inbound upkeep failed; the next tick tries again", e);
        }
    }
}
