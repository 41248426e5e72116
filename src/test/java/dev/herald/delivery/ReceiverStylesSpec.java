package dev.herald.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.CatalogSchemas;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Receivers written for other webhook senders accept Herald's deliveries unchanged, once the
 * subscription presents them in that sender's style (API.md "Subscriptions", presentation).
 * Each receiver is a program of docs/receiving, the very files docs/receiving.md shows, run
 * by its own interpreter: Python's with {@code hmac.compare_digest}, Node's with
 * {@code crypto.timingSafeEqual}, Java's with {@code MessageDigest.isEqual}. Each must accept
 * a real delivery and reject the same delivery tampered with.
 */
public abstract class ReceiverStylesSpec {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RECEIVERS = "docs/receiving/";
    private static final String SECRET = "a-shared-secret-of-more-than-32-chars";
    /** What a client may not set, and what the attempt log masks. */
    private static final Set<String> NOT_REPLAYED = Set.of("content-length", "host", "connection", "user-agent");

    private final HttpClient http = HttpClient.newHttpClient();
    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant();
    }

    @Test
    void aBigPictureReceiverInPythonTakesHeraldsReleaseHooks() {
        try (ReceiverProcess receiver =
                ReceiverProcess.start("python3", RECEIVERS + "receiver.py", "bigpicture", SECRET)) {
            Delivered delivered = takesItAndRefusesItTampered(
                    receiver,
                    "bigpicture",
                    "release.created",
                    "{\"release_id\":\"rel_1\",\"product_id\":\"prod_1\",\"version\":\"1.0.0\",\"channel\":\"stable\"}",
                    "ok release.created at ",
                    "stable",
                    "beta");
            CatalogSchemas.assertValidPayload(delivered.body());
        }
    }

    @Test
    void aStellaReceiverInPythonTakesBareHexSignaturesAndItsOwnHeaders() {
        try (ReceiverProcess receiver = ReceiverProcess.start("python3", RECEIVERS + "receiver.py", "stella", SECRET)) {
            // A deployment as Puppet Pipelines describes one, beside Herald's required fields.
            Delivered delivered = takesItAndRefusesItTampered(
                    receiver,
                    "stella",
                    "deployment.completed",
                    """
                    {"deployment_id": "dep_1", "environment": "production", "app_name": "shop-api",
                     "env_name": "production", "release_version": "v12", "num_servers": 4, "num_success": 4,
                     "num_failed": 0, "html_url": "https://ci.example.com/shop-api/deployments/1"}""",
                    "ok deployment.completed dlv_",
                    "production",
                    "staging");
            assertTrue(delivered.line().matches("ok deployment\\.completed dlv_\\S+ at \\d{10}"), delivered.line());
            CatalogSchemas.assertValidPayload(delivered.body());
        }
    }

    @Test
    void anITwinReceiverInNodeTakesTheSignatureHeader() {
        try (ReceiverProcess receiver = ReceiverProcess.start("node", RECEIVERS + "receiver.js", "itwin", SECRET)) {
            takesItAndRefusesItTampered(
                    receiver,
                    "itwin",
                    "release.created",
                    "{\"release_id\":\"rel_2\",\"product_id\":\"prod_1\",\"version\":\"2.0.0\",\"channel\":\"stable\"}",
                    "ok release.created dlv_",
                    "2.0.0",
                    "6.6.6");
        }
    }

    @Test
    void aBigPandaReceiverInNodeTakesTheIncidentObjectWithItsKeyHeader() throws Exception {
        String key = "bp-key-0123456789";
        try (ReceiverProcess receiver = ReceiverProcess.start("node", RECEIVERS + "receiver.js", "bigpanda", key)) {
            String id = subscribe(
                    receiver,
                    "[\"incident.*\"]",
                    "{\"preset\":\"bigpanda\"}",
                    ",\"headers\":{\"X-Api-Key\":\"" + key + "\"}");
            tenant.api()
                    .get("webhooks/" + id)
                    .then()
                    .body("presentation.preset", equalTo("bigpanda"))
                    .body("presentation", hasKey("signatureHeader"))
                    .body("presentation.signatureHeader", nullValue())
                    .body("presentation.body", equalTo("data"))
                    .body("presentation.standardWebhooks", equalTo(true));
            // BigPanda's incident object, with Herald's three required fields beside it.
            String incident = """
                    {"incident_id": "inc_1", "title": "Checkout errors", "severity": "critical",
                     "id": "inc_1", "status": "active", "active": true, "flapping": false,
                     "snooze": {"snoozed": false}, "startedOn": 1767225600, "changedOn": 1767225660,
                     "updatedOn": 1767225660, "alerts": [{"id": "al_1", "status": "critical", "severity": "critical",
                       "description": "5xx above 2 %", "primary_property": "host", "secondary_property": "check",
                       "source_system": "prometheus", "tags": ["checkout"], "properties": {"host": "web-1"}}],
                     "incidentTags": [{"tag_id": "team", "tag_value": "payments"}],
                     "metadata": {"sender": "bigpanda", "environment": "production"},
                     "event_types": ["incident.shared"]}""";
            String eventId = publish("incident.shared", incident);
            receiver.awaitLine("ok incident inc_1 active");
            String deliveryId = succeeded(eventId);
            JsonPath attempt = attempt(deliveryId);
            assertEquals("inc_1", new JsonPath(attempt.getString("requestBody")).getString("id"));
            CatalogSchemas.assertValid("incident.shared", attempt.getString("requestBody"));
            assertNull(attempt.get("requestHeaders.X-Herald-Signature"));
            String body = attempt.getString("requestBody");
            assertEquals(204, post(receiver, Map.of("X-Api-Key", key), body));
            assertEquals(401, post(receiver, Map.of("X-Api-Key", "bp-key-guessed-00000"), body));
        }
    }

    @Test
    void aPuppetPipelinesReceiverInPythonTakesTheBuildObjectSignedByStandardWebhooks() {
        try (ReceiverProcess receiver =
                ReceiverProcess.start("python3", RECEIVERS + "receiver.py", "puppet-pipelines", SECRET)) {
            // Puppet Pipelines' build object, with Herald's required build_id beside it.
            Delivered delivered = takesItAndRefusesItTampered(
                    receiver,
                    "puppet-pipelines",
                    "build.finished",
                    """
                    {"build_id": "b_42", "status": "success", "build_num": 42, "app_name": "shop-api",
                     "commit": {"branch": "main", "commit_id": "9fceb02", "committer": "dana", "msg": "Fix checkout",
                       "repo_name": "shop-api", "repo_owner": "acme", "url": "https://git.example.com/acme/shop-api"},
                     "create_time": "2026-01-15T10:00:00Z", "start_time": "2026-01-15T10:00:05Z",
                     "end_time": "2026-01-15T10:04:00Z", "html_url": "https://ci.example.com/shop-api/42"}""",
                    "ok build 42 of shop-api: success",
                    "success",
                    "failure");
            CatalogSchemas.assertValid("build.finished", delivered.body());
        }
    }

    @Test
    void heraldsOwnHeadersVerifyInJavaPythonNodeAndGo() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<ReceiverProcess> receivers = List.of(
                ReceiverProcess.start(java, RECEIVERS + "Receiver.java", SECRET),
                ReceiverProcess.start("python3", RECEIVERS + "receiver.py", "herald", SECRET),
                ReceiverProcess.start("node", RECEIVERS + "receiver.js", "herald", SECRET),
                ReceiverProcess.start("go", "run", RECEIVERS + "receiver.go", SECRET));
        try {
            for (ReceiverProcess receiver : receivers) {
                subscribe(receiver, "[\"build.started\"]", null, "");
            }
            String eventId = publish("build.started", "{\"build_id\":\"b_7\"}");
            for (ReceiverProcess receiver : receivers) {
                receiver.awaitLine("ok build.started dlv_");
            }
            List<String> deliveries = await().atMost(WAIT)
                    .until(
                            () -> tenant.api()
                                    .get("events/" + eventId)
                                    .then()
                                    .extract()
                                    .jsonPath()
                                    .<String>getList("deliveries.findAll { it.status == 'succeeded' }.id"),
                            ids -> ids.size() == receivers.size());
            for (String deliveryId : deliveries) {
                ReceiverProcess receiver = receivers.stream()
                        .filter(r -> r.url().equals(attempt(deliveryId).getString("url")))
                        .findFirst()
                        .orElseThrow();
                assertEquals(204, replay(receiver, deliveryId, null, null));
                assertEquals(401, replay(receiver, deliveryId, "b_7", "b_8"));
            }
        } finally {
            receivers.forEach(ReceiverProcess::close);
        }
    }

    /** What a receiver printed for a delivery, and the body it got. */
    private record Delivered(String line, String body) {}

    /**
     * The receiver, subscribed with {@code preset} to {@code type}, takes the event's delivery
     * (printing a line that starts with {@code line}), takes it again as the attempt log shows
     * it, and refuses it with {@code from} changed to {@code to} in its body.
     */
    private Delivered takesItAndRefusesItTampered(
            ReceiverProcess receiver, String preset, String type, String data, String line, String from, String to) {
        subscribe(receiver, "[\"" + type + "\"]", "{\"preset\":\"" + preset + "\"}", "");
        String eventId = publish(type, data);
        String printed = receiver.awaitLine(line);
        String deliveryId = succeeded(eventId);
        assertEquals(204, replay(receiver, deliveryId, null, null));
        assertEquals(401, replay(receiver, deliveryId, from, to));
        return new Delivered(printed, attempt(deliveryId).getString("requestBody"));
    }

    /** Answers the new subscription's id. */
    private String subscribe(ReceiverProcess receiver, String events, String presentation, String extraFields) {
        String presented = presentation == null ? "" : ",\"presentation\":" + presentation;
        return tenant.api()
                .body("{\"url\":\"" + receiver.url() + "\",\"events\":" + events + ",\"secret\":\"" + SECRET + "\""
                        + presented + extraFields + "}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String publish(String type, String data) {
        return tenant.api()
                .body("{\"type\":\"" + type + "\",\"data\":" + data + "}")
                .post("events")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    /** The event's one delivery, once the receiver accepted it. */
    private String succeeded(String eventId) {
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("events/" + eventId)
                        .then()
                        .body("deliveries", hasSize(1))
                        .body("deliveries[0].status", equalTo("succeeded")));
        return tenant.api().get("events/" + eventId).then().extract().path("deliveries[0].id");
    }

    private JsonPath attempt(String deliveryId) {
        return tenant.api()
                .get("deliveries/" + deliveryId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("attempts[0]");
    }

    /**
     * Sends the delivery's first attempt again, as the attempt log shows it; with {@code from}
     * replaced by {@code to} in its body unless they are null.
     */
    private int replay(ReceiverProcess receiver, String deliveryId, String from, String to) {
        JsonPath attempt = attempt(deliveryId);
        Map<String, String> headers = attempt.getMap("requestHeaders");
        Map<String, String> sent = new java.util.HashMap<>();
        headers.forEach((name, value) -> {
            if (!NOT_REPLAYED.contains(name.toLowerCase())) {
                sent.put(name, value);
            }
        });
        String body = attempt.getString("requestBody");
        if (from != null) {
            assertTrue(body.contains(from), body);
            body = body.replace(from, to);
        }
        return post(receiver, sent, body);
    }

    private int post(ReceiverProcess receiver, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver.url()))
                .timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One of docs/receiving's receivers, running as a process of its own on a free loopback port. */
    static final class ReceiverProcess implements AutoCloseable {

        private final Process process;
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final int port;

        private ReceiverProcess(Process process) {
            this.process = process;
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader out = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line; (line = out.readLine()) != null; ) {
                                lines.add(line);
                            }
                        } catch (IOException e) {
                            lines.add("(output ended: " + e + ")");
                        }
                    },
                    "receiver-output");
            reader.setDaemon(true);
            reader.start();
            // Go compiles first: a minute on a busy machine.
            String listening = awaitLine("listening ", Duration.ofSeconds(120));
            this.port =
                    Integer.parseInt(listening.substring("listening ".length()).trim());
        }

        static ReceiverProcess start(String... command) {
            try {
                return new ReceiverProcess(
                        new ProcessBuilder(command).redirectErrorStream(true).start());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot start " + String.join(" ", command) + " (python3 and node come"
                                + " with the machine; .ci/run installs Debian's golang-go)",
                        e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + port + "/hooks";
        }

        /** The first line it printed that starts with {@code prefix}, waiting for it. */
        String awaitLine(String prefix) {
            return awaitLine(prefix, WAIT);
        }

        private String awaitLine(String prefix, Duration wait) {
            return await().atMost(wait)
                    .until(
                            () -> {
                                synchronized (lines) {
                                    return lines.stream()
                                            .filter(line -> line.startsWith(prefix))
                                            .findFirst()
                                            .orElseGet(() -> process.isAlive()
                                                    ? null
                                                    : failed("ended (exit " + process.exitValue()
                                                            + ") without printing '" + prefix + "': " + lines));
                                }
                            },
                            line -> line != null);
        }

        private static String failed(String message) {
            throw new AssertionError("The receiver " + message);
        }

        @Override
        public void close() {
            // go run starts the compiled receiver as a child of its own.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
