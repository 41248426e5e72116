package dev.herald.platform;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.HeraldProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded file database keeps everything across a restart: tenants, tokens, event
 * types and subscriptions with their sealed secrets, which the kept key file still opens.
 */
@EnabledIfEnvironmentVariable(
        named = "HERALD_DB_URL",
        matches = "jdbc:h2:.*",
        disabledReason = "a restart of the embedded H2 file database")
class RestartIT {

    private static final Pattern GENERATED_TOKEN = Pattern.compile("Generated the admin token.*?: (hrld_[\\w-]+)");

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsEverythingAndTheGeneratedAdminToken() {
        // No herald.admin-token: the first start generates one and logs it, once.
        Map<String, String> env = Map.of("HERALD_ADMIN_TOKEN", "");
        String adminToken;
        String tenantToken;
        String subscriptionId;
        String subscriptionBefore;
        String secret;
        try (HeraldProcess server = HeraldProcess.start(dataDir, env)) {
            Matcher generated = GENERATED_TOKEN.matcher(server.log());
            assertTrue(generated.find(), "the first start logs the generated admin token");
            adminToken = generated.group(1);
            tenantToken = server.api(adminToken)
                    .body("{\"name\":\"survivor\"}")
                    .post("tenants")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("token");
            server.api(tenantToken)
                    .body("{\"name\":\"canary.promoted\",\"description\":\"d\",\"schema\":{}}")
                    .post("event-types")
                    .then()
                    .statusCode(201);
            subscriptionId = server.api(tenantToken)
                    .body("""
                    {"name": "kept", "url": "https://93.184.216.34/in", "events": ["canary.promoted"],
                     "headers": {"x-api-key": "k"}, "authType": "bearer", "credentials": {"token": "t"}}""")
                    .post("webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            subscriptionBefore =
                    server.api(tenantToken).get("webhooks/" + subscriptionId).asString();
            secret = server.api(tenantToken)
                    .get("webhooks/" + subscriptionId + "/secret")
                    .path("secret");
            server.stop();
        }

        try (HeraldProcess server = HeraldProcess.start(dataDir, env)) {
            assertFalse(GENERATED_TOKEN.matcher(server.log()).find(), "the token is generated only once");
            server.api(adminToken).get("tenants?pageSize=200").then().statusCode(200);
            assertEquals(
                    subscriptionBefore,
                    server.api(tenantToken).get("webhooks/" + subscriptionId).asString());
            server.api(tenantToken)
                    .get("webhooks/" + subscriptionId + "/secret")
                    .then()
                    .body("secret", equalTo(secret));
            server.api(tenantToken).get("event-types/canary.promoted").then().statusCode(200);
        }
    }
}
