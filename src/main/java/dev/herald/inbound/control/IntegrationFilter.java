package dev.herald.inbound.control;

import dev.herald.platform.WireEnums;
import dev.herald.platform.json.JsonFields;
import dev.herald.platform.json.Jsons;
import dev.herald.platform.text.FilterVerdict;
import dev.herald.platform.text.FilterWork;
import dev.herald.platform.text.TenantRegex;
import dev.herald.platform.text.TextComparison;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One condition on the normalized event: the value at a JSONPath {@code equals} a text,
 * {@code contains} it (a substring, or an element of an array), or {@code matches} a regular
 * expression (found anywhere unless anchored). An integration keeps a call when all hold.
 */
public record IntegrationFilter(String path, String op, String value) {

    /** Whether the filter holds for the call, unless comparing would cost more than {@code work} has left. */
    public FilterVerdict holdsFor(JsonObject normalized, FilterWork work) {
        JsonValue found = JsonPath.parse(path).in(normalized);
        if (found == null) {
            return FilterVerdict.FAILS;
        }
        TextComparison comparison =
                WireEnums.ofWireName(TextComparison.class, op).orElseThrow();
        if (comparison == TextComparison.CONTAINS && found instanceof JsonArray array) {
            // A list contains the text when one of its items is that text.
            if (!work.takes(1 + (long) array.size() * (1 + value.length()))) {
                return FilterVerdict.TOO_COSTLY;
            }
            return verdict(array.stream().anyMatch(item -> value.equals(JsonPath.text(item))));
        }
        String text = JsonPath.text(found);
        if (text == null) {
            return FilterVerdict.FAILS;
        }
        if (!work.takes(comparison.cost(text, value))) {
            return FilterVerdict.TOO_COSTLY;
        }
        return verdict(comparison.test(text, value));
    }

    private static FilterVerdict verdict(boolean holds) {
        return holds ? FilterVerdict.PASSES : FilterVerdict.FAILS;
    }

    @Override
    public String toString() {
        return path + " " + op + " '" + value + "'";
    }

    /** Reads {@code filters: [{path, op, value}]}, recording what is wrong with each. */
    public static List<IntegrationFilter> read(List<JsonFields> items) {
        List<IntegrationFilter> filters = new ArrayList<>();
        for (JsonFields item : items) {
            item.allowOnly(Set.of("path", "op", "value"));
            String path = item.text("path", 300, "a JSONPath into the normalized event, e.g. $.tag");
            String op = item.text("op", 20, "equals, contains or matches");
            TextComparison comparison =
                    WireEnums.ofWireName(TextComparison.class, op).orElse(null);
            String value = item.text("value", 500, "the text to compare with");
            if (path != null && JsonPath.parse(path) == null) {
                item.errors()
                        .add(
                                item.name("path"),
                                "must be a JSONPath of members and indexes, e.g. $.tag or "
                                        + "$.payload.items[0]['name']");
            }
            if (op != null && comparison == null) {
                item.errors().add(item.name("op"), "must be one of equals, contains, matches");
            }
            if (comparison == TextComparison.MATCHES && value != null) {
                TenantRegex.problemWith(value)
                        .ifPresent(problem -> item.errors().add(item.name("value"), problem));
            }
            filters.add(new IntegrationFilter(path, op, value));
        }
        return filters;
    }

    public static String toJson(List<IntegrationFilter> filters) {
        var array = Jsons.array();
        filters.forEach(filter -> array.add(
                Jsons.object().add("path", filter.path()).add("op", filter.op()).add("value", filter.value())));
        return array.build().toString();
    }

    public static List<IntegrationFilter> fromJson(String json) {
        try (var reader = Jsons.reader(new java.io.StringReader(json))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                    .map(item -> new IntegrationFilter(
                            item.getString("path"), item.getString("op"), item.getString("value")))
                    .toList();
        }
    }
}
