package dev.herald.platform.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;

/**
 * JSON-P through one provider instance. The static {@code Json.*} methods look the provider
 * up with a ServiceLoader on every call, scanning the class path each time: on the delivery
 * path that was a tenth of all CPU time.
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {}

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    /** A builder starting with the members of {@code start}. */
    public static JsonObjectBuilder object(JsonObject start) {
        return PROVIDER.createObjectBuilder(start);
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader reader(Reader text) {
        return PROVIDER.createReader(text);
    }

    public static JsonReader reader(InputStream bytes) {
        return PROVIDER.createReader(bytes);
    }

    /** A JSON array of strings, as text. */
    public static String stringArray(List<String> values) {
        JsonArrayBuilder array = array();
        values.forEach(array::add);
        return array.build().toString();
    }

    /** The strings of a JSON array written by {@link #stringArray}. */
    public static List<String> strings(String json) {
        try (JsonReader reader = reader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        }
    }

    public static JsonObject parseObject(String text) {
        try (JsonReader reader = reader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
