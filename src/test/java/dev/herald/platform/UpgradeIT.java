package dev.herald.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.it.HeraldProcess;
import dev.herald.it.Receiver;
import dev.herald.it.Receiver.Request;
import dev.herald.it.V11Fixture;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by the Herald of schema V11 (rows exported from a real one, see
 * {@code upgrade/v11/fixture.sql}) upgrades to today's schema: every secret still opens (now
 * bound to its row), every subscription still delivers with its headers and credentials, the
 * integration still verifies its sender, the hash chain still verifies, and the attempts
 * logged before the upgrade still show the body they sent.
 */
class UpgradeIT {

    private static final String ADMIN = "upgrade-test-admin-token-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void aV11DatabaseUpgradesWithEverySecretReadableEverySubscriptionUsableAndTheChainVerifiable() throws Exception {
        Properties fixture = V11Fixture.properties();
        Map<String, String> env = V11Fixture.ownDatabase(dataDir, "herald_upgrade");
        env.putAll(Map.of(
                "HERALD_ADMIN_TOKEN",
                ADMIN,
                "HERALD_CRYPTO_KEY",
                fixture.getProperty("crypto.key"),
                "HERALD_SUBSCRIPTION_VALIDATE",
                "false",
                "HERALD_DELIVERY_ALLOWED_NETWORKS",
                "127.0.0.0/8"));
        V11Fixture.write(env);

        try (Receiver receiver = Receiver.start();
                HeraldProcess herald = HeraldProcess.start(dataDir, env)) {
            String token = fixture.getProperty("tenant.token");
            String signed = fixture.getProperty("signed.subscription");
            String basic = fixture.getProperty("basic.subscription");

            assertEquals(List.of(), unboundSealedValues(env), "every sealed value is bound to its row");
            herald.api(token)
                    .get("webhooks/" + signed + "/secret")
                    .then()
                    .statusCode(200)
                    .body("secret", equalTo(fixture.getProperty("signed.secret")));

            for (String subscription : List.of(signed, basic)) {
                herald.api(token)
                        .body("{\"url\":\"" + receiver.url("/" + subscription) + "\"}")
                        .patch("webhooks/" + subscription)
                        .then()
                        .statusCode(200);
            }
            herald.api(token)
                    .body("{\"type\":\"release.created\",\"subject\":\"rel_after\",\"data\":{"
                            + "\"release_id\":\"rel_after\",\"product_id\":\"prod_fixture\",\"version\":\"1.1.0\","
                            + "\"channel\":\"stable\"}}")
                    .post("events")
                    .then()
                    .statusCode(202);
            List<Request> arrived = receiver.await(2, Duration.ofSeconds(30));
            Request toSigned = only(arrived, "/" + signed);
            Request toBasic = only(arrived, "/" + basic);
            assertEquals(
                    "sha256=" + hmacHex(fixture.getProperty("signed.secret"), toSigned.body()),
                    toSigned.header("X-Herald-Signature").split(",")[0],
                    "signed with the secret kept across the upgrade");
            assertEquals(fixture.getProperty("signed.header.X-Api-Key"), toSigned.header("X-Api-Key"));
            assertEquals(
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((fixture.getProperty("basic.username") + ":"
                                                    + fixture.getProperty("basic.password"))
                                            .getBytes(StandardCharsets.UTF_8)),
                    toBasic.header("Authorization"));

            String push =
                    "{\"ref\":\"refs/heads/main\",\"after\":\"def456\",\"repository\":{\"full_name\":\"acme/app\"}}";
            given().baseUri(herald.base().toString())
                    .basePath("api/v1")
                    .contentType(ContentType.JSON)
                    .header("X-GitHub-Event", "push")
                    .header("X-GitHub-Delivery", "after-upgrade-1")
                    .header("X-Hub-Signature-256", "sha256=" + hmacHex(fixture.getProperty("integration.secret"), push))
                    .body(push)
                    .post("inbound/" + fixture.getProperty("integration"))
                    .then()
                    .statusCode(200)
                    .body("success", equalTo(true));

            herald.api(token)
                    .get("events/verify")
                    .then()
                    .statusCode(200)
                    .body("valid", equalTo(true))
                    .body("checked", equalTo(6));

            // A token issued before scopes keeps doing everything (admin), as the actor its events named until now.
            String tenant = "ten_01m8s22zjcmav3mgnhza57xe8v";
            herald.api(token)
                    .get("tenants/" + tenant + "/tokens")
                    .then()
                    .statusCode(200)
                    .body("items[0].id", equalTo("tok_01m8s22zjedfv83b2mh3hja9da"))
                    .body("items[0].actor", equalTo("tok_01m8s22zjedfv83b2mh3hja9da"))
                    .body("items[0].scopes", contains("admin"));
            herald.api(token)
                    .body("{\"name\":\"after-upgrade\",\"rules\":{\"requireApproval\":true}}")
                    .post("policies")
                    .then()
                    .statusCode(201)
                    .body("rules.separationOfDuties", equalTo(true));
            herald.api(token)
                    .body("{\"actor\":\"bot\",\"scopes\":[\"read\"]}")
                    .post("tenants/" + tenant + "/tokens")
                    .then()
                    .statusCode(201);
            herald.api(token).get("audit").then().statusCode(200).body("total", equalTo(5));

            var failed = herald.api(token)
                    .get("webhooks/" + basic + "/deliveries?status=failed")
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].attemptCount", equalTo(3))
                    .body("items[0].attempts.requestBody", contains(nullValue(), nullValue(), nullValue()))
                    .extract()
                    .jsonPath();
            herald.api(token)
                    .get("deliveries/" + failed.getString("items[0].id"))
                    .then()
                    .statusCode(200)
                    .body("attempts", hasSize(3))
                    .body("attempts.requestBody", not(contains(nullValue(), nullValue(), nullValue())))
                    .body("attempts[2].requestBody", org.hamcrest.Matchers.containsString("rel_fixture1"));
        }
    }

    private static List<String> unboundSealedValues(Map<String, String> env) throws SQLException {
        try (Connection connection = V11Fixture.connect(env);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT id FROM subscriptions WHERE secret_sealed NOT LIKE 'v2:%'"
                                + " OR previous_secret_sealed NOT LIKE 'v2:%' OR headers_sealed NOT LIKE 'v2:%'"
                                + " OR credentials_sealed NOT LIKE 'v2:%' UNION SELECT id FROM integrations"
                                + " WHERE secret_sealed NOT LIKE 'v2:%' OR token_sealed NOT LIKE 'v2:%'")) {
            List<String> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    private static Request only(List<Request> requests, String path) {
        List<Request> matching =
                requests.stream().filter(request -> request.path().equals(path)).toList();
        assertEquals(1, matching.size(), "requests to " + path + ": " + requests);
        return matching.get(0);
    }

    private static String hmacHex(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
