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
        assertEquals(Optional.of(Duration.ofDays(30)), RetentionSettings.keptFor("x", "P30D"));
        assertEquals(Optional.empty(), RetentionSettings.keptFor("x", " Forever "));
    }

    @Test
    void refusesWhatCannotWork() {
        assertThrows(IllegalStateException.class, () -> RetentionSettings.keptFor("x", "30 days"));
        assertThrows(IllegalStateException.class, () -> RetentionSettings.keptFor("x", "PT0S"));
        assertThrows(IllegalStateException.class, () -> RetentionSettings.keptFor("x", "-P1D"));
        IllegalStateException tooShort = assertThrows(
                IllegalStateException.class,
                () -> RetentionSettings.atLeastTheIdempotencyWindow(
                        "herald.retention.idempotency-keys", Optional.of(Duration.ofHours(23))));
        assertTrue(tooShort.getMessage().contains("herald.retention.idempotency-keys"));
        assertEquals(
                Optional.of(Duration.ofHours(24)),
                RetentionSettings.atLeastTheIdempotencyWindow("x", Optional.of(Duration.ofHours(24))));
        assertEquals(Optional.empty(), RetentionSettings.atLeastTheIdempotencyWindow("x", Optional.empty()));
    }
}
