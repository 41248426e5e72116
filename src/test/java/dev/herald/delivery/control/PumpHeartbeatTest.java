package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PumpHeartbeatTest {

    @Test
    void aPumpIsCountedStoppedAfterTenMissedTicksButNeverBeforeThirtySeconds() {
        assertEquals(Duration.ofSeconds(30), PumpHeartbeat.allowedSilence(Duration.ofMillis(200)));
        assertEquals(Duration.ofSeconds(30), PumpHeartbeat.allowedSilence(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(100), PumpHeartbeat.allowedSilence(Duration.ofSeconds(10)));
    }

    @Test
    void aTickStillRunningIsAPumpAtWorkUntilItHasRunTenMinutes() {
        Duration allowed = Duration.ofSeconds(30);
        assertFalse(PumpHeartbeat.stopped(Duration.ofSeconds(29), false, allowed));
        assertTrue(PumpHeartbeat.stopped(Duration.ofSeconds(31), false, allowed), "silent between ticks");
        assertFalse(PumpHeartbeat.stopped(Duration.ofSeconds(90), true, allowed), "one slow tick");
        assertTrue(PumpHeartbeat.stopped(Duration.ofMinutes(11), true, allowed), "a hung tick");
    }
}
