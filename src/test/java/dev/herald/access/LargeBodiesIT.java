package dev.herald.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four tenants send their largest batch (8 MiB of ordinary events, the default limit) at the same
 * moment, three times, to a server with the README's heap (320 MiB); then their senders 32
 * verified inbound webhooks of 1 MiB of dense JSON at once. Each batch is either
 * recorded ({@code 202}) or refused at once ({@code 429} with {@code Retry-After}); the heap is
 * never run out. Until 2026-12-07 the instance took four tenants' largest bodies at once whatever
 * its heap: two of these batches at once ran it out, and H2 then closed the database, every call
 * of every tenant a {@code 500} until a restart. H2's run of the suite only: the failure it
 * guards against is the same on both databases, and the embedded one is where it is fatal.
 */
class LargeBodiesIT {

    private static final String ADMIN = "large-bodies-admin-token-0123456789";
    private static final int TENANTS = 4;
    private static final int ROUNDS = 3;
    private static final int EVENTS_A_BATCH = 500;
    private static final int LARGEST_BATCH_BYTES = 8 * 1024 * 1024;
    /** The default largest single body, and how many fill an integration's share arriving. */
    private static final int INBOUND_BYTES = 1024 * 1024;

    private static final int INBOUND_AT_ONCE = LARGEST_BATCH_BYTES / INBOUND_BYTES;

    @TempDir
    Path dataDir;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void tenantsLargestBatchesAtOnceAreRecordedOrRefusedWithoutRunningTheHeapOut() throws Exception {
        Assumptions.assumeFalse(HeraldServer.onPostgres(), "the H2 run of the suite");
        Map<String, String> env = HeraldProcess.withDefaultBodyLimits(Map.of("HERALD_ADMIN_TOKEN", ADMIN));
        ExecutorService senders = Executors.newFixedThreadPool(TENANTS * INBOUND_AT_ONCE);
        try (HeraldProcess herald = HeraldProcess.start(dataDir, env)) {
            List<String> tokens = new ArrayList<>();
            for (int tenant = 0; tenant < TENANTS; tenant++) {
                tokens.add(herald.newTenant(ADMIN, "large-bodies-" + tenant));
            }
            int[] recorded = new int[TENANTS];
            for (int round = 0; round < ROUNDS; round++) {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int tenant = 0; tenant < TENANTS; tenant++) {
                    String batch = largestBatch(round * TENANTS + tenant);
                    String token = tokens.get(tenant);
                    answers.add(senders.submit(() -> publish(herald, token, batch)));
                }
                int recordedThisRound = 0;
                for (int tenant = 0; tenant < TENANTS; tenant++) {
                    HttpResponse<String> answer = answers.get(tenant).get(3, TimeUnit.MINUTES);
                    if (answer.statusCode() == 202) {
                        recorded[tenant]++;
                        recordedThisRound++;
                    } else {
                        assertEquals(429, answer.statusCode(), answer.body());
                        assertTrue(answer.headers().firstValue("Retry-After").isPresent(), "Retry-After");
                    }
                }
                assertTrue(recordedThisRound >= 1, "at least the first of the round's batches is recorded");
            }
            for (int tenant = 0; tenant < TENANTS; tenant++) {
                int total = herald.api(tokens.get(tenant))
                        .get("events?pageSize=1")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("total");
                assertEquals(recorded[tenant] * EVENTS_A_BATCH, total, "every event of every 202 is recorded");
            }
            verifiedInboundBodiesAtOnceAreTakenOrRefused(herald, tokens, senders);
            assertFalse(herald.log().contains("OutOfMemoryError"), "the heap never ran out");
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * Each tenant's senders deliver eight verified inbound webhooks of 1 MiB of dense JSON at once
     * (the integration's share of bodies arriving): each is received ({@code 200}) or refused at
     * once ({@code 429}). They were parsed outside every bound of the heap, 32 at once here.
     */
    private void verifiedInboundBodiesAtOnceAreTakenOrRefused(
            HeraldProcess herald, List<String> tokens, ExecutorService senders) throws Exception {
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int tenant = 0; tenant < TENANTS; tenant++) {
            String integration = herald.api(tokens.get(tenant))
                    .body("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"inbound-token\"}")
                    .post("integrations")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            for (int call = 0; call < INBOUND_AT_ONCE; call++) {
                String body = denseInbound(tenant * INBOUND_AT_ONCE + call);
                answers.add(senders.submit(
                        () -> send(HttpRequest.newBuilder(herald.base().resolve("api/v1/inbound/" + integration))
                                .header("X-Herald-Token", "inbound-token")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)))));
            }
        }
        int received = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(3, TimeUnit.MINUTES);
            if (response.statusCode() == 200) {
                received++;
            } else {
                assertEquals(429, response.statusCode(), response.body());
            }
        }
        assertTrue(received >= 1, "at least the first is received");
    }

    /** A generic webhook of 1 MiB, most of it a list of zeros, three bytes each (as dense as allowed). */
    private static String denseInbound(int salt) {
        String head = "{\"tag\":\"v" + salt + "\",\"values\":[";
        int values = (INBOUND_BYTES - head.length() - 8) / 3;
        return head + "0 ,".repeat(values) + "0]}";
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> publish(HeraldProcess herald, String token, String batch) throws Exception {
        return send(HttpRequest.newBuilder(herald.base().resolve("api/v1/events/batch"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch)));
    }

    /**
     * 500 events of about 16 KiB each, their data a list of small objects, as a release's
     * component list is: some 6 bytes of text a value, parsed into about ten times its size.
     */
    private static String largestBatch(int salt) {
        int eventBytes = (LARGEST_BATCH_BYTES - 1024) / EVENTS_A_BATCH;
        StringBuilder batch = new StringBuilder(LARGEST_BATCH_BYTES).append("{\"events\":[");
        for (int event = 0; event < EVENTS_A_BATCH; event++) {
            int start = batch.length();
            batch.append(event == 0 ? "" : ",")
                    .append("{\"type\":\"release.created\",\"subject\":\"releases/")
                    .append(salt)
                    .append("\",\"idempotencyKey\":\"batch-")
                    .append(salt)
                    .append('-')
                    .append(event)
                    .append("\",\"data\":{\"components\":[");
            for (int item = 0; batch.length() - start < eventBytes - 80; item++) {
                batch.append(item == 0 ? "" : ",")
                        .append("{\"name\":\"c")
                        .append(item)
                        .append("\",\"version\":\"1.")
                        .append(item)
                        .append("\",\"ok\":true}");
            }
            batch.append("]}}");
        }
        return batch.append("]}").toString();
    }
}
