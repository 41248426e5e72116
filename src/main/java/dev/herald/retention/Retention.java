package dev.herald.retention;

import dev.herald.platform.HeraldDatabase;
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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Ages out, on every instance (each sweep is idempotent), what only matters for a while:
 * attempts' answers, idempotency keys and senders' delivery ids; and, only when the operator
 * sets {@code herald.retention.events}, the oldest events with their deliveries
 * ({@link EventPruning}). Receipt bodies have their own setting
 * ({@code herald.inbound.body-retention}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());

    @Resource
    TimerService timerService;

    @Resource(lookup = HeraldDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    RetentionSettings settings;

    private RetentionSweep sweep;
    private EventPruning pruning;

    @PostConstruct
    void schedule() {
        sweep = new RetentionSweep(dataSource);
        pruning = new EventPruning(dataSource);
        long millis = settings.interval().toMillis();
        timerService.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        try {
            Instant now = Times.now();
            int answers = sweepIf(settings.attemptAnswers(), now, sweep::forgetAttemptAnswers);
            int keys = sweepIf(settings.idempotencyKeys(), now, sweep::deleteIdempotencyKeys);
            int seen = sweepIf(settings.seenInboundIds(), now, sweep::deleteSeenInboundIds);
            int pruned = sweepIf(settings.events(), now, pruning::pruneBefore);
            if (answers + keys + seen + pruned > 0) {
                LogIds.none()
                        .log(
                                LOG,
                                Level.INFO,
                                "Retention: forgot " + answers + " attempt answers, " + keys + " idempotency keys, "
                                        + seen + " inbound delivery ids; pruned " + pruned + " events");
            }
        } catch (Throwable e) { // anything: an exception escaping a timeout callback cancels the timer
            LogIds.none().log(LOG, Level.WARNING, "Retention sweep failed; the next tick tries again", e);
        }
    }

    private interface Step {
        int olderThan(Instant before) throws SQLException;
    }

    private static int sweepIf(Optional<Duration> kept, Instant now, Step step) throws SQLException {
        return kept.isEmpty() ? 0 : step.olderThan(now.minus(kept.get()));
    }
}
