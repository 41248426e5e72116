package dev.herald.platform;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each operation answers when it succeeds, for the OpenAPI document: its status, media
 * type and an example body. The examples are answers Herald gave in its own integration suite
 * (recorded by the tests' {@code ResponseRecorder} with {@code -Dherald.openapi.write=true}
 * into {@code META-INF/openapi-examples.json}), so they show what the API really returns.
 */
final class OpenApiResponseExamples {

    static final String RESOURCE = "/META-INF/openapi-examples.json";

    /** One operation's success: {@code example} is empty for a 204. */
    record Success(int status, String mediaType, Optional<Object> example) {

        String description() {
            return switch (status) {
                case 201 -> "Created";
                case 202 -> "Accepted";
                case 204 -> "No content";
                default -> "OK";
            };
        }
    }

    private final Map<String, Success> byOperation;

    private OpenApiResponseExamples(Map<String, Success> byOperation) {
        this.byOperation = byOperation;
    }

    static OpenApiResponseExamples load() {
        try (InputStream in = OpenApiResponseExamples.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new OpenApiResponseExamples(Map.of());
            }
            try (JsonReader reader = Json.createReader(in)) {
                return of(reader.readObject());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    static OpenApiResponseExamples of(JsonObject recorded) {
        Map<String, Success> byOperation = new LinkedHashMap<>();
        recorded.forEach((operation, value) -> {
            JsonObject success = value.asJsonObject();
            byOperation.put(
                    operation,
                    new Success(
                            success.getInt("status"),
                            success.getString("mediaType", "application/json"),
                            Optional.ofNullable(success.get("example")).map(OpenApiResponseExamples::plain)));
        });
        return new OpenApiResponseExamples(byOperation);
    }

    /** The success of {@code method} (upper case) on {@code path} (the document's template). */
    Optional<Success> of(String method, String path) {
        return Optional.ofNullable(byOperation.get(method + " " + path));
    }

    /** Plain Java values, which the OpenAPI writer serializes as they are. */
    static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asJsonObject().forEach((name, member) -> map.put(name, plain(member)));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(item -> list.add(plain(item)));
                yield list;
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER ->
                ((JsonNumber) value).isIntegral()
                        ? (Object) ((JsonNumber) value).longValue()
                        : ((JsonNumber) value).doubleValue();
            case TRUE -> true;
            case FALSE -> false;
            case NULL -> null;
        };
    }
}
