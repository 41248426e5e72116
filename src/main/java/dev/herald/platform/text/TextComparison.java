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

    /**
     * What comparing costs at most, in {@link FilterWork}'s units: a character read is one; a
     * pattern costs its instructions for every character it reads.
     */
    public long cost(String actual, String expected) {
        return switch (this) {
            case EQUALS -> 1 + Math.min(actual.length(), expected.length());
            // A plain search: each character of the value may start a comparison of the whole text.
            case CONTAINS -> 1 + (long) actual.length() * Math.max(1, expected.length());
            case MATCHES -> TenantRegex.cost(expected, actual.length());
        };
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
