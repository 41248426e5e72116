package dev.herald.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.it.HeraldProcess;
import dev.herald.it.HeraldServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant publishes events of 1 MiB (the default largest body) of values as dense as allowed,
 * then repeats their idempotency keys in a thousand small publishes at once, on a server with the
 * README's heap (320 MiB). A repeat answers its key's first event, data and all (API.md), so each
 * small request asks for 1 MiB of answer: each is answered with the same bytes as the first
 * publish was, another tenant's publishes are recorded meanwhile, and the heap never runs out.
 * Until 2026-12-07 each repeat read and parsed its key's event inside the tenant's commit batch,
 * some ten times its text, and the batch held them all until its last call was answered: this
 * test ran the heap out, and the process ended.
 */
class RepeatedKeysIT {

    private static final String ADMIN = "repeated-keys-admin-token-0123456789";
    private static final int EVENT_BYTES = 1024 * 1024;
    private static final int KEYS = 24;
    private static final int REPEATS = 1000;

    @TempDir
    Path dataDir;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aThousandRepeatsOfLargeEventsKeysAreAnsweredOrRefusedWithoutRunningTheHeapOut() throws Exception {
        Assumptions.assumeFalse(HeraldServer.onPostgres(), "the H2 run of the suite");
        Map<String, String> env = HeraldProcess.withDefaultBodyLimits(Map.of("HERALD_ADMIN_TOKEN", ADMIN));
        try (HeraldProcess herald = HeraldProcess.start(dataDir, env)) {
            String token = herald.newTenant(ADMIN, "repeater");
            String quiet = herald.newTenant(ADMIN, "quiet");
            List<String> firstAnswers = new ArrayList<>();
            for (int key = 0; key < KEYS; key++) {
                firstAnswers.add(herald.api(token)
                        .body(denseEvent(key))
                        .post("events")
                        .then()
                        .statusCode(202)
                        .extract()
                        .asString());
            }

            List<CompletableFuture<HttpResponse<String>>> repeats = new ArrayList<>();
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                repeats.add(publish(herald, token, repeatOf(repeat % KEYS)));
            }
            for (int i = 0; i < 20; i++) {
                herald.api(quiet)
                        .body("{\"type\":\"build.finished\",\"data\":{\"n\":" + i + "}}")
                        .post("events")
                        .then()
                        .statusCode(202);
            }

            for (int repeat = 0; repeat < REPEATS; repeat++) {
                HttpResponse<String> answer = repeats.get(repeat).get(3, TimeUnit.MINUTES);
                assertEquals(202, answer.statusCode(), answer.body());
                assertEquals(
                        "true",
                        answer.headers().firstValue("Idempotent-Replayed").orElse(null));
                assertEquals(firstAnswers.get(repeat % KEYS), answer.body(), "the first event, data and all");
            }
            int recorded = herald.api(token)
                    .get("events?pageSize=1")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("total");
            assertEquals(KEYS, recorded, "a repeat records nothing");
            assertFalse(herald.log().contains("OutOfMemoryError"), "the heap never ran out");
        }
    }

    private CompletableFuture<HttpResponse<String>> publish(HeraldProcess herald, String token, String body) {
        return client.sendAsync(
                HttpRequest.newBuilder(herald.base().resolve("api/v1/events"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An event of 1 MiB whose data is a list of zeros, three bytes each (as dense as allowed). */
    private static String denseEvent(int key) {
        String head = "{\"type\":\"build.finished\",\"idempotencyKey\":\"key-" + key + "\",\"data\":{\"values\":[";
        int values = (EVENT_BYTES - head.length() - 8) / 3;
        return head + "0 ,".repeat(values) + "0]}}";
    }

    private static String repeatOf(int key) {
        return "{\"type\":\"build.finished\",\"idempotencyKey\":\"key-" + key + "\",\"data\":{}}";
    }
}
