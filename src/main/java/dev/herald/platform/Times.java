package dev.herald.platform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current time at the precision Herald stores and shows: milliseconds, UTC. */
public final class Times {

    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
