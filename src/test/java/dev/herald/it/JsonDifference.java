package dev.herald.it;

import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** Where two JSON documents first differ, as a JSON Pointer and the two values: a readable failure. */
public final class JsonDifference {

    private JsonDifference() {}

    /** The first difference ("" when equal); objects compare by member name, arrays by position. */
    public static String first(JsonNode expected, JsonNode actual) {
        return first("", expected, actual);
    }

    private static String first(String at, JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return at + ": " + (expected == null ? "absent" : "present") + " in the first, "
                    + (actual == null ? "absent" : "present") + " in the second";
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.propertyNames().forEach(names::add);
            actual.propertyNames().forEach(names::add);
            for (String name : names) {
                String difference = first(
                        at + "/" + name.replace("~", "~0").replace("/", "~1"), expected.get(name), actual.get(name));
                if (!difference.isEmpty()) {
                    return difference;
                }
            }
            return "";
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                String difference = first(at + "/" + i, expected.get(i), actual.get(i));
                if (!difference.isEmpty()) {
                    return difference;
                }
            }
            return "";
        }
        return expected.equals(actual)
                ? ""
                : at + ": " + abbreviated(expected) + " in the first, " + abbreviated(actual) + " in the second";
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
