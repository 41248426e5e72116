package dev.herald.inbound.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of JSONPath filters need: {@code $}, then members ({@code .name} or
 * {@code ['name']}) and array indexes ({@code [0]}, at most nine digits, so that every index is an
 * {@code int}). Anything else is refused when the filter is saved, not when a webhook arrives.
 */
public final class JsonPath {

    private static final Pattern STEP =
            Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\['([^']*)'\\]|\\[(\\d{1,9})\\]");

    private final List<Object> steps;

    private JsonPath(List<Object> steps) {
        this.steps = steps;
    }

    /** The path, or null when {@code text} is not one this subset reads. */
    public static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            return null;
        }
        List<Object> steps = new ArrayList<>();
        Matcher step = STEP.matcher(text);
        int at = 1;
        while (at < text.length()) {
            if (!step.find(at) || step.start() != at) {
                return null;
            }
            steps.add(
                    step.group(1) != null
                            ? step.group(1)
                            : step.group(2) != null ? step.group(2) : Integer.valueOf(step.group(3)));
            at = step.end();
        }
        return new JsonPath(steps);
    }

    /** The value at this path, or null when the document has none there. */
    public JsonValue in(JsonValue root) {
        JsonValue current = root;
        for (Object step : steps) {
            if (step instanceof String member && current instanceof JsonObject object) {
                current = object.get(member);
            } else if (step instanceof Integer index && current instanceof JsonArray array && index < array.size()) {
                current = array.get(index);
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The value at {@code path} as text: a string, or a number or boolean as written; else null. */
    public static String text(JsonValue root, String path) {
        return text(parse(path).in(root));
    }

    static String text(JsonValue value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber || value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value.toString();
        }
        return null;
    }
}
