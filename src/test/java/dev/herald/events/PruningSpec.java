package dev.herald.events;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import dev.herald.it.Receiver.Reply;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pruning the oldest events (docs/retention): the suite runs with
 * {@code herald.retention.events=P1D} and a sweep every 2 s, and these tests date a tenant's
 * first events three days back in the database. What goes leaves an anchor from which
 * {@code verify} proves the rest, and what reads history says where it stops.
 */
public abstract class PruningSpec {

    private static final Duration WAIT = Duration.ofSeconds(30);

    Receiver receiver;
    Tenant tenant;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        tenant = Api.newTenant();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void theOldestEventsGoWithTheirDeliveriesAndVerifyProvesTheRestFromTheAnchor() throws Exception {
        String oneTime = subscribe(",\"events\":[\"deployment.*\"],\"options\":{\"oneTime\":true}");
        String releaseId = tenant.draftRelease();
        for (int i = 1; i <= 4; i++) {
            publish("dep-" + i);
        }
        receiver.await(4, WAIT);
        // The three events that go (release.created, dep-1, dep-2) and the two that stay.
        List<Map<String, Object>> lines = exportLines();
        assertEquals(5, lines.size());
        String prunedEvent = (String) lines.get(1).get("id");
        String prunedDelivery = deliveryOf(prunedEvent);

        backdate(3);
        JsonPath verified = verifiedOncePrunedThrough(3);
        assertEquals(true, verified.get("valid"));
        assertEquals(3, verified.getInt("anchor.sequence"));
        assertEquals(lines.get(2).get("hash"), verified.get("anchor.hash"));
        assertTrue(
                Instant.parse(verified.get("anchor.recordedAt"))
                        .isBefore(Instant.now().minus(Duration.ofDays(2))),
                "the newest pruned event's (backdated) time");
        assertEquals(4, verified.getInt("firstSequence"));
        assertEquals(2, verified.getInt("checked"));

        List<Map<String, Object>> kept = exportLines();
        assertEquals(
                List.of(4, 5), kept.stream().map(line -> line.get("sequence")).toList());
        assertEquals(lines.get(2).get("hash"), kept.get(0).get("prevHash"), "the first kept event links to it");
        tenant.api().get("events/" + prunedEvent).then().statusCode(404);
        tenant.api().get("deliveries/" + prunedDelivery).then().statusCode(404);

        tenant.api()
                .get("releases/" + releaseId + "/timeline")
                .then()
                .statusCode(200)
                .body("items", hasSize(0))
                .body("prunedThrough", equalTo(verified.get("anchor.recordedAt")));

        // A oneTime subscription still knows the subject whose first delivery was pruned.
        String later = publish("dep-1");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("webhooks/" + oneTime + "/deliveries?status=" + "suppressed")
                        .then()
                        .body("items.eventId", hasItem(later)));

        String fresh = subscribe(",\"events\":[\"deployment.*\"]");
        tenant.api()
                .body("{\"since\":\"2020-01-01T00:00:00Z\"}")
                .post("webhooks/" + fresh + "/backfill")
                .then()
                .statusCode(202)
                .body("scheduled", equalTo(3))
                .body("prunedThrough", equalTo(verified.get("anchor.recordedAt")));
        tenant.api()
                .body("{\"since\":\"" + Instant.now().minusSeconds(60) + "\"}")
                .post("webhooks/" + fresh + "/backfill")
                .then()
                .statusCode(202)
                .body("prunedThrough", nullValue());
    }

    @Test
    void anEventWhoseDeliveryIsStillPendingStopsThePruning() throws Exception {
        receiver.respond(request -> request.body().contains("dep-2") ? Reply.status(503) : Reply.ok());
        String id = subscribe(",\"events\":[\"deployment.*\"],\"retryPolicy\":{\"maxRetries\":3,"
                + "\"backoffType\":\"fixed\",\"backoffSeconds\":3600}");
        List<String> events = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            events.add(publish("dep-" + i));
        }
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("webhooks/" + id + "/deliveries")
                        .then()
                        .body("items.findAll { it.attemptCount > 0 }", hasSize(3)));
        backdate(3);
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api().get("events/verify").then().body("anchor.sequence", equalTo(1)));
        // Several sweeps later the pruning still stops there. (The kept events were backdated
        // too, which their hashes record: verify rightly finds them altered.)
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(8))
                .untilAsserted(() -> tenant.api()
                        .get("events/verify")
                        .then()
                        .body("anchor.sequence", equalTo(1))
                        .body("firstSequence", equalTo(2)));
        tenant.api().get("events/" + events.get(0)).then().statusCode(404);
        tenant.api().get("events/" + events.get(1)).then().statusCode(200);
        tenant.api().get("events/" + events.get(2)).then().statusCode(200);
        tenant.api()
                .get("webhooks/" + id + "/deliveries?status=pending")
                .then()
                .body("total", equalTo(1))
                .body("items[0].eventId", equalTo(events.get(1)))
                .body("items[0].nextAttemptAt", notNullValue());
    }

    /**
     * A tenant whose every event was pruned (quiet for longer than the retention): verify proves
     * the empty rest from the anchor. It reported the first pruned event missing, a broken chain.
     */
    @Test
    void aHistoryPrunedToItsHeadVerifies() throws Exception {
        for (int i = 1; i <= 3; i++) {
            publish("quiet-" + i);
        }
        backdate(3);
        JsonPath verified = verifiedOncePrunedThrough(3);
        assertEquals(true, verified.get("valid"), verified.prettify());
        assertEquals(0, verified.getInt("checked"));
        tenant.api().get("events").then().body("total", equalTo(0));
        assertEquals(List.of(), exportLines());
    }

    /** The tenant's verification once the sweep has pruned through the event of that sequence. */
    private JsonPath verifiedOncePrunedThrough(int sequence) {
        return await().atMost(WAIT)
                .until(
                        () -> tenant.api()
                                .get("events/verify")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        verification -> verification.get("anchor") != null
                                && verification.getInt("anchor.sequence") >= sequence);
    }

    private String subscribe(String fields) {
        return tenant.api()
                .body("{\"url\":\"" + receiver.url("/hooks") + "\"" + fields + "}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String publish(String subject) {
        return tenant.api()
                .body("{\"type\":\"deployment.completed\",\"subject\":\"" + subject
                        + "\",\"data\":{\"deployment_id\":\"" + subject + "\",\"environment\":\"production\"}}")
                .post("events")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    private List<Map<String, Object>> exportLines() {
        String body = tenant.api()
                .get("events/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return body.lines()
                .filter(line -> !line.isEmpty())
                .map(line -> JsonPath.from(line).<String, Object>getMap(""))
                .toList();
    }

    private String deliveryOf(String eventId) {
        return tenant.api()
                .get("events/" + eventId)
                .then()
                .statusCode(200)
                .extract()
                .path("deliveries[0].id");
    }

    /** Dates the tenant's first {@code count} events three days back, as if they were recorded then. */
    private void backdate(int count) throws Exception {
        try (Connection db = HeraldServer.database();
                PreparedStatement update =
                        db.prepareStatement("UPDATE events SET created_at = ? WHERE tenant_id = ? AND sequence <= ?")) {
            update.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusDays(3));
            update.setString(2, tenant.id());
            update.setInt(3, count);
            assertEquals(count, update.executeUpdate());
        }
    }
}
