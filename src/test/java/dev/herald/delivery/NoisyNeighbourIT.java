package dev.herald.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.HeraldProcess;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import dev.herald.it.Receiver.Reply;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow endpoint costs its own tenant, not others: while 200 deliveries of one tenant (and a
 * burst of its test sends) hang on an endpoint that does not answer, another tenant's
 * deliveries and API calls complete. Structure, not timing: the slow endpoint answers nothing
 * until the test lets it, so everything the other tenant gets, it gets before those. Its
 * in-flight cap is its endpoint's and its backlog is set below its 200 deliveries, so those
 * beyond both wait in the database (held back by the workers unopened, given back by the
 * pump) and still arrive, once each, when the endpoint answers.
 */
class NoisyNeighbourIT {

    private static final String ADMIN = "noisy-test-admin-token-0123456789";
    private static final int SLOW_SUBSCRIPTIONS = 200;
    /** The defaults of herald.delivery.endpoint-concurrency and herald.delivery.test.tenant-concurrency. */
    private static final int ENDPOINT_CAP = 16;

    private static final int TEST_CAP = 2;
    /** herald.delivery.tenant-backlog here: 200 - 16 - 100 deliveries find it full. */
    private static final int BACKLOG = 100;

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void aTenantsSlowEndpointHoldsOnlyItsOwnShareWhileAnotherTenantIsServed() throws Exception {
        Map<String, String> env = new HashMap<>(HeraldServer.ownDatabase("herald_noisy"));
        env.putAll(Map.of(
                "HERALD_ADMIN_TOKEN",
                ADMIN,
                "HERALD_SUBSCRIPTION_VALIDATE",
                "false",
                "HERALD_DELIVERY_ALLOWED_NETWORKS",
                "127.0.0.0/8",
                "HERALD_DELIVERY_TENANT_BACKLOG",
                String.valueOf(BACKLOG),
                "HERALD_DELIVERY_BUSY_HOLD",
                "PT2S",
                "HERALD_DELIVERY_TENANT_CONCURRENCY",
                String.valueOf(ENDPOINT_CAP)));
        CountDownLatch slowAnswers = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(64);
        try (Receiver slow = Receiver.start();
                Receiver fast = Receiver.start();
                HeraldProcess herald = HeraldProcess.start(dataDir, env)) {
            slow.respond(request -> {
                awaitOpen(slowAnswers);
                return Reply.ok();
            });
            String noisy = herald.newTenant(ADMIN, "noisy");
            String quiet = herald.newTenant(ADMIN, "quiet");
            List<String> slowSubscriptions = new ArrayList<>();
            for (int i = 0; i < SLOW_SUBSCRIPTIONS; i++) {
                slowSubscriptions.add(subscribe(herald, noisy, slow.url("/hooks/" + i)));
            }
            subscribe(herald, quiet, fast.url("/hooks"));

            String slowEvent = publish(herald, noisy);
            slow.await(ENDPOINT_CAP, Duration.ofSeconds(30));
            List<Future<Response>> tests = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String subscription = slowSubscriptions.get(i);
                tests.add(callers.submit(() -> herald.api(noisy).post("webhooks/" + subscription + "/test")));
            }
            List<Integer> refusedTests = new ArrayList<>();
            await().atMost(WAIT)
                    .until(() -> tests.stream().filter(Future::isDone).count() >= 64 - TEST_CAP);
            for (Future<Response> test : tests) {
                if (test.isDone()) {
                    Response refused = test.get();
                    refusedTests.add(refused.statusCode());
                    assertEquals("application/problem+json", refused.contentType());
                    assertTrue(refused.header("Retry-After") != null, "a refused test says when to try again");
                }
            }
            assertEquals(64 - TEST_CAP, refusedTests.size());
            slow.await(ENDPOINT_CAP + TEST_CAP, WAIT);
            assertTrue(refusedTests.stream().allMatch(status -> status == 429), "refused tests: " + refusedTests);

            for (int i = 0; i < 20; i++) {
                publish(herald, quiet);
            }
            fast.await(20, WAIT);
            herald.api(quiet).get("webhooks").then().statusCode(200);
            herald.api(quiet).get("events?pageSize=5").then().statusCode(200);
            io.restassured.RestAssured.given()
                    .baseUri(herald.base().toString())
                    .get("health/ready")
                    .then()
                    .statusCode(200);
            assertEquals(
                    ENDPOINT_CAP + TEST_CAP,
                    slow.requests().size(),
                    "the slow endpoint got its tenant's cap of deliveries and of tests, and nothing more yet");

            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertEquals(
                            SLOW_SUBSCRIPTIONS - ENDPOINT_CAP - BACKLOG,
                            heldInTheDatabase(herald, noisy, slowEvent),
                            "the deliveries beyond the tenant's backlog went back to the database to wait"));

            slowAnswers.countDown();
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> herald.api(noisy)
                            .get("events/" + slowEvent)
                            .then()
                            .body("deliveries.status", everyItem(equalTo("succeeded"))));
            herald.api(noisy)
                    .get("events/" + slowEvent)
                    .then()
                    .body("deliveries.size()", equalTo(SLOW_SUBSCRIPTIONS))
                    .body("deliveries.attempts", everyItem(equalTo(1)));
            for (Future<Response> test : tests) {
                assertTrue(test.get(30, TimeUnit.SECONDS).statusCode() != 500);
            }
        } finally {
            slowAnswers.countDown();
            callers.shutdownNow();
        }
    }

    /**
     * The event's deliveries that were put back to wait: due {@code herald.delivery.busy-hold}
     * (2 s here) after it, where the others were due as it was recorded.
     */
    private static long heldInTheDatabase(HeraldProcess herald, String token, String eventId) {
        JsonPath event = herald.api(token)
                .get("events/" + eventId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Instant recorded = Instant.parse(event.getString("timestamp"));
        List<String> due = event.getList("deliveries.nextAttemptAt");
        return due.stream()
                .filter(at -> Instant.parse(at).isAfter(recorded.plusSeconds(1)))
                .count();
    }

    private static void awaitOpen(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String subscribe(HeraldProcess herald, String token, String url) {
        return herald.api(token)
                .body("{\"url\":\"" + url + "\",\"events\":[\"build.finished\"],\"timeout\":60000}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String publish(HeraldProcess herald, String token) {
        return herald.api(token)
                .body("{\"type\":\"build.finished\",\"data\":{\"build_id\":\"b\",\"status\":\"success\"}}")
                .post("events")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }
}
