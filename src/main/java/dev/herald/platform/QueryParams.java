package dev.herald.platform;

import dev.herald.problems.InputErrors;
import java.time.Instant;
import java.util.Optional;

/** Optional query parameters: {@code ?productId=} and no {@code productId} at all mean the same. */
public final class QueryParams {

    private QueryParams() {}

    /** The value, or null when the parameter is absent or blank (it then does not restrict). */
    public static String orNull(String raw) {
        return raw == null || raw.isBlank() ? null : raw;
    }

    /** An ISO-8601 UTC time, or null when absent; a malformed one goes to {@code errors} under {@code field}. */
    public static Instant instant(String field, String raw, InputErrors errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Optional<Instant> parsed = Times.parse(raw);
        if (parsed.isEmpty()) {
            errors.add(field, "must be " + Times.EXPECTED);
        }
        return parsed.orElse(null);
    }
}
