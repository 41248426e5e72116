package dev.herald.inbound.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboundUpkeepTest {

    private static final Duration LOOK_BACK = Duration.ofHours(1);

    @Test
    void theFirstSweepSinceTheStartLooksAtEveryReceipt() {
        assertEquals(Optional.empty(), InboundUpkeep.sweepFrom(null, LOOK_BACK));
    }

    /** Sweeps that failed for a day (the database was away) leave nothing of that day unswept. */
    @Test
    void aSweepStartsWhereTheLastOneThatSucceededEndedHoweverLongAgo() {
        Instant lastEnd = Instant.parse("2026-11-30T10:00:00Z");
        assertEquals(Optional.of(Instant.parse("2026-11-30T09:00:00Z")), InboundUpkeep.sweepFrom(lastEnd, LOOK_BACK));
    }
}
