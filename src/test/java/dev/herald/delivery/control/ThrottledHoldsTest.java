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

    @Test
    void deliveriesTurnedBackAtOnceAreHeldOneIntervalApartNotAllUntilTheNextSlot() {
        ThrottledHolds holds = new ThrottledHolds();
        List<Instant> until = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            until.add(holds.holdUntil("sub_a", NOW.plus(SECOND), SECOND, NOW));
        }
        assertEquals(List.of(NOW.plusSeconds(1), NOW.plusSeconds(2), NOW.plusSeconds(3), NOW.plusSeconds(4)), until);
        assertEquals(NOW.plusMillis(1500), holds.holdUntil("sub_b", NOW.plusMillis(1500), SECOND, NOW), "its own line");
    }

    @Test
    void aSlotLaterThanTheLineIsKeptAsTheRateGivesIt() {
        ThrottledHolds holds = new ThrottledHolds();
        holds.holdUntil("sub_a", NOW.plus(SECOND), SECOND, NOW);
        assertEquals(NOW.plusSeconds(60), holds.holdUntil("sub_a", NOW.plusSeconds(60), SECOND, NOW));
    }

    @Test
    void subscriptionsWhoseHoldsHavePassedAreForgottenOnceManyAreRemembered() {
        ThrottledHolds holds = new ThrottledHolds();
        for (int i = 0; i <= ThrottledHolds.TIDY_ABOVE; i++) {
            holds.holdUntil("sub_" + i, NOW.plus(SECOND), SECOND, NOW);
        }
        holds.holdUntil("sub_late", NOW.plusSeconds(10), SECOND, NOW.plusSeconds(5));
        assertTrue(holds.remembered() <= 2, "left: " + holds.remembered());
    }
}
