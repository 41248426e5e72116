package dev.herald.delivery.control;

import dev.herald.platform.text.FilterVerdict;
import dev.herald.platform.text.FilterWork;
import dev.herald.platform.text.TenantRegex;
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

    /** Why a delivery of a subscription whose filters were too costly to run on its event is suppressed. */
    static final String TOO_COSTLY_TO_MATCH = "Not delivered: the subscription's filters would take more work on"
            + " this event than matching one event may (" + FilterWork.PER_EVENT + " steps: a 'matches'"
            + " pattern costs its size for every character it reads, up to " + TenantRegex.MAX_INPUT
            + "); match shorter fields, or use simpler patterns";

    /**
     * Every filter must hold. A filter's dotted path reads the delivered payload
     * ({@code data.channel}, {@code subject}, {@code event}); a path that leads nowhere fails it.
     */
    public static FilterVerdict filtersPass(List<Filter> filters, JsonObject payload, FilterWork work) {
        return filtersPass(filters, payload, filter -> true, work);
    }

    /** The filters that can be checked before the event is chained, against {@link Payloads#beforeChaining}. */
    static FilterVerdict filtersPassBeforeChaining(List<Filter> filters, JsonObject knownPayload, FilterWork work) {
        return filtersPass(filters, knownPayload, filter -> !readsChainingField(filter), work);
    }

    /** The rest, once the event is chained and its delivery named. */
    static FilterVerdict filtersPassAfterChaining(List<Filter> filters, JsonObject payload, FilterWork work) {
        return filtersPass(filters, payload, EventMatcher::readsChainingField, work);
    }

    private static boolean readsChainingField(Filter filter) {
        return SET_AT_CHAINING.contains(filter.field().split("\\.", 2)[0]);
    }

    /**
     * A filter that fails decides, even after one too costly to run: an event the subscription's
     * cheaper filters exclude is not its event, and is not written suppressed (a replay of
     * suppressed deliveries would send it).
     */
    private static FilterVerdict filtersPass(
            List<Filter> filters, JsonObject payload, Predicate<Filter> checked, FilterWork work) {
        FilterVerdict verdict = FilterVerdict.PASSES;
        for (Filter filter : filters) {
            if (!checked.test(filter)) {
                continue;
            }
            String actual = textAt(payload, filter.field());
            if (actual == null) {
                return FilterVerdict.FAILS;
            }
            if (!work.takes(filter.operator().cost(actual, filter.value()))) {
                verdict = FilterVerdict.TOO_COSTLY;
            } else if (!filter.operator().test(actual, filter.value())) {
                return FilterVerdict.FAILS;
            }
        }
        return verdict;
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
