package dev.herald.platform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The current time at the precision Herald stores and shows: milliseconds, UTC. */
public final class Times {

    private Times() {}

    /** What clients are told a time must look like. */
    public static final String EXPECTED =
            "an ISO-8601 UTC time such as 2026-01-15T10:30:00Z, in the years 1970 to 9999";

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A client's time, if it is one every supported database can store: {@code Instant}
     * accepts years such as +300000, which PostgreSQL refuses.
     */
    public static Optional<Instant> parse(String text) {
        try {
            Instant parsed = Instant.parse(text.trim());
            return parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST) ? Optional.empty() : Optional.of(parsed);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
