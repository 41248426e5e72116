package dev.herald.catalog.control;

import dev.herald.platform.Times;
import dev.herald.platform.json.CanonicalJson;
import dev.herald.platform.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A sample {@code data} object for an event type, built from its JSON Schema: what a test
 * delivery sends. New schemas are checked by {@link SchemaShape}; this reads any stored one
 * without failing (a keyword of an unexpected kind is passed over).
 */
public final class SampleData {

    private SampleData() {}

    public static JsonObject of(JsonObject schema) {
        return of(schema, 1);
    }

    private static JsonObject of(JsonObject schema, int depth) {
        JsonObjectBuilder sample = Jsons.object();
        if (schema.get("properties") instanceof JsonObject properties && depth <= SchemaShape.MAX_DEPTH) {
            properties.forEach((name, property) -> {
                if (property instanceof JsonObject definition) {
                    sample.add(name, valueFor(name, definition, depth));
                }
            });
        }
        return sample.build();
    }

    private static JsonValue valueFor(String name, JsonObject definition, int depth) {
        if (definition.get("enum") instanceof JsonArray choices) {
            // A choice that cannot be hashed (1e400, stored before schemas were checked for it) is passed over.
            Optional<JsonValue> hashable = choices.stream()
                    .filter(choice -> CanonicalJson.numberBeyondDouble(choice).isEmpty())
                    .findFirst();
            if (hashable.isPresent()) {
                return hashable.get();
            }
        }
        JsonValue type = definition.get("type");
        String kind = type instanceof JsonString text ? text.getString() : "string";
        return switch (kind) {
            case "integer" -> Jsons.object().add("v", 1).build().get("v");
            case "number" -> Jsons.object().add("v", 1.5).build().get("v");
            case "boolean" -> JsonValue.TRUE;
            case "array" -> JsonValue.EMPTY_JSON_ARRAY;
            case "object" -> of(definition, depth + 1);
            default ->
                Jsons.object()
                        .add(
                                "v",
                                "date-time".equals(definition.getString("format", ""))
                                        ? Times.now()
                                                .truncatedTo(ChronoUnit.SECONDS)
                                                .toString()
                                        : "sample-" + name)
                        .build()
                        .get("v");
        };
    }
}
