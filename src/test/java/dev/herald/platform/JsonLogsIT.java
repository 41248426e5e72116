package dev.herald.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.HeraldProcess;
import dev.herald.it.Receiver;
import dev.herald.it.Receiver.Reply;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald on Payara Micro with server-config/logging-json.properties, as docs/operations.md
 * ("Logs") tells an operator to run it: every line is a JSON object, and the line about a
 * delivery that failed names its tenant, event, delivery, subscription and instance as fields.
 * Once, in the H2 run: the format does not depend on the database.
 */
@EnabledIfEnvironmentVariable(
        named = "HERALD_DB_URL",
        matches = "jdbc:h2:.*",
        disabledReason = "the log format is the same on either database")
class JsonLogsIT {

    private static final String ADMIN = "json-logs-admin-token-0123456789";
    private static final String INSTANCE = "json-logs-1";

    @TempDir
    Path dataDir;

    @Test
    void linesAreJsonAndNameTheIdsTheyConcern() {
        Map<String, String> env = Map.of(
                "HERALD_ADMIN_TOKEN",
                ADMIN,
                "HERALD_INSTANCE_ID",
                INSTANCE,
                "HERALD_SUBSCRIPTION_VALIDATE",
                "false",
                "HERALD_DELIVERY_ALLOWED_NETWORKS",
                "127.0.0.1/32");
        try (Receiver receiver = Receiver.start();
                HeraldProcess herald = HeraldProcess.start(
                        dataDir,
                        env,
                        HeraldProcess.RUN_OPTIONS,
                        List.of("--logproperties", HeraldProcess.serverConfig("logging-json.properties")))) {
            receiver.respond(request -> Reply.status(400)); // not retried: the delivery fails at once
            JsonPath tenant = herald.api(ADMIN)
                    .body("{\"name\":\"json-logs\"}")
                    .post("tenants")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();
            String token = tenant.getString("token");
            String subscription = herald.api(token)
                    .body("{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"build.finished\"]}")
                    .post("webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            String event = herald.api(token)
                    .body("{\"type\":\"build.finished\",\"data\":{\"build_id\":\"b\"," + "\"status\":\"failure\"}}")
                    .post("events")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");

            JsonPath failed = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> line(herald, "failed after 1 attempt(s): HTTP 400"), Optional::isPresent)
                    .get();
            assertEquals(tenant.getString("id"), failed.getString("tenantId"));
            assertEquals(event, failed.getString("eventId"));
            assertEquals(subscription, failed.getString("subscriptionId"));
            String delivery =
                    herald.api(token).get("events/" + event).then().extract().path("deliveries[0].id");
            assertEquals(delivery, failed.getString("deliveryId"));
            assertEquals(INSTANCE, failed.getString("instanceId"));
            assertEquals("INFO", failed.getString("Level"));

            JsonPath joined = line(herald, "joined;").orElseThrow(() -> new AssertionError("no line of the start"));
            assertEquals(INSTANCE, joined.getString("instanceId"));
            List<String> notJson = records(herald).stream()
                    .filter(record -> !record.startsWith("{"))
                    .toList();
            assertTrue(notJson.isEmpty(), "lines that are not JSON: " + notJson);
        }
    }

    /** The log's records: its non-blank lines once Payara's logging is configured (after the banner). */
    private static List<String> records(HeraldProcess herald) {
        List<String> lines =
                herald.log().lines().filter(line -> !line.isBlank()).toList();
        int first = 0;
        while (first < lines.size() && !lines.get(first).startsWith("{")) {
            first++;
        }
        return lines.subList(first, lines.size());
    }

    private static Optional<JsonPath> line(HeraldProcess herald, String messagePart) {
        return records(herald).stream()
                .filter(record -> record.startsWith("{"))
                .map(JsonPath::from)
                .filter(record -> String.valueOf(record.getString("LogMessage")).contains(messagePart))
                .findFirst();
    }
}
