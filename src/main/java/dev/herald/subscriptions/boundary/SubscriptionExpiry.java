package dev.herald.subscriptions.boundary;

import dev.herald.platform.Times;
import dev.herald.platform.logging.LogIds;
import dev.herald.subscriptions.control.SubscriptionSettings;
import dev.herald.subscriptions.control.SubscriptionValidation;
import dev.herald.subscriptions.control.Subscriptions;
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
 * Deactivates subscriptions whose {@code expiresAt} has passed, and deletes those whose
 * endpoint never confirmed them within the validation window. Both are idempotent
 * statements, so a non-persistent timer on every instance is safe and a restart loses nothing.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class SubscriptionExpiry {

    private static final Logger LOG = Logger.getLogger(SubscriptionExpiry.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    Subscriptions subscriptions;

    @Inject
    SubscriptionValidation validation;

    @Inject
    SubscriptionSettings settings;

    @PostConstruct
    void schedule() {
        long millis = settings.expiryCheckInterval().toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    /**
     * Without a container transaction: one that fails to commit (the database is down) counts
     * as a failed timeout, and Payara cancels a timer after two of those, for good.
     */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void expireDue() {
        try {
            int expired = subscriptions.expireDue(Times.now());
            int unconfirmed = validation.deleteUnconfirmed(Times.now());
            if (expired + unconfirmed > 0) {
                LogIds.none()
                        .log(
                                LOG,
                                Level.INFO,
                                expired + " subscription(s) expired, " + unconfirmed
                                        + " deleted for want of endpoint validation");
            }
        } catch (Throwable e) { // anything: an exception escaping a timeout callback cancels the timer
            // The next tick tries again.
            LogIds.none().log(LOG, Level.WARNING, "Expiring subscriptions failed", e);
        }
    }
}
