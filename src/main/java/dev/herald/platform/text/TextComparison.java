package dev.herald.platform.text;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    public static Optional<TextComparison> ofWireName(String name) {
        return Arrays.stream(values())
                .filter(comparison -> comparison.wireName().equals(name))
                .findFirst();
    }

    /** The wire names, for messages that list the choices. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(TextComparison::wireName).toList();
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
