package dev.herald.governance.expiry.boundary;

import dev.herald.governance.GovernanceSettings;
import dev.herald.governance.approval.control.Approvals;
import dev.herald.governance.license.control.Licenses;
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
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Expires approvals and license leases whose time has passed. The due work is data (status
 * and expiresAt), so a non-persistent timer on every instance is enough: a restart finds what
 * fell due while Herald was down, and each expiry locks its row and checks it again in its own
 * transaction, so several instances raise each {@code *.expired} exactly once.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class GovernanceExpiry {

    private static final Logger LOG = Logger.getLogger(GovernanceExpiry.class.getName());
    private static final int BATCH = 100;
    private static final Duration LONGEST_TICK = Duration.ofMinutes(1);

    @Resource
    TimerService timerService;

    @Inject
    Approvals approvals;

    @Inject
    Licenses licenses;

    @Inject
    GovernanceSettings settings;

    @PostConstruct
    void schedule() {
        long millis = settings.expiryCheckInterval().toMillis();
        timerService.createIntervalTimer(0, millis, new TimerConfig(null, false));
    }

    /**
     * Without a transaction of its own: every expiry commits (or fails) alone. Batches follow
     * each other while they come back full and expire something, up to the interval (a minute
     * at most): one batch a tick expired at most 200 a minute at the default interval, so a
     * backlog of thousands due at once took hours.
     */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void expireDue() {
        try {
            Instant stop = Times.now().plus(tickBudget());
            boolean moreApprovals = true;
            boolean moreLicenses = true;
            do {
                if (moreApprovals) {
                    moreApprovals = expireAll("approval", approvals.due(Times.now(), BATCH), approvals::expire);
                }
                if (moreLicenses) {
                    moreLicenses = expireAll("license", licenses.due(Times.now(), BATCH), licenses::expire);
                }
            } while ((moreApprovals || moreLicenses) && Times.now().isBefore(stop));
        } catch (Throwable e) { // anything: an exception escaping a timeout callback cancels the timer
            LogIds.none()
                    .log(
                            LOG,
                            Level.WARNING,
                            "Looking for due approvals and licenses failed; the next tick tries again",
                            e);
        }
    }

    private Duration tickBudget() {
        Duration interval = settings.expiryCheckInterval();
        return interval.compareTo(LONGEST_TICK) < 0 ? interval : LONGEST_TICK;
    }

    /**
     * @return whether more may be due: the batch was full and expired something (a batch whose
     *     expiries all failed is left to the next tick, not tried again at once)
     */
    private static boolean expireAll(String kind, List<String> due, Predicate<String> expire) {
        int expired = 0;
        for (String id : due) {
            try {
                if (expire.test(id)) {
                    expired++;
                    LOG.fine(() -> kind + " " + id + " expired");
                }
            } catch (RuntimeException e) {
                // The next tick tries again; one failure must neither stop the rest nor the timer.
                LogIds.none().log(LOG, Level.WARNING, "Expiring " + kind + " " + id + " failed", e);
            }
        }
        return due.size() == BATCH && expired > 0;
    }
}
