package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottledHoldsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T23:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration HOLD = Duration.ofSeconds(30);

    @Test
    void deliveriesTurnedBackAtOnceAreHeldOneIntervalApartNotAllUntilTheNextSlot() {
        ThrottledHolds holds = new ThrottledHolds();
        List<Instant> until = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            until.add(holds.holdUntil("sub_a", NOW.plus(SECOND), SECOND, HOLD, NOW));
        }
        assertEquals(List.of(NOW.plusSeconds(1), NOW.plusSeconds(2), NOW.plusSeconds(3), NOW.plusSeconds(4)), until);
        assertEquals(
                NOW.plusMillis(1500),
                holds.holdUntil("sub_b", NOW.plusMillis(1500), SECOND, HOLD, NOW),
                "its own line");
    }

    @Test
    void aSlotLaterThanTheLineIsKeptAsTheRateGivesIt() {
        ThrottledHolds holds = new ThrottledHolds();
        holds.holdUntil("sub_a", NOW.plus(SECOND), SECOND, HOLD, NOW);
        assertEquals(NOW.plusSeconds(60), holds.holdUntil("sub_a", NOW.plusSeconds(60), SECOND, HOLD, NOW));
    }

    @Test
    void subscriptionsWhoseHoldsHavePassedAreForgottenOnceManyAreRemembered() {
        ThrottledHolds holds = new ThrottledHolds();
        for (int i = 0; i <= ThrottledHolds.TIDY_ABOVE; i++) {
            holds.holdUntil("sub_" + i, NOW.plus(SECOND), SECOND, HOLD, NOW);
        }
        holds.holdUntil("sub_late", NOW.plusSeconds(10), SECOND, HOLD, NOW.plusSeconds(5));
        assertTrue(holds.remembered() <= 2, "left: " + holds.remembered());
    }

    @Test
    void theLineReachesAHundredIntervalsOrTheHoldIntervalPastTheSlotAndNoFurther() {
        ThrottledHolds holds = new ThrottledHolds();
        Instant last = null;
        Duration tenth = Duration.ofMillis(100);
        for (int i = 0; i < 1000; i++) {
            last = holds.holdUntil("sub_a", NOW.plus(tenth), tenth, HOLD, NOW);
        }
        assertEquals(NOW.plus(tenth).plus(HOLD), last, "the hold interval, as ten seconds reach less");
        Duration minute = Duration.ofMinutes(1);
        for (int i = 0; i < 1000; i++) {
            last = holds.holdUntil("sub_b", NOW.plus(minute), minute, HOLD, NOW);
        }
        assertEquals(NOW.plus(minute.multipliedBy(101)), last, "a hundred intervals past the slot");
    }
}
