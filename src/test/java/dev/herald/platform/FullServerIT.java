package dev.herald.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import dev.herald.it.HeraldServer;
import dev.herald.it.PayaraServer;
import dev.herald.it.Receiver;
import dev.herald.it.Receiver.Reply;
import dev.herald.it.Receiver.Request;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAR the build makes, unchanged, on the full Payara Server: a domain created and
 * configured with asadmin as docs/deploying.md says (MicroProfile Config properties in the
 * domain, no JDBC resource to create), then a publish, a signed delivery to a real receiver
 * and a verified history; server.log as JSON, whose line about a refused delivery names its ids.
 * Once, in the PostgreSQL run (a schema of its own), the database a full server runs Herald
 * with: the WAR loads either driver the same way, and every other test runs on both, so a
 * second full-server boot (a minute of the suite) would test nothing more.
 */
@EnabledIfEnvironmentVariable(
        named = "HERALD_DB_URL",
        matches = "jdbc:postgresql:.*",
        disabledReason = "the full server's deployment does not depend on the database")
class FullServerIT {

    private static final String ADMIN = "full-server-admin-token-0123456789";

    @TempDir
    Path work;

    @Test
    void theSameWarRunsOnTheFullServer() throws Exception {
        try (Receiver receiver = Receiver.start();
                PayaraServer server = PayaraServer.start(work.resolve("domains"))) {
            server.setConfig("herald.data-dir", work.resolve("data").toString());
            server.setConfig("herald.admin-token", ADMIN);
            server.setConfig("herald.public-url", server.base().toString());
            // A receiver on this machine, as the README's laptop walkthrough allows it.
            server.setConfig("herald.delivery.allowed-networks", "127.0.0.1/32");
            server.setConfig("herald.subscription.validate", "false");
            server.logAsJson();
            Map<String, String> database = HeraldServer.ownDatabase("herald_full_server");
            database.forEach(
                    (variable, value) -> server.setConfig(variable.toLowerCase().replace('_', '.'), value));
            server.deploy(Path.of(System.getProperty("herald.war")), "herald");

            given().baseUri(server.base().toString())
                    .get("health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'database' }.data.product", equalTo("PostgreSQL"));
            String token = api(server, ADMIN)
                    .body("{\"name\":\"full-server\"}")
                    .post("tenants")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("token");
            String secret = api(server, token)
                    .body("{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"build.finished\"]}")
                    .post("webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("secret");
            String refused = api(server, token)
                    .body("{\"url\":\"" + receiver.url("/refuses") + "\",\"events\":[\"build.finished\"]}")
                    .post("webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            receiver.respond(request -> request.path().equals("/refuses") ? Reply.status(400) : Reply.ok());
            String event = api(server, token)
                    .body("{\"type\":\"build.finished\",\"data\":{\"build_id\":\"b-1\",\"status\":\"success\"}}")
                    .post("events")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");

            Request delivered = receiver.await(1, request -> request.path().equals("/hooks"), Duration.ofSeconds(60))
                    .get(0);
            new Webhook(secret)
                    .verify(
                            delivered.body(),
                            Map.of(
                                    "webhook-id", List.of(delivered.header("webhook-id")),
                                    "webhook-timestamp", List.of(delivered.header("webhook-timestamp")),
                                    "webhook-signature", List.of(delivered.header("webhook-signature"))));
            assertEquals(event, JsonPath.from(delivered.body()).getString("eventId"));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> api(server, token)
                            .get("events/" + event)
                            .then()
                            .statusCode(200)
                            .body("deliveries.status", containsInAnyOrder("succeeded", "failed")));
            api(server, token)
                    .get("events/verify")
                    .then()
                    .statusCode(200)
                    .body("valid", equalTo(true))
                    .body("checked", equalTo(1));

            // The refused delivery's line in server.log, with the ids it concerns as fields.
            JsonPath failed;
            try {
                failed = await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> jsonLine(server.serverLog(), "failed after 1 attempt(s): HTTP 400"),
                                Optional::isPresent)
                        .get();
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(
                        "No such line in server.log; its lines of level WARNING or above, and any naming a delivery:\n"
                                + String.join("\n", notableLines(server.serverLog())),
                        e);
            }
            assertEquals(event, failed.getString("eventId"));
            assertEquals(refused, failed.getString("subscriptionId"));
            assertTrue(failed.getString("tenantId").startsWith("ten_"), failed.prettify());
            assertTrue(failed.getString("deliveryId").startsWith("dlv_"), failed.prettify());
            assertTrue(failed.getString("instanceId") != null, failed.prettify());
        }
    }

    private static Optional<JsonPath> jsonLine(Path log, String messagePart) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.startsWith("{"))
                .map(JsonPath::from)
                .filter(line -> String.valueOf(line.getString("LogMessage")).contains(messagePart))
                .findFirst();
    }

    private static List<String> notableLines(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains("\"SEVERE\"") || line.contains("\"WARNING\"") || line.contains("dlv_"))
                .toList();
    }

    private static RequestSpecification api(PayaraServer server, String token) {
        return given().baseUri(server.base().toString())
                .basePath("api/v1")
                .contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }
}
