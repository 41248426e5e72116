package dev.herald.governance;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.it.HeraldProcess;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expiry timers raise {@code approval.expired} and {@code license.expired} exactly once:
 * for what fell due while Herald was down (killed), and with two instances on one database
 * whose timers race for the same rows.
 */
class ExpiryIT {

    private static final String ADMIN = "expiry-test-admin-token-0123456789";
    private static final int EACH = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(HeraldServer.ownDatabase("herald_expiry"));
        env.putAll(Map.of(
                "HERALD_ADMIN_TOKEN",
                ADMIN,
                "HERALD_GOVERNANCE_EXPIRY_CHECK_INTERVAL",
                "PT0.2S",
                "HERALD_DELIVERY_POLL_INTERVAL",
                "PT0.2S",
                "HERALD_DELIVERY_ALLOWED_NETWORKS",
                "127.0.0.0/8",
                "HERALD_SUBSCRIPTION_VALIDATE",
                "false",
                // Instances that share a database share the key its secrets are sealed with.
                "HERALD_CRYPTO_KEY",
                Base64.getEncoder().encodeToString(new byte[32])));
        if (!HeraldServer.onPostgres()) {
            // Both instances open one H2 file: the first serves it to the second.
            env.put("HERALD_DB_URL", "jdbc:h2:file:" + dataDir.resolve("herald") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        }
        return env;
    }

    @Test
    void dueApprovalsAndLicensesExpireExactlyOnceAfterACrashAndWithTwoInstances() {
        Map<String, String> env = environment();
        try (Receiver receiver = Receiver.start()) {
            String token;
            List<String> approvals = new ArrayList<>();
            List<String> licenses = new ArrayList<>();
            Instant due;
            try (HeraldProcess first = HeraldProcess.start(dataDir.resolve("a"), env)) {
                token = first.api(ADMIN)
                        .body("{\"name\":\"expiry\"}")
                        .post("tenants")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("token");
                first.api(token)
                        .body("{\"url\":\"" + receiver.url("/hooks")
                                + "\",\"events\":[\"approval.expired\",\"license.expired\"]}")
                        .post("webhooks")
                        .then()
                        .statusCode(201);
                due = Instant.now().plusSeconds(6);
                createDue(first, token, "before-crash", due, approvals, licenses);
                first.kill();
            }
            Instant fellDue = due;
            await().atMost(WAIT).until(() -> Instant.now().isAfter(fellDue));

            try (HeraldProcess restarted = HeraldProcess.start(dataDir.resolve("a"), env);
                    HeraldProcess second = HeraldProcess.start(dataDir.resolve("b"), env)) {
                awaitAllExpired(restarted, token, approvals, licenses);
                // Both instances running now: what falls due is raced for by two timers.
                // Due far enough ahead that creating them all on a loaded machine ends before it.
                createDue(second, token, "two-instances", Instant.now().plusSeconds(8), approvals, licenses);
                awaitAllExpired(restarted, token, approvals, licenses);

                assertExactlyOnce(restarted, token, "approval.expired", "approval_id", approvals);
                assertExactlyOnce(second, token, "license.expired", "license_id", licenses);
                receiver.await(approvals.size() + licenses.size(), WAIT);
                // Both instances appended to the tenant's history: it is still one unbroken chain.
                second.api(token).get("events/verify").then().body("valid", equalTo(true));
            }
        }
    }

    private static void createDue(
            HeraldProcess server,
            String token,
            String product,
            Instant due,
            List<String> approvals,
            List<String> licenses) {
        for (int i = 0; i < EACH; i++) {
            String release = server.api(token)
                    .body("{\"productId\":\"" + product + "\",\"version\":\"1." + i + "\",\"channel\":\"stable\"}")
                    .post("releases")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            approvals.add(server.api(token)
                    .body("{\"releaseId\":\"" + release + "\",\"expiresAt\":\"" + due + "\"}")
                    .post("approvals")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
            licenses.add(server.api(token)
                    .body("{\"productId\":\"" + product + "\",\"licensee\":\"l" + i + "\",\"expiresAt\":\"" + due
                            + "\"}")
                    .post("licenses")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
        }
    }

    private static void awaitAllExpired(
            HeraldProcess server, String token, List<String> approvals, List<String> licenses) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertEquals(approvals.size(), (int) server.api(token)
                    .get("approvals?status=expired&pageSize=200")
                    .then()
                    .extract()
                    .path("total"));
            assertEquals(licenses.size(), (int) server.api(token)
                    .get("licenses?status=expired&pageSize=200")
                    .then()
                    .extract()
                    .path("total"));
        });
    }

    private static void assertExactlyOnce(
            HeraldProcess server, String token, String type, String idField, List<String> ids) {
        JsonPath events = server.api(token)
                .get("events?type=" + type + "&pageSize=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> raisedFor = events.getList("items.data." + idField);
        Map<String, Long> times =
                raisedFor.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(
                ids.stream().collect(Collectors.toMap(Function.identity(), id -> 1L)),
                times,
                type + " raised once for each");
    }
}
