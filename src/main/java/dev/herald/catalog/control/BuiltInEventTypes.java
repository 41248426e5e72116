package dev.herald.catalog.control;

import dev.herald.platform.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The event types Herald ships with, read once from {@code built-in-event-types.json}. */
public final class BuiltInEventTypes {

    private static final Map<String, EventType> BY_NAME = load();

    private BuiltInEventTypes() {}

    public static List<EventType> all() {
        return BY_NAME.values().stream()
                .sorted(java.util.Comparator.comparing(EventType::name))
                .toList();
    }

    public static boolean contains(String name) {
        return BY_NAME.containsKey(name);
    }

    public static EventType get(String name) {
        return BY_NAME.get(name);
    }

    private static Map<String, EventType> load() {
        try (InputStream in =
                        BuiltInEventTypes.class.getResourceAsStream("/dev/herald/catalog/built-in-event-types.json");
                JsonReader reader = Jsons.reader(in)) {
            JsonArray types = reader.readArray();
            return types.getValuesAs(JsonObject.class).stream()
                    .map(type -> new EventType(
                            type.getString("name"),
                            EventType.categoryOf(type.getString("name")),
                            type.getString("description"),
                            type.getJsonObject("schema"),
                            true))
                    .collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
        } catch (IOException e) {
            throw new UncheckedIOException("The built-in event catalog is missing from the application", e);
        }
    }
}
