package dev.herald.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionSettingsTest {

    @Test
    void readsDurationsAndForever() {
        assertEquals(Optional.of(Duration.ofDays(30)), RetentionSettings.parse("x", "P30D"));
        assertEquals(Optional.empty(), RetentionSettings.parse("x", " Forever "));
    }

    @Test
    void refusesWhatCannotWork() {
        assertThrows(IllegalStateException.class, () -> RetentionSettings.parse("x", "30 days"));
        assertThrows(IllegalStateException.class, () -> RetentionSettings.parse("x", "PT0S"));
        assertThrows(IllegalStateException.class, () -> RetentionSettings.parse("x", "-P1D"));
        IllegalStateException tooShort = assertThrows(IllegalStateException.class, () -> new RetentionSettings(
                Optional.empty(), Optional.of(Duration.ofHours(1)), Optional.empty(), Optional.empty()));
        assertTrue(tooShort.getMessage().contains("herald.retention.idempotency-keys"));
        IllegalStateException eventsTooShort = assertThrows(IllegalStateException.class, () -> new RetentionSettings(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Duration.ofHours(23))));
        assertTrue(eventsTooShort.getMessage().contains("herald.retention.events"));
    }
}
