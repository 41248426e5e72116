package dev.herald.governance;

import dev.herald.platform.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * The {@code data} of a governance event, in the catalog's snake_case. Absent values are left
 * out rather than sent as null, so every payload validates against its type's JSON Schema.
 */
public final class EventData {

    private final JsonObjectBuilder builder = Jsons.object();

    public static EventData of(String idField, String id) {
        return new EventData().put(idField, id);
    }

    public EventData put(String field, String value) {
        if (value != null) {
            builder.add(field, value);
        }
        return this;
    }

    public EventData put(String field, Instant value) {
        return put(field, value == null ? null : value.toString());
    }

    public EventData put(String field, boolean value) {
        builder.add(field, value);
        return this;
    }

    public EventData put(String field, JsonValue value) {
        builder.add(field, value);
        return this;
    }

    JsonObject build() {
        return builder.build();
    }
}
