package dev.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.it.HeraldProcess;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ordered subject's next delivery goes as soon as the one ahead of it has ended, also when
 * it was set aside by a publish that committed while that one was ending. Until 2026-12-07 such
 * a delivery waited for the pump's next sorting of turns (every five ticks: five seconds by
 * default), and with three instances ordered subjects moved at about a delivery a second. Here
 * the pump ticks once a minute, so that no sorting comes to the rescue within the test's wait:
 * every delivery arrives, each subject's in order, only if each turn is taken up when it comes.
 * The PostgreSQL run of the suite only: the hand-over is the same on either database, but H2's
 * commits are quick enough that it did not show there (on the code before, this passed on H2
 * and timed out on PostgreSQL, the deliveries that waited for a sorting five minutes away).
 */
class OrderedTurnsIT {

    private static final String ADMIN = "ordered-turns-admin-token-0123456789";
    private static final int SUBJECTS = 100;
    private static final int BATCHES = 12;
    /** Far less than the pump's first sorting of turns: five ticks of a minute. */
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void aSubjectsDeliverySetAsideWhileTheOneAheadEndsGoesWithoutWaitingForThePump() {
        // ASSUME
        Map<String, String> env = new HashMap<>(HeraldServer.ownDatabase("herald_ordered_turns"));
        env.putAll(Map.of(
                "HERALD_ADMIN_TOKEN", ADMIN,
                "HERALD_DELIVERY_POLL_INTERVAL", "PT1M",
                "HERALD_DELIVERY_ALLOWED_NETWORKS", "127.0.0.0/8",
                "HERALD_SUBSCRIPTION_VALIDATE", "false"));
        try (Receiver receiver = Receiver.start();
                HeraldProcess herald = HeraldProcess.start(dataDir, env)) {
            String token = herald.api(ADMIN)
                    .body("{\"name\":\"ordered\"}")
                    .post("tenants")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("token");
            herald.api(token)
                    .body("{\"url\":\"" + receiver.url("/ordered")
                            + "\",\"events\":[\"build.finished\"],\"ordering\":\"subject\"}")
                    .post("webhooks")
                    .then()
                    .statusCode(201);
            // Batch after batch, one event of every subject in each: each batch's deliveries are
            // set aside behind the last batch's, which end while it commits.
            for (int batch = 0; batch < BATCHES; batch++) {
                StringBuilder events = new StringBuilder("{\"events\":[");
                for (int s = 0; s < SUBJECTS; s++) {
                    events.append(s == 0 ? "" : ",")
                            .append("{\"type\":\"build.finished\",\"subject\":\"s")
                            .append(s)
                            .append("\",\"data\":{\"build_id\":\"")
                            .append(batch)
                            .append("\",\"status\":\"success\"}}");
                }
                herald.api(token)
                        .body(events.append("]}").toString())
                        .post("events/batch")
                        .then()
                        .statusCode(202);
            }

            List<Receiver.Request> arrived = receiver.await(SUBJECTS * BATCHES, WAIT);
            assertEquals(SUBJECTS * BATCHES, arrived.size());
            Map<String, List<Integer>> bySubject = new HashMap<>();
            for (Receiver.Request request : arrived) {
                JsonPath body = JsonPath.from(request.body());
                bySubject
                        .computeIfAbsent(body.getString("subject"), s -> new ArrayList<>())
                        .add(Integer.parseInt(body.getString("data.build_id")));
            }
            bySubject.forEach((subject, batches) -> assertEquals(
                    batches.stream().sorted().toList(), batches, "subject " + subject + " arrived out of order"));
        }
    }
}
