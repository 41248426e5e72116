package dev.herald.platform.json;

import dev.herald.problems.InputErrors;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, strict access to the fields of one JSON object of a request. Every mismatch is
 * recorded in {@link InputErrors} under the field's full dotted path, and reading goes on,
 * so the client hears of all its mistakes at once. Absent and {@code null} read as null.
 */
public final class JsonFields {

    private final JsonObject object;
    private final String path;
    private final InputErrors errors;

    public JsonFields(JsonObject object, String path, InputErrors errors) {
        this.object = object;
        this.path = path;
        this.errors = errors;
    }

    public static JsonFields of(JsonObject object, InputErrors errors) {
        return new JsonFields(object, "", errors);
    }

    public InputErrors errors() {
        return errors;
    }

    /** The full name of a field of this object, as errors name it. */
    public String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Records every field outside {@code known}: a typo must never be silently ignored. */
    public JsonFields allowOnly(Set<String> known) {
        for (String field : object.keySet()) {
            if (!known.contains(field)) {
                errors.add(name(field), "is not a known field; known fields are " + new TreeSet<>(known));
            }
        }
        return this;
    }

    /** Records each present field of {@code readOnly} as one a client cannot set. */
    public JsonFields rejectReadOnly(Set<String> readOnly) {
        for (String field : readOnly) {
            if (object.containsKey(field)) {
                errors.add(name(field), "is read-only and cannot be set");
            }
        }
        return this;
    }

    public boolean has(String field) {
        return object.containsKey(field);
    }

    public boolean hasValue(String field) {
        return object.containsKey(field) && object.get(field).getValueType() != JsonValue.ValueType.NULL;
    }

    public String string(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString text) {
            return storable(name(field), text.getString());
        }
        return wrongType(field, "a string", value);
    }

    /**
     * The text, unless it holds NUL: JSON allows {@code \u0000}, but PostgreSQL text cannot
     * store it, so it is refused here rather than failing at the database.
     */
    private String storable(String fullName, String text) {
        if (text.indexOf('\u0000') >= 0) {
            errors.add(fullName, "must not contain the NUL character (\\u0000)");
            return null;
        }
        return text;
    }

    /** An ISO-8601 UTC time such as {@code 2026-01-15T10:30:00Z}, or null when absent. */
    public java.time.Instant instant(String field) {
        String text = string(field);
        if (text == null) {
            return null;
        }
        java.util.Optional<java.time.Instant> parsed = dev.herald.platform.Times.parse(text);
        if (parsed.isEmpty()) {
            errors.add(name(field), "must be " + dev.herald.platform.Times.EXPECTED);
        }
        return parsed.orElse(null);
    }

    /** A required string of 1 to {@code max} characters, not blank; {@code what} says what belongs there. */
    public String text(String field, int max, String what) {
        require(field, what);
        return optionalText(field, max);
    }

    /** An optional string of 1 to {@code max} characters, not blank; null when absent. */
    public String optionalText(String field, int max) {
        String text = string(field);
        if (text != null && (text.isBlank() || text.length() > max)) {
            errors.add(name(field), "must be 1 to " + max + " characters, not blank");
            return null;
        }
        return text;
    }

    /** Records the field as missing when the object does not have it. */
    public void require(String field, String what) {
        if (!hasValue(field)) {
            errors.add(name(field), "is required: " + what);
        }
    }

    public Integer integer(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                errors.add(name(field), "is too large");
                return null;
            }
        }
        return wrongType(field, "a whole number", value);
    }

    public Double number(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return number.doubleValue();
        }
        return wrongType(field, "a number", value);
    }

    public Boolean bool(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        return wrongType(field, "true or false", value);
    }

    /** A nested object, read with the same strictness, or null. */
    public JsonFields object(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonObject nested) {
            return new JsonFields(nested, name(field), errors);
        }
        return wrongType(field, "an object", value);
    }

    /** A JSON object kept as it is (for free-form content such as a JSON Schema), or null. */
    public JsonObject rawObject(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonObject nested) {
            return nested;
        }
        return wrongType(field, "an object", value);
    }

    /** The objects of an array field, each readable with the same strictness, or null. */
    public List<JsonFields> objects(String field) {
        JsonArray array = array(field);
        if (array == null) {
            return null;
        }
        List<JsonFields> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonValue item = array.get(i);
            if (item instanceof JsonObject nested) {
                items.add(new JsonFields(nested, name(field) + "[" + i + "]", errors));
            } else {
                errors.add(name(field) + "[" + i + "]", "must be an object, not " + describe(item));
            }
        }
        return items;
    }

    public List<String> strings(String field) {
        JsonArray array = array(field);
        if (array == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonValue item = array.get(i);
            if (item instanceof JsonString text) {
                // An item refused (its error recorded) is left out: a caller never meets a null in the list.
                String storable = storable(name(field) + "[" + i + "]", text.getString());
                if (storable != null) {
                    items.add(storable);
                }
            } else {
                errors.add(name(field) + "[" + i + "]", "must be a string, not " + describe(item));
            }
        }
        return items;
    }

    /** An object whose values are all strings, in the client's order. */
    public Map<String, String> stringMap(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject map)) {
            return wrongType(field, "an object of strings", value);
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((key, item) -> {
            if (item instanceof JsonString text) {
                String storable = storable(name(field) + "." + key, text.getString());
                if (storable != null) {
                    result.put(key, storable);
                }
            } else {
                errors.add(name(field) + "." + key, "must be a string, not " + describe(item));
            }
        });
        return result;
    }

    private JsonArray array(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonArray array) {
            return array;
        }
        return wrongType(field, "an array", value);
    }

    private JsonValue value(String field) {
        JsonValue value = object.get(field);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private <T> T wrongType(String field, String expected, JsonValue actual) {
        errors.add(name(field), "must be " + expected + ", not " + describe(actual));
        return null;
    }

    /** How a value reads in an error message: its JSON type. */
    public static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }
}
