package dev.herald.platform.text;

import java.util.Locale;

/**
 * How a tenant's filter compares a value with its own text, for subscriptions' and
 * integrations' filters alike: the whole text, a part of it, or an RE2 pattern found in it.
 */
public enum TextComparison {
    EQUALS,
    CONTAINS,
    MATCHES;

    /** As the API writes it: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code actual} holds against the tenant's {@code expected} text (a pattern for MATCHES). */
    public boolean test(String actual, String expected) {
        return switch (this) {
            case EQUALS -> actual.equals(expected);
            case CONTAINS -> actual.contains(expected);
            case MATCHES -> TenantRegex.find(expected, actual);
        };
    }
}
