package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PumpHeartbeatTest {

    @Test
    void aPumpIsCountedStoppedAfterTenMissedTicksButNeverBeforeThirtySeconds() {
        assertEquals(Duration.ofSeconds(30), PumpHeartbeat.allowedSilence(Duration.ofMillis(200)));
        assertEquals(Duration.ofSeconds(30), PumpHeartbeat.allowedSilence(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(100), PumpHeartbeat.allowedSilence(Duration.ofSeconds(10)));
    }
}
