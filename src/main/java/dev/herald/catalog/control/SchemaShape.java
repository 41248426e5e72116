package dev.herald.catalog.control;

import dev.herald.platform.json.CanonicalJson;
import dev.herald.problems.InputErrors;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

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

    private SchemaShape() {}

    public static void check(JsonObject schema, String path, InputErrors errors) {
        check(schema, new At(null, path), 1, errors);
        // A sample taken from such a number (an enum's, say) could not be hashed into the history.
        CanonicalJson.numberBeyondDouble(schema).ifPresent(at -> errors.add(path + at, CanonicalJson.BEYOND_DOUBLE));
    }

    /**
     * Where in the schema a check is, spelled out only for an error, and only as far as an error
     * keeps it: concatenating each level's path as the walk went, or each error's in full, made
     * a schema of 80,000 properties under one 100,000-character name cost gigabytes of copies.
     */
    private record At(At parent, String step) {

        At then(String more) {
            return new At(this, more);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            appendTo(out);
            return out.toString();
        }

        private void appendTo(StringBuilder out) {
            if (parent != null) {
                parent.appendTo(out);
            }
            int room = InputErrors.MAX_FIELD - out.length();
            if (room > 0) {
                out.append(step, 0, Math.min(step.length(), room));
            }
        }
    }

    private static void check(JsonObject schema, At at, int depth, InputErrors errors) {
        if (depth > MAX_DEPTH) {
            errors.add(at.toString(), "nests deeper than " + MAX_DEPTH + " levels of properties or items");
            return;
        }
        JsonValue type = schema.get("type");
        if (type != null
                && !isType(type)
                && !(type instanceof JsonArray array
                        && !array.isEmpty()
                        && array.stream().allMatch(SchemaShape::isType))) {
            errors.add(at + ".type", "must be one of " + TYPES + " or a non-empty array of them");
        }
        JsonValue properties = schema.get("properties");
        if (properties != null) {
            if (!(properties instanceof JsonObject object)) {
                errors.add(at + ".properties", "must be an object mapping each property name to its schema");
            } else {
                object.forEach(
                        (name, property) -> checkSubschema(property, at.then(".properties." + name), depth, errors));
            }
        }
        JsonValue items = schema.get("items");
        if (items instanceof JsonArray tuple) {
            // The tuple form drafts up to 2019-09 give it: one schema per position.
            for (int i = 0; i < tuple.size(); i++) {
                checkSubschema(tuple.get(i), at.then(".items[" + i + "]"), depth, errors);
            }
        } else if (items != null) {
            checkSubschema(items, at.then(".items"), depth, errors);
        }
        JsonValue additional = schema.get("additionalProperties");
        if (additional != null) {
            checkSubschema(additional, at.then(".additionalProperties"), depth, errors);
        }
        JsonValue required = schema.get("required");
        if (required != null
                && !(required instanceof JsonArray names && names.stream().allMatch(JsonString.class::isInstance))) {
            errors.add(at + ".required", "must be an array of property names");
        }
        JsonValue choices = schema.get("enum");
        if (choices != null && !(choices instanceof JsonArray array && !array.isEmpty())) {
            errors.add(at + ".enum", "must be a non-empty array of the allowed values");
        }
        JsonValue format = schema.get("format");
        if (format != null && !(format instanceof JsonString)) {
            errors.add(at + ".format", "must be a string such as \"date-time\"");
        }
    }

    private static void checkSubschema(JsonValue value, At at, int depth, InputErrors errors) {
        if (value instanceof JsonObject child) {
            check(child, at, depth + 1, errors);
        } else if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            errors.add(at.toString(), "must be a schema: an object (or true or false)");
        }
    }

    private static boolean isType(JsonValue value) {
        return value instanceof JsonString text && TYPES.contains(text.getString());
    }
}
