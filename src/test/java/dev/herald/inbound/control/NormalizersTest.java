package dev.herald.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.inbound.entity.IntegrationType;
import dev.herald.platform.json.JsonBodies;
import dev.herald.platform.json.Jsons;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each sender's payloads (real examples from their documentation, in src/test/resources/inbound)
 * normalize to the shape filters and components match on, without a server.
 */
class NormalizersTest {

    /** Each fixture with what it normalizes to, in inbound/normalized.json. */
    static Stream<Arguments> payloads() throws IOException {
        JsonObject expected;
        try (InputStream in = NormalizersTest.class.getResourceAsStream("/inbound/normalized.json")) {
            expected = Jsons.reader(in).readObject();
        }
        return expected.entrySet().stream().map(entry -> {
            JsonObject item = entry.getValue().asJsonObject();
            return Arguments.of(
                    entry.getKey(),
                    IntegrationType.valueOf(item.getString("integration")),
                    item.getString("eventHeader", ""),
                    item.getString("eventName"),
                    item.getJsonObject("normalized"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void normalizesEachSendersPayload(
            String fixture, IntegrationType type, String eventHeader, String eventName, JsonObject expected)
            throws IOException {
        byte[] body = fixture(fixture);
        InboundCall call = call(eventHeader, body);
        JsonObject json = JsonBodies.parseObject(body);
        Normalizer normalizer = Normalizers.of(type);

        Normalizer.Result result = normalizer.normalize(call, json);

        assertEquals(eventName, normalizer.eventName(call, json));
        assertNull(result.ignoredBecause());
        assertEquals(expected, result.event().toJson());
        assertEquals(result.event(), NormalizedEvent.fromJson(result.event().toJson()), "a receipt keeps it as JSON");
    }

    @Test
    void ignoresWhatIsNotAChangeWithAReason() throws IOException {
        assertTrue(ignored(IntegrationType.GITHUB, "github-ping.json", "ping").contains("ping"));
        assertTrue(
                ignored(IntegrationType.REGISTRY_PUSH, "harbor-scan.json", "").contains("not a push"));
        assertTrue(ignored(IntegrationType.GITHUB, "github-push-tag.json", "").contains("No X-GitHub-Event"));
        assertTrue(ignored(IntegrationType.GITLAB, "gitlab-push.json", "").contains("No X-Gitlab-Event"));
        assertTrue(
                ignored(IntegrationType.GITHUB, "github-push-tag.json", "star").contains("'star'"));
    }

    @Test
    void aDeletedBranchIsNotAPush() {
        byte[] body = ("{\"ref\":\"refs/heads/old\",\"after\":\"0000000000000000000000000000000000000000\","
                        + "\"repository\":{\"full_name\":\"o/r\"}}")
                .getBytes(StandardCharsets.UTF_8);
        Normalizer.Result result =
                Normalizers.of(IntegrationType.GITHUB).normalize(call("push", body), JsonBodies.parseObject(body));
        assertNull(result.event());
        assertTrue(result.ignoredBecause().contains("deleted"));
    }

    @Test
    void aGenericPayloadIsKeptWhole() {
        byte[] body = "{\"repository\":\"acme/api\",\"anything\":{\"deep\":[1,2]}}".getBytes(StandardCharsets.UTF_8);
        JsonObject json = JsonBodies.parseObject(body);
        NormalizedEvent event = Normalizers.of(IntegrationType.GENERIC)
                .normalize(call("", body), json)
                .event();
        assertEquals("generic", event.kind());
        assertEquals("acme/api", event.repository());
        assertEquals(json, event.payload());
    }

    private static String ignored(IntegrationType type, String fixture, String eventHeader) throws IOException {
        byte[] body = fixture(fixture);
        Normalizer.Result result =
                Normalizers.of(type).normalize(call(eventHeader, body), JsonBodies.parseObject(body));
        assertNull(result.event());
        return result.ignoredBecause();
    }

    private static InboundCall call(String eventHeader, byte[] body) {
        return new InboundCall(
                eventHeader.isEmpty() ? Map.of() : Map.of("x-github-event", eventHeader, "x-gitlab-event", eventHeader),
                Map.of(),
                body);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = NormalizersTest.class.getResourceAsStream("/inbound/" + name)) {
            return in.readAllBytes();
        }
    }
}
