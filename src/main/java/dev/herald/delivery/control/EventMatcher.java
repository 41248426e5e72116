package dev.herald.delivery.control;

import dev.herald.subscriptions.control.SubscriptionSpec.Filter;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Decides whether a subscription wants an event: by type pattern, then by payload filters. */
public final class EventMatcher {

    /**
     * The payload's fields that exist only once the event is chained (its time is read under
     * the chain head's lock) and its delivery named: filters on them are checked after.
     */
    static final Set<String> SET_AT_CHAINING = Set.of("id", "timestamp");

    private EventMatcher() {}

    /** Exact names, {@code category.*} and {@code *}. */
    public static boolean typeMatches(List<String> patterns, String type) {
        for (String pattern : patterns) {
            if (pattern.equals("*")
                    || pattern.equals(type)
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
        return filtersPass(filters, payload, filter -> true);
    }

    /** The filters that can be checked before the event is chained, against {@link Payloads#beforeChaining}. */
    static boolean filtersPassBeforeChaining(List<Filter> filters, JsonObject knownPayload) {
        return filtersPass(filters, knownPayload, filter -> !readsChainingField(filter));
    }

    /** The rest, once the event is chained and its delivery named. */
    static boolean filtersPassAfterChaining(List<Filter> filters, JsonObject payload) {
        return filtersPass(filters, payload, EventMatcher::readsChainingField);
    }

    private static boolean readsChainingField(Filter filter) {
        return SET_AT_CHAINING.contains(filter.field().split("\\.", 2)[0]);
    }

    private static boolean filtersPass(List<Filter> filters, JsonObject payload, Predicate<Filter> checked) {
        for (Filter filter : filters) {
            if (!checked.test(filter)) {
                continue;
            }
            String actual = textAt(payload, filter.field());
            if (actual == null || !filter.operator().test(actual, filter.value())) {
                return false;
            }
        }
        return true;
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
