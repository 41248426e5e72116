package dev.herald.platform;

import java.time.Duration;

/** Checks the settings beans share, each failing with a message that names the key. */
public final class SettingChecks {

    private SettingChecks() {}

    /** The duration, or an {@link IllegalStateException} naming the key when it is zero or negative. */
    public static Duration positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(key + " must be a positive duration, not " + value);
        }
        return value;
    }
}
