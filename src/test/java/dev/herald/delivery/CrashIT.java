package dev.herald.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.HeraldProcess;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import dev.herald.it.Receiver.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing accepted is lost when the server is killed: deliveries in flight at a SIGKILL,
 * and accepted events not yet sent, all reach the receiver after a restart, and the only
 * duplicates are the requests that were in flight when the process died.
 */
class CrashIT {

    private static final int EVENTS = 40;
    private static final String ADMIN = "crash-test-admin-token-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void deliveriesInFlightAtASigkillAreAllDeliveredAfterRestartWithDuplicatesOnlyFromThoseInFlight() {
        Map<String, String> env = new HashMap<>(HeraldServer.ownDatabase("herald_crash"));
        env.putAll(Map.of(
                "HERALD_ADMIN_TOKEN",
                ADMIN,
                "HERALD_DELIVERY_LEASE",
                "PT10S",
                "HERALD_DELIVERY_POLL_INTERVAL",
                "PT0.2S",
                "HERALD_DELIVERY_ALLOWED_NETWORKS",
                "127.0.0.0/8"));
        try (Receiver receiver = Receiver.start()) {
            // A slow receiver: the first attempts are all still open when the process dies.
            receiver.respond(request -> Reply.ok().after(Duration.ofSeconds(3)));
            String token;
            String subscription;
            Set<String> beforeKill;
            try (HeraldProcess first = HeraldProcess.start(dataDir, env)) {
                token = first.api(ADMIN)
                        .body("{\"name\":\"crash\"}")
                        .post("tenants")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("token");
                subscription = first.api(token)
                        .body("{\"url\":\"" + receiver.url("/hooks")
                                + "\",\"events\":[\"build.finished\"],\"timeout\":10000}")
                        .post("webhooks")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
                for (int i = 0; i < EVENTS; i++) {
                    first.api(token)
                            .body("{\"type\":\"build.finished\",\"data\":{\"build_id\":\"b" + i
                                    + "\",\"status\":\"success\"}}")
                            .post("events")
                            .then()
                            .statusCode(202);
                }
                receiver.await(10, Duration.ofSeconds(30));
                first.kill();
                beforeKill = ids(receiver.requests());
            }
            receiver.respond(request -> Reply.ok());

            try (HeraldProcess second = HeraldProcess.start(dataDir, env)) {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertEquals(EVENTS, (int) second.api(token)
                                .get("webhooks/" + subscription + "/deliveries?status=succeeded")
                                .then()
                                .extract()
                                .path("total")));
                List<Receiver.Request> all = receiver.requests();
                assertEquals(EVENTS, ids(all).size(), "every accepted event reached the receiver");
                int duplicates = all.size() - EVENTS;
                assertTrue(
                        duplicates <= beforeKill.size(),
                        duplicates + " duplicates, at most the " + beforeKill.size()
                                + " requests in flight at the kill");
                Map<String, Long> timesSent =
                        all.stream().collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
                timesSent.forEach((id, count) -> assertTrue(
                        count == 1 || beforeKill.contains(id) && count == 2, id + " was sent " + count + " times"));
            }
        }
    }

    private static Set<String> ids(List<Receiver.Request> requests) {
        return requests.stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }
}
