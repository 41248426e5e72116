package dev.herald.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.HeraldProcess;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import dev.herald.it.Receiver.Reply;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away for 20 seconds under a running Herald and comes back: meanwhile the
 * API answers 503 problem+json with Retry-After (never 500) and readiness is DOWN without
 * internals; afterwards everything resumes without a restart of Herald, every timer still
 * fires, and nothing accepted is lost. The cluster is the test's own ({@code initdb}), not
 * the machine's shared server. Runs in the PostgreSQL run of the suite only.
 */
class OutageIT {

    private static final String ADMIN = "outage-test-admin-token-0123456789";
    private static final Path PG_BIN = Path.of("/usr/lib/postgresql");
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final int EVENTS = 20;

    @TempDir
    Path work;

    @Test
    void aDatabaseOutageIsA503WhileItLastsAndLosesNothing() throws Exception {
        Assumptions.assumeTrue(HeraldServer.onPostgres(), "the PostgreSQL run of the suite");
        try (Cluster cluster = Cluster.start(work.resolve("pg"));
                Receiver receiver = Receiver.start()) {
            Map<String, String> env = Map.of(
                    "HERALD_ADMIN_TOKEN",
                    ADMIN,
                    "HERALD_DB_URL",
                    "jdbc:postgresql://127.0.0.1:" + cluster.port + "/postgres",
                    "HERALD_DB_USER",
                    "postgres",
                    "HERALD_DB_PASSWORD",
                    "unused",
                    "HERALD_SUBSCRIPTION_VALIDATE",
                    "false",
                    "HERALD_DELIVERY_ALLOWED_NETWORKS",
                    "127.0.0.0/8",
                    "HERALD_DELIVERY_POLL_INTERVAL",
                    "PT0.5S",
                    "HERALD_SUBSCRIPTION_EXPIRY_CHECK_INTERVAL",
                    "PT1S",
                    "HERALD_GOVERNANCE_EXPIRY_CHECK_INTERVAL",
                    "PT1S",
                    "HERALD_DELIVERY_LEASE",
                    "PT10S");
            try (HeraldProcess herald = HeraldProcess.start(work.resolve("herald"), env)) {
                String token = herald.api(ADMIN)
                        .body("{\"name\":\"outage\"}")
                        .post("tenants")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("token");
                // Refused until the outage is over: what was accepted before it waits as retries.
                receiver.respond(request -> cluster.restarted ? Reply.ok() : Reply.status(503));
                String subscription = herald.api(token)
                        .body("{\"url\":\"" + receiver.url("/hooks")
                                + "\",\"events\":[\"build.finished\"],\"retryPolicy\":{\"maxRetries\":25,"
                                + "\"backoffType\":\"fixed\",\"backoffSeconds\":1}}")
                        .post("webhooks")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
                for (int i = 0; i < EVENTS; i++) {
                    publish(herald, token).then().statusCode(202);
                }
                receiver.await(EVENTS, Duration.ofSeconds(30));

                cluster.stop();
                Instant until = Instant.now().plus(OUTAGE);
                List<Integer> duringOutage = new ArrayList<>();
                while (Instant.now().isBefore(until)) {
                    Response answer = publish(herald, token);
                    duringOutage.add(answer.statusCode());
                    if (answer.statusCode() == 503) {
                        assertEquals("application/problem+json", answer.contentType());
                        assertTrue(answer.header("Retry-After") != null, "a 503 says when to try again");
                    }
                    Response ready = given().baseUri(herald.base().toString()).get("health/ready");
                    assertEquals(503, ready.statusCode(), "readiness is DOWN during the outage");
                    assertFalse(ready.asString().contains(String.valueOf(cluster.port)), ready.asString());
                    assertFalse(ready.asString().contains("127.0.0.1"), ready.asString());
                    TimeUnit.MILLISECONDS.sleep(500); // pacing the probe, not waiting for a condition
                }
                assertTrue(
                        duringOutage.stream().allMatch(status -> status == 503),
                        "answers during the outage: " + duringOutage);

                cluster.startAgain();
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> publish(herald, token).statusCode() == 202);
                for (int i = 1; i < EVENTS; i++) {
                    publish(herald, token).then().statusCode(202);
                }
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> herald.api(token)
                                .get("webhooks/" + subscription + "/deliveries?status=succeeded")
                                .then()
                                .body("total", equalTo(2 * EVENTS)));

                // Every timer still runs: subscription expiry and governance expiry fire after the outage.
                String expiring = herald.api(token)
                        .body("{\"url\":\"" + receiver.url("/other")
                                + "\",\"events\":[\"build.finished\"],\"expiresAt\":\""
                                + Instant.now().plusSeconds(3)
                                + "\"}")
                        .post("webhooks")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
                String release = herald.api(token)
                        .body("{\"productId\":\"p\",\"version\":\"1.0.0\",\"channel\":\"stable\"}")
                        .post("releases")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
                String approval = herald.api(token)
                        .body("{\"releaseId\":\"" + release + "\",\"expiresAt\":\""
                                + Instant.now().plusSeconds(3) + "\"}")
                        .post("approvals")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    herald.api(token).get("webhooks/" + expiring).then().body("status", equalTo("expired"));
                    herald.api(token).get("approvals/" + approval).then().body("status", equalTo("expired"));
                });
                assertFalse(herald.log().contains("failed deliveries"), "no timer was expunged");
            }
        }
    }

    private static Response publish(HeraldProcess herald, String token) {
        return herald.api(token)
                .body("{\"type\":\"build.finished\",\"data\":{\"build_id\":\"b\",\"status\":\"success\"}}")
                .post("events");
    }

    /** A PostgreSQL cluster of the test's own, made by initdb and run as the postgres user. */
    private static final class Cluster implements AutoCloseable {

        private final Path dataDir;
        private final Path bin;
        final int port;
        volatile boolean restarted;

        private Cluster(Path dataDir, Path bin, int port) {
            this.dataDir = dataDir;
            this.bin = bin;
            this.port = port;
        }

        static Cluster start(Path dataDir) throws IOException, InterruptedException {
            Path bin;
            try (var versions = Files.list(PG_BIN)) {
                bin = versions.sorted().reduce((a, b) -> b).orElseThrow().resolve("bin");
            }
            Files.createDirectories(dataDir);
            run("chown", "-R", "postgres", dataDir.getParent().toString());
            Cluster cluster = new Cluster(dataDir, bin, freePort());
            cluster.asPostgres(
                    bin.resolve("initdb").toString(),
                    "-D",
                    dataDir.toString(),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync");
            cluster.startAgain();
            cluster.restarted = false;
            return cluster;
        }

        void startAgain() throws IOException, InterruptedException {
            asPostgres(
                    bin.resolve("pg_ctl").toString(),
                    "-D",
                    dataDir.toString(),
                    "-w",
                    "-l",
                    dataDir.resolve("server.log").toString(),
                    "-o",
                    "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1",
                    "start");
            restarted = true;
        }

        void stop() throws IOException, InterruptedException {
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-m", "fast", "stop");
        }

        @Override
        public void close() throws Exception {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                stop();
            }
        }

        private void asPostgres(String... command) throws IOException, InterruptedException {
            List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
            full.addAll(List.of(command));
            run(full.toArray(String[]::new));
        }

        private static void run(String... command) throws IOException, InterruptedException {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
