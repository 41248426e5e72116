package dev.herald.catalog.control;

import dev.herald.platform.json.CanonicalJson;
import dev.herald.problems.InputErrors;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;

/**
 * Checks a tenant's event-type schema for the shape Herald reads it in (its samples for test
 * sends come from {@code type}, {@code properties}, {@code enum} and {@code format}): each
 * keyword Herald reads holds the kind of value JSON Schema gives it, at every level, down to
 * a bounded depth, and holds no number a double cannot represent. A schema that passes can
 * always be sampled, and its samples hashed.
 */
public final class SchemaShape {

    /** How deep {@code properties} and {@code items} may nest. */
    public static final int MAX_DEPTH = 16;

    private static final List<String> TYPES =
            List.of("object", "array", "string", "number", "integer", "boolean", "null");
    private static final Set<String> SCHEMA_VALUED = Set.of("items", "additionalProperties");

    private SchemaShape() {}

    public static void check(JsonObject schema, String path, InputErrors errors) {
        check(schema, path, 1, errors);
        // A sample taken from such a number (an enum's, say) could not be hashed into the history.
        CanonicalJson.numberBeyondDouble(schema).ifPresent(at -> errors.add(path + at, CanonicalJson.BEYOND_DOUBLE));
    }

    private static void check(JsonObject schema, String path, int depth, InputErrors errors) {
        if (depth > MAX_DEPTH) {
            errors.add(path, "nests deeper than " + MAX_DEPTH + " levels of properties or items");
            return;
        }
        JsonValue type = schema.get("type");
        if (type != null
                && !isType(type)
                && !(type instanceof JsonArray array
                        && !array.isEmpty()
                        && array.stream().allMatch(SchemaShape::isType))) {
            errors.add(path + ".type", "must be one of " + TYPES + " or a non-empty array of them");
        }
        JsonValue properties = schema.get("properties");
        if (properties != null) {
            if (!(properties instanceof JsonObject object)) {
                errors.add(path + ".properties", "must be an object mapping each property name to its schema");
            } else {
                object.forEach((name, property) -> {
                    if (property instanceof JsonObject child) {
                        check(child, path + ".properties." + name, depth + 1, errors);
                    } else if (property != JsonValue.TRUE && property != JsonValue.FALSE) {
                        errors.add(path + ".properties." + name, "must be a schema: an object (or true or false)");
                    }
                });
            }
        }
        for (String keyword : SCHEMA_VALUED) {
            JsonValue value = schema.get(keyword);
            if (value instanceof JsonObject child) {
                check(child, path + "." + keyword, depth + 1, errors);
            } else if (value != null && value != JsonValue.TRUE && value != JsonValue.FALSE) {
                errors.add(path + "." + keyword, "must be a schema: an object (or true or false)");
            }
        }
        JsonValue required = schema.get("required");
        if (required != null
                && !(required instanceof JsonArray names && names.stream().allMatch(JsonString.class::isInstance))) {
            errors.add(path + ".required", "must be an array of property names");
        }
        JsonValue choices = schema.get("enum");
        if (choices != null && !(choices instanceof JsonArray array && !array.isEmpty())) {
            errors.add(path + ".enum", "must be a non-empty array of the allowed values");
        }
        JsonValue format = schema.get("format");
        if (format != null && !(format instanceof JsonString)) {
            errors.add(path + ".format", "must be a string such as \"date-time\"");
        }
    }

    private static boolean isType(JsonValue value) {
        return value instanceof JsonString text && TYPES.contains(text.getString());
    }
}
