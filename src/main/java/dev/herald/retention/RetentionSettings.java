package dev.herald.retention;

import dev.herald.events.control.EventLog;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long each kind of data is kept ({@code herald.retention.*}): an ISO-8601 duration, or
 * {@code forever}. Checked at start, so a setting that cannot work stops Herald with a reason.
 * Events are kept for ever unless the operator chooses otherwise.
 */
public record RetentionSettings(Optional<Duration> attemptAnswers, Optional<Duration> idempotencyKeys,
        Optional<Duration> seenInboundIds, Optional<Duration> events) {

    /** Idempotency keys answer repeats for a window (API.md): they, and the events they name, must outlive it. */
    public RetentionSettings {
        requireAtLeastTheIdempotencyWindow("herald.retention.idempotency-keys", idempotencyKeys);
        requireAtLeastTheIdempotencyWindow("herald.retention.events", events);
    }

    private static void requireAtLeastTheIdempotencyWindow(String name, Optional<Duration> kept) {
        kept.filter(duration -> duration.compareTo(EventLog.IDEMPOTENCY_WINDOW) < 0).ifPresent(tooShort -> {
            throw new IllegalStateException(name + " must be at least PT24H (idempotency keys answer repeats for "
                    + "24 hours), not " + tooShort);
        });
    }

    static Optional<Duration> parse(String name, String value) {
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
            throw new IllegalStateException(name + " must be an ISO-8601 duration such as P30D, or 'forever', not "
                    + value, e);
        }
    }
}
