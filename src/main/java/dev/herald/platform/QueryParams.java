package dev.herald.platform;

/** Optional query parameters: {@code ?productId=} and no {@code productId} at all mean the same. */
public final class QueryParams {

    private QueryParams() {
    }

    /** The value, or null when the parameter is absent or blank (it then does not restrict). */
    public static String orNull(String raw) {
        return raw == null || raw.isBlank() ? null : raw;
    }
}
