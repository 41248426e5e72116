package dev.herald.platform.json;

import dev.herald.platform.json.Jsons;
import dev.herald.problems.InvalidInputException;
import dev.herald.problems.PayloadTooLargeProblem;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads every JSON request body: enforces {@code herald.max-body-bytes} (413) and turns
 * malformed JSON into a 400 that says where it broke, before any resource sees it.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonBodyReader implements MessageBodyReader<JsonObject> {

    private final long maxBodyBytes = ConfigProvider.getConfig()
            .getOptionalValue("herald.max-body-bytes", Long.class).orElse(1_048_576L);

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        return parseObject(readLimited(body));
    }

    /** For endpoints whose body is optional: nothing sent reads as {@code {}}. */
    public JsonObject readOptional(InputStream body) throws IOException {
        byte[] bytes = readLimited(body);
        return bytes.length == 0 ? JsonObject.EMPTY_JSON_OBJECT : parseObject(bytes);
    }

    /** The raw body, refused with 413 beyond {@code herald.max-body-bytes} (inbound signatures need the bytes). */
    public byte[] readLimited(InputStream body) throws IOException {
        return readLimited(body, maxBodyBytes);
    }

    /** The raw body, refused with 413 beyond {@code limit} bytes, read no further than that. */
    public static byte[] readLimited(InputStream body, long limit) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new PayloadTooLargeProblem(limit);
        }
        return bytes;
    }

    /** A JSON object, or a 400 that says where the text stops being one. */
    public static JsonObject parseObject(byte[] bytes) {
        if (bytes.length == 0) {
            throw InvalidInputException.of("body", "is empty; send a JSON object");
        }
        JsonShape.problemWith(bytes).ifPresent(problem -> {
            throw InvalidInputException.of("body", problem);
        });
        try (JsonReader reader = Jsons.reader(new ByteArrayInputStream(bytes))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw InvalidInputException.of("body", "must be a JSON object, not " + JsonFields.describe(value));
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            var location = e.getLocation();
            throw InvalidInputException.of("body", "is not valid JSON at line " + location.getLineNumber()
                    + ", column " + location.getColumnNumber() + ": " + e.getMessage());
        } catch (JsonException e) {
            throw InvalidInputException.of("body", "is not valid JSON: " + e.getMessage());
        }
    }
}
