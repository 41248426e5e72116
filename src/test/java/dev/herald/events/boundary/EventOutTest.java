package dev.herald.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.events.control.RecordedEvent;
import dev.herald.platform.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The answer to a single publish, built directly, is byte for byte what JSON-B wrote before. */
class EventOutTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    static Stream<RecordedEvent> events() {
        JsonObject data = Jsons.parseObject("""
                {"b": 1, "a": "Grüße \\"quoted\\" \\\\ / \\u0001 \\u2028 😀", "n": [1.50, -0, 1e3, 12345678901234567890],
                 "o": {"z": null, "y": true, "x": {}}, "e": []}""");
        return Stream.of(
                event("rel_abc123", data, Instant.parse("2026-12-02T20:49:43.613Z")),
                event(null, data, Instant.parse("2026-12-02T20:49:43Z")),
                event("subject with \"quotes\"", Jsons.object().build(), Instant.parse("2026-12-02T20:49:43.000001Z")),
                event("s", Jsons.object().build(), Instant.parse("1970-01-01T00:00:00.120Z")));
    }

    @ParameterizedTest
    @MethodSource("events")
    void isWhatJsonBindingWrites(RecordedEvent event) {
        assertEquals(JSONB.toJson(EventOut.of(event)), EventOut.json(event).toString());
    }

    /** A replay answers its data as stored (as {@code HashChain} stores it: the parsed data's own text). */
    @ParameterizedTest
    @MethodSource("events")
    void aReplayWithItsStoredDataIsTheSameBytesAsTheEventWithItsDataParsed(RecordedEvent event) {
        RecordedEvent withoutData = new RecordedEvent(
                event.id(),
                event.tenantId(),
                event.type(),
                event.subject(),
                null,
                event.createdAt(),
                event.sequence(),
                true,
                true);
        assertEquals(
                EventOut.json(event).toString(),
                EventOut.json(withoutData, event.data().toString()));
    }

    private static RecordedEvent event(String subject, JsonObject data, Instant at) {
        return new RecordedEvent(
                "evt_01m8w8ad5p9edg8a2f122pkqas",
                "ten_01m8w8ad0vwkev4jcnaphz6sm1",
                "build.finished",
                subject,
                data,
                at,
                7,
                false,
                true);
    }
}
