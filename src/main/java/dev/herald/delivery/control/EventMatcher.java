package dev.herald.delivery.control;

import dev.herald.platform.text.TenantRegex;
import dev.herald.subscriptions.control.SubscriptionSpec.Filter;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/** Decides whether a subscription wants an event: by type pattern, then by payload filters. */
public final class EventMatcher {

    private EventMatcher() {
    }

    /** Exact names, {@code category.*} and {@code *}. */
    public static boolean typeMatches(List<String> patterns, String type) {
        for (String pattern : patterns) {
            if (pattern.equals("*") || pattern.equals(type)
                    || pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every filter must hold. A filter's dotted path reads the delivered payload
     * ({@code data.channel}, {@code subject}, {@code event}); a path that leads nowhere fails it.
     */
    public static boolean filtersPass(List<Filter> filters, JsonObject payload) {
        for (Filter filter : filters) {
            String actual = textAt(payload, filter.field());
            if (actual == null || !holds(filter, actual)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Filter filter, String actual) {
        return switch (filter.operator()) {
            case "equals" -> actual.equals(filter.value());
            case "contains" -> actual.contains(filter.value());
            case "matches" -> TenantRegex.find(filter.value(), actual);
            default -> false;
        };
    }

    /** The value at a dotted path as text (strings as they are, numbers and booleans as JSON), or null. */
    static String textAt(JsonObject root, String path) {
        JsonValue current = root;
        for (String part : path.split("\\.")) {
            if (!(current instanceof JsonObject object) || !object.containsKey(part)) {
                return null;
            }
            current = object.get(part);
        }
        if (current instanceof JsonString text) {
            return text.getString();
        }
        if (current instanceof JsonNumber || current == JsonValue.TRUE || current == JsonValue.FALSE) {
            return current.toString();
        }
        return null;
    }
}
