package dev.herald.platform.json;

import dev.herald.platform.ReadRoom;
import dev.herald.problems.InvalidInputException;
import dev.herald.problems.PayloadTooLargeProblem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request bodies: at most {@code herald.max-body-bytes} (a batch {@code herald.max-batch-body-bytes};
 * 413 beyond it, read no further), and
 * a JSON object or a 400 that says where the text stops being one. The JSON reader of every
 * resource uses it; so do the resources whose body is optional or must stay bytes.
 */
@ApplicationScoped
public class JsonBodies {

    @Inject
    @ConfigProperty(name = "herald.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    /** A batch's own limit: 500 events of a few KiB each are more than one event's limit allows. */
    @Inject
    @ConfigProperty(name = "herald.max-batch-body-bytes", defaultValue = "8388608")
    long maxBatchBodyBytes;

    /**
     * The call's room for what it works on: a body over 16 KiB takes its share of it before it
     * is parsed, since parsed and recorded it weighs many times its bytes.
     */
    @Inject
    ReadRoom workingRoom;

    @PostConstruct
    void check() {
        requireBetween("herald.max-body-bytes", maxBodyBytes, 1024);
        requireBetween("herald.max-batch-body-bytes", maxBatchBodyBytes, maxBodyBytes);
    }

    private static void requireBetween(String name, long value, long least) {
        if (value < least || value > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(
                    name + " must be " + least + " to " + (Integer.MAX_VALUE - 8) + " bytes, not " + value);
        }
    }

    /** The largest body accepted, in bytes: one event's, whether published alone or in a batch. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The largest batch body accepted, in bytes. */
    public long maxBatchBodyBytes() {
        return maxBatchBodyBytes;
    }

    /** A JSON object body. */
    public JsonObject readObject(InputStream body) throws IOException {
        return parseInRoom(readLimited(body));
    }

    /** A JSON object body that carries many items at once, up to {@code herald.max-batch-body-bytes}. */
    public JsonObject readBatch(InputStream body) throws IOException {
        return parseInRoom(readLimited(body, maxBatchBodyBytes));
    }

    /** For endpoints whose body is optional: nothing sent reads as {@code {}}. */
    public JsonObject readOptional(InputStream body) throws IOException {
        byte[] bytes = readLimited(body);
        return bytes.length == 0 ? JsonObject.EMPTY_JSON_OBJECT : parseInRoom(bytes);
    }

    private JsonObject parseInRoom(byte[] bytes) {
        workingRoom.take(bytes.length, most -> new PayloadTooLargeProblem(most));
        return parseObject(bytes);
    }

    /** The raw body (inbound signatures need the bytes). */
    public byte[] readLimited(InputStream body) throws IOException {
        return readLimited(body, maxBodyBytes);
    }

    /** The raw body, refused with 413 beyond {@code limit} bytes, read no further than that. */
    private static byte[] readLimited(InputStream body, long limit) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new PayloadTooLargeProblem(limit);
        }
        return bytes;
    }

    /**
     * The body as text, read as UTF-8 only (RFC 8259). Given bytes, the parser guessed UTF-16 and
     * UTF-32 from their zero bytes, and {@link JsonShape}, which scans the bytes as UTF-8, then
     * saw no number in a UTF-16 one: a 5,000-digit number got through and failed the parser (a
     * 500). A leading byte order mark is skipped, as the RFC allows.
     */
    private static String utf8(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw InvalidInputException.of("body", "is not UTF-8 text; send JSON encoded as UTF-8");
        }
        if (text.indexOf('\u0000') >= 0) { // JSON has no NUL outside an escape: UTF-16 or UTF-32
            throw InvalidInputException.of(
                    "body", "holds a zero byte, as UTF-16 and UTF-32 do; send JSON encoded as UTF-8");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** A JSON object, or a 400 that says where the text stops being one. */
    public static JsonObject parseObject(byte[] bytes) {
        if (bytes.length == 0) {
            throw InvalidInputException.of("body", "is empty; send a JSON object");
        }
        JsonShape.problemWith(bytes).ifPresent(problem -> {
            throw InvalidInputException.of("body", problem);
        });
        try (JsonReader reader = Jsons.reader(new StringReader(utf8(bytes)))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw InvalidInputException.of("body", "must be a JSON object, not " + JsonFields.describe(value));
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            var location = e.getLocation();
            throw InvalidInputException.of(
                    "body",
                    "is not valid JSON at line " + location.getLineNumber() + ", column " + location.getColumnNumber()
                            + ": " + e.getMessage());
        } catch (JsonException e) {
            throw InvalidInputException.of("body", "is not valid JSON: " + e.getMessage());
        }
    }
}
