package dev.herald.retention;

import dev.herald.events.control.EventLog;
import dev.herald.platform.SettingChecks;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How often retention runs and how long each kind of data is kept ({@code herald.retention.*}):
 * an ISO-8601 duration, or {@code forever} (empty). Checked at start, so a setting that cannot
 * work stops Herald with a reason. Events are kept for ever unless the operator chooses otherwise.
 */
@ApplicationScoped
public class RetentionSettings {

    @Inject
    @ConfigProperty(name = "herald.retention.interval", defaultValue = "PT1H")
    Duration interval;

    @Inject
    @ConfigProperty(name = "herald.retention.attempt-answers", defaultValue = "P30D")
    String attemptAnswersText;

    @Inject
    @ConfigProperty(name = "herald.retention.idempotency-keys", defaultValue = "P2D")
    String idempotencyKeysText;

    @Inject
    @ConfigProperty(name = "herald.retention.seen-inbound-ids", defaultValue = "P30D")
    String seenInboundIdsText;

    @Inject
    @ConfigProperty(name = "herald.retention.events", defaultValue = "forever")
    String eventsText;

    private Optional<Duration> attemptAnswers;
    private Optional<Duration> idempotencyKeys;
    private Optional<Duration> seenInboundIds;
    private Optional<Duration> events;

    @PostConstruct
    void check() {
        SettingChecks.positive("herald.retention.interval", interval);
        attemptAnswers = keptFor("herald.retention.attempt-answers", attemptAnswersText);
        idempotencyKeys = atLeastTheIdempotencyWindow(
                "herald.retention.idempotency-keys", keptFor("herald.retention.idempotency-keys", idempotencyKeysText));
        seenInboundIds = keptFor("herald.retention.seen-inbound-ids", seenInboundIdsText);
        events = atLeastTheIdempotencyWindow("herald.retention.events", keptFor("herald.retention.events", eventsText));
    }

    public Duration interval() {
        return interval;
    }

    public Optional<Duration> attemptAnswers() {
        return attemptAnswers;
    }

    public Optional<Duration> idempotencyKeys() {
        return idempotencyKeys;
    }

    public Optional<Duration> seenInboundIds() {
        return seenInboundIds;
    }

    public Optional<Duration> events() {
        return events;
    }

    /** A retention period: a positive ISO-8601 duration, or {@code forever} (empty). */
    static Optional<Duration> keptFor(String name, String value) {
        if (value.trim().equalsIgnoreCase("forever")) {
            return Optional.empty();
        }
        try {
            Duration duration = Duration.parse(value.trim());
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalStateException(name + " must be a positive duration or 'forever', not " + value);
            }
            return Optional.of(duration);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(
                    name + " must be an ISO-8601 duration such as P30D, or 'forever', not " + value, e);
        }
    }

    /** Idempotency keys answer repeats for a window (API.md): they, and the events they name, must outlive it. */
    static Optional<Duration> atLeastTheIdempotencyWindow(String name, Optional<Duration> kept) {
        kept.filter(duration -> duration.compareTo(EventLog.IDEMPOTENCY_WINDOW) < 0)
                .ifPresent(tooShort -> {
                    throw new IllegalStateException(
                            name + " must be at least PT24H (idempotency keys answer repeats for " + "24 hours), not "
                                    + tooShort);
                });
        return kept;
    }
}
