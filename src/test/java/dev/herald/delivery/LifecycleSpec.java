package dev.herald.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import dev.herald.it.Receiver.Reply;
import dev.herald.it.Receiver.Request;
import dev.herald.it.TableLock;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator does with a subscription over time: test it, replay, acknowledge, and its health. */
public abstract class LifecycleSpec {

    private static final Duration WAIT = Duration.ofSeconds(30);

    Receiver receiver;
    Receiver operations;
    Tenant tenant;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        operations = Receiver.start();
        tenant = Api.newTenant();
    }

    @AfterEach
    void stop() {
        receiver.close();
        operations.close();
    }

    String subscribe(Receiver to, String fields) {
        return tenant.api()
                .body("{\"url\":\"" + to.url("/hooks") + "\"" + fields + "}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    String publish(String type, String subject, String data) {
        String subjectField = subject == null ? "" : ",\"subject\":\"" + subject + "\"";
        return tenant.api()
                .body("{\"type\":\"" + type + "\"" + subjectField + ",\"data\":" + data + "}")
                .post("events")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    @Test
    void aTestSendsAPingNowAndAnswersWhatTheReceiverSaid() {
        receiver.respond(request -> Reply.status(202).withBody("pong"));
        String id = subscribe(receiver, ",\"events\":[\"release.*\"]");
        subscribe(operations, ",\"events\":[\"*\"]");
        JsonPath result = tenant.api()
                .post("webhooks/" + id + "/test")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("statusCode", equalTo(202))
                .body("response", equalTo("pong"))
                .body("responseTimeMs", greaterThanOrEqualTo(0))
                .extract()
                .jsonPath();
        Request ping = receiver.requests().get(0);
        assertEquals("webhook.ping", ping.header("X-Herald-Event"));
        assertEquals(result.getString("deliveryId"), ping.header("webhook-id"));
        tenant.api().get("deliveries/" + result.getString("deliveryId")).then().body("attempts", hasSize(1));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> operations.requests().isEmpty());
    }

    @Test
    void aTestOfANamedTypeSendsASampleBuiltFromItsSchemaAndFailuresAreNotRetriedNorHeldAgainstTheSubscription() {
        receiver.respond(request -> Reply.status(500));
        String id = subscribe(receiver, ",\"events\":[\"release.*\"]");
        subscribe(operations, ",\"events\":[\"delivery.exhausted\",\"webhook.disabled\"]");
        tenant.api()
                .body("{\"event\":\"release.created\"}")
                .post("webhooks/" + id + "/test")
                .then()
                .statusCode(200)
                .body("success", equalTo(false))
                .body("statusCode", equalTo(500));
        JsonPath body = new JsonPath(receiver.requests().get(0).body());
        assertEquals("sample-release_id", body.getString("data.release_id"));
        assertEquals("sample-channel", body.getString("data.channel"));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() ->
                        receiver.requests().size() == 1 && operations.requests().isEmpty());
        tenant.api()
                .get("webhooks/" + id)
                .then()
                .body("health.consecutiveFailures", equalTo(0))
                .body("health.failingSince", nullValue());
        tenant.api()
                .body("{\"event\":\"nope.nope\"}")
                .post("webhooks/" + id + "/test")
                .then()
                .statusCode(400);
        Api.newTenant().api().post("webhooks/" + id + "/test").then().statusCode(404);
    }

    @Test
    void aTestThatSucceedsClearsAFailingSubscriptionsRecord() {
        receiver.respond(request -> Reply.status(503));
        // Its retry is far off, so only the test can clear the record.
        String id = subscribe(
                receiver,
                ",\"events\":[\"build.started\"],"
                        + "\"retryPolicy\":{\"maxRetries\":3,\"backoffType\":\"fixed\",\"backoffSeconds\":600}");
        publish("build.started", null, "{\"build_id\":\"t1\"}");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("webhooks/" + id)
                        .then()
                        .body("health.consecutiveFailures", equalTo(1))
                        .body("health.failingSince", notNullValue()));
        receiver.respond(request -> Reply.ok());
        tenant.api().post("webhooks/" + id + "/test").then().statusCode(200).body("success", equalTo(true));
        tenant.api()
                .get("webhooks/" + id)
                .then()
                .body("health.consecutiveFailures", equalTo(0))
                .body("health.failingSince", nullValue());
    }

    @Test
    void aPausedSubscriptionsPendingDeliveriesAreHeldTogetherNotEachInTurn() {
        AtomicInteger calls = new AtomicInteger();
        // The first delivery's retry is due in ten minutes, the second's in 25 s (before the hold
        // interval, 30 s, ends): only the redelivery below takes the first up while paused.
        receiver.respond(
                request -> Reply.status(503).withHeader("Retry-After", calls.incrementAndGet() == 1 ? "600" : "25"));
        String id = subscribe(receiver, ",\"events\":[\"build.started\"]");
        publish("build.started", null, "{\"build_id\":\"h1\"}");
        receiver.await(1, WAIT);
        String first = newestDelivery(id, 1);
        publish("build.started", null, "{\"build_id\":\"h2\"}");
        receiver.await(2, WAIT);
        String second = newestDelivery(id, 2);
        Instant firstDue = Instant.parse(nextAttemptAt(first));
        Instant secondDue = Instant.parse(nextAttemptAt(second));
        tenant.api().body("{\"enabled\":false}").patch("webhooks/" + id).then().statusCode(200);
        // The first, taken up now, finds its subscription paused and is held for the hold
        // interval; the second, due before that, is held with it, not claimed again on its own.
        tenant.api().post("deliveries/" + first + "/redeliver").then().statusCode(202);
        await().atMost(WAIT).until(() -> {
            Instant held = Instant.parse(nextAttemptAt(first));
            return held.isAfter(secondDue) && held.isBefore(firstDue);
        });
        assertEquals(nextAttemptAt(first), nextAttemptAt(second));
        assertEquals(2, receiver.requests().size());
    }

    /** The subscription's newest delivery, once it has that many. */
    private String newestDelivery(String subscriptionId, int total) {
        return await().atMost(WAIT)
                .until(
                        () -> tenant.api()
                                .get("webhooks/" + subscriptionId + "/deliveries")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        page -> page.getInt("total") == total)
                .getString("items[0].id");
    }

    private String nextAttemptAt(String deliveryId) {
        return tenant.api()
                .get("deliveries/" + deliveryId)
                .then()
                .statusCode(200)
                .extract()
                .path("nextAttemptAt");
    }

    @Test
    void aTestGoesToAnActiveSubscriptionOnly() {
        String id = subscribe(receiver, ",\"events\":[\"release.*\"],\"enabled\":false");
        tenant.api()
                .post("webhooks/" + id + "/test")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("inactive"));
        assertTrue(receiver.requests().isEmpty());
    }

    @Test
    void testSendsBeyondTheTenantsShareAreRefused429() throws Exception {
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        receiver.respond(request -> {
            try {
                answer.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.ok();
        });
        String id = subscribe(receiver, ",\"events\":[\"release.*\"]");
        var callers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = callers.submit(
                    () -> tenant.api().post("webhooks/" + id + "/test").statusCode());
            var second = callers.submit(
                    () -> tenant.api().post("webhooks/" + id + "/test").statusCode());
            receiver.await(2, Duration.ofSeconds(30));
            tenant.api()
                    .post("webhooks/" + id + "/test")
                    .then()
                    .statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("detail", containsString("test sends waiting"));
            answer.countDown();
            assertEquals(200, first.get());
            assertEquals(200, second.get());
        } finally {
            answer.countDown();
            callers.shutdownNow();
        }
        receiver.respond(request -> Reply.ok());
        int refusedAt = -1;
        for (int i = 0; i < 40 && refusedAt < 0; i++) {
            var answered = tenant.api().post("webhooks/" + id + "/test");
            if (answered.statusCode() == 429) {
                refusedAt = i;
                assertTrue(answered.asString().contains("a minute"), answered.asString());
            }
        }
        assertTrue(refusedAt > 0, "the per-minute limit refuses a burst of tests");
        Tenant other = Api.newTenant();
        String theirs = other.api()
                .body("{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        other.api().post("webhooks/" + theirs + "/test").then().statusCode(200);
    }

    @Test
    void replaySendsFailedDeliveriesAgainUnderTheirIds() {
        AtomicInteger calls = new AtomicInteger();
        receiver.respond(request -> calls.incrementAndGet() <= 2 ? Reply.status(400) : Reply.ok());
        String id = subscribe(receiver, ",\"events\":[\"build.started\"]");
        String since = Instant.now().minusSeconds(5).toString();
        publish("build.started", null, "{\"build_id\":\"p1\"}");
        publish("build.started", null, "{\"build_id\":\"p2\"}");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("webhooks/" + id + "/deliveries?status=failed")
                        .then()
                        .body("total", equalTo(2)));
        tenant.api()
                .body("{\"since\":\"" + since + "\"}")
                .post("webhooks/" + id + "/replay")
                .then()
                .statusCode(202)
                .body("replayed", equalTo(2));
        List<Request> all = receiver.await(4, WAIT);
        assertEquals(2, all.stream().map(r -> r.header("webhook-id")).distinct().count());
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("webhooks/" + id + "/deliveries?status=succeeded")
                        .then()
                        .body("total", equalTo(2)));
        tenant.api()
                .body("{\"since\":\"yesterday\"}")
                .post("webhooks/" + id + "/replay")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("since"));
        tenant.api()
                .body("{\"since\":\"" + since + "\",\"status\":\"pending\"}")
                .post("webhooks/" + id + "/replay")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("status"));
    }

    @Test
    void aReceiverAcknowledgesWhatItMadeOfADelivery() {
        subscribe(receiver, ",\"events\":[\"incident.shared\"]");
        publish("incident.shared", "inc-9", "{\"incident_id\":\"inc-9\",\"title\":\"t\",\"severity\":\"high\"}");
        String deliveryId = receiver.await(1, WAIT).get(0).header("webhook-id");
        tenant.api().get("deliveries/" + deliveryId).then().body("acknowledgedAt", nullValue());
        tenant.api()
                .body("{\"externalId\":\"JIRA-1234\",\"status\":\"ticket_created\"}")
                .post("deliveries/" + deliveryId + "/callback")
                .then()
                .statusCode(200)
                .body("acknowledgedAt", notNullValue())
                .body("externalId", equalTo("JIRA-1234"))
                .body("acknowledgedStatus", equalTo("ticket_created"));
        tenant.api()
                .body("{\"ticket\":\"x\"}")
                .post("deliveries/" + deliveryId + "/callback")
                .then()
                .statusCode(400);
        Api.newTenant()
                .api()
                .body("{}")
                .post("deliveries/" + deliveryId + "/callback")
                .then()
                .statusCode(404);
        Api.anonymous()
                .body("{}")
                .post("deliveries/" + deliveryId + "/callback")
                .then()
                .statusCode(401);
    }

    @Test
    void aOneTimeSubscriptionGetsOnlyTheFirstEventOfEachSubject() {
        String id = subscribe(receiver, ",\"events\":[\"incident.*\"],\"options\":{\"oneTime\":true}");
        publish("incident.shared", "inc-1", "{\"incident_id\":\"inc-1\",\"title\":\"t\",\"severity\":\"low\"}");
        publish("incident.updated", "inc-1", "{\"incident_id\":\"inc-1\"}");
        publish("incident.shared", "inc-2", "{\"incident_id\":\"inc-2\",\"title\":\"t\",\"severity\":\"low\"}");
        receiver.await(2, WAIT);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.requests().size() == 2);
        tenant.api()
                .get("webhooks/" + id + "/deliveries?status=suppressed")
                .then()
                .body("total", equalTo(1))
                .body("items[0].event", equalTo("incident.updated"))
                .body("items[0].lastError", containsString("oneTime"));
    }

    @Test
    void withSharingUpdatesASubjectsUpdatesFollowOnlyItsShare() {
        String id = subscribe(
                receiver,
                ",\"events\":[\"incident.*\",\"policy.updated\"],\"ordering\":\"subject\","
                        + "\"options\":{\"sharingUpdates\":true}");
        tenant.api().get("webhooks/" + id).then().body("options.sharingUpdates", equalTo(true));
        publish("incident.updated", "inc-7", "{\"incident_id\":\"inc-7\",\"status\":\"investigating\"}");
        publish("incident.shared", "inc-8", "{\"incident_id\":\"inc-8\",\"title\":\"t\",\"severity\":\"low\"}");
        publish("incident.updated", "inc-8", "{\"incident_id\":\"inc-8\",\"status\":\"mitigated\"}");
        // Policies are never shared: their updates are not held.
        publish(
                "policy.updated",
                "pol-1",
                "{\"tenant_id\":\"" + tenant.id() + "\",\"policy_id\":\"pol-1\"," + "\"update_action\":\"updated\"}");
        receiver.await(3, WAIT);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.requests().size() == 3);
        assertEquals(
                List.of("incident.shared", "incident.updated"),
                receiver.requests().stream()
                        .map(request -> request.header("X-Herald-Event"))
                        .filter(type -> type.startsWith("incident"))
                        .toList());
        tenant.api()
                .get("webhooks/" + id + "/deliveries?status=suppressed")
                .then()
                .body("total", equalTo(1))
                .body("items[0].event", equalTo("incident.updated"))
                .body("items[0].lastError", containsString("inc-7"));
    }

    @Test
    void aQuotaHoldsWhatIsOverItUntilTheNextPeriodAndShowsItsUsage() {
        String id = subscribe(
                receiver,
                ",\"events\":[\"build.started\"],\"options\":{\"quota\":" + "{\"limit\":2,\"period\":\"PT4S\"}}");
        for (int i = 1; i <= 3; i++) {
            publish("build.started", null, "{\"build_id\":\"q" + i + "\"}");
        }
        List<Request> firstTwo = receiver.await(2, WAIT);
        tenant.api()
                .get("webhooks/" + id)
                .then()
                .body("usage.used", equalTo(2))
                .body("usage.available", equalTo(0))
                .body("usage.lastReset", notNullValue());
        tenant.api()
                .get("webhooks/" + id + "/deliveries?status=pending")
                .then()
                .body("total", equalTo(1))
                .body("items[0].attempts", hasSize(0))
                .body("items[0].nextAttemptAt", notNullValue());
        Request third = receiver.await(3, WAIT).get(2);
        long held = Duration.between(firstTwo.get(0).at(), third.at()).toMillis();
        assertTrue(held >= 3000, "the third waited for the next period: " + held + " ms");
    }

    @Test
    void aRateLimitSpreadsDeliveriesOutEachWaitingOneHeldAboutOnce() {
        subscribe(receiver, ",\"events\":[\"build.started\"],\"options\":{\"rateLimit\":10}");
        double heldBefore = throttledHolds();
        String item = "{\"type\":\"build.started\",\"data\":{\"build_id\":\"rl\"}}";
        tenant.api()
                .body("{\"events\":[" + String.join(",", java.util.Collections.nCopies(40, item)) + "]}")
                .post("events/batch")
                .then()
                .statusCode(202);
        List<Request> all = receiver.await(40, WAIT);
        long span = Duration.between(all.get(0).at(), all.get(39).at()).toMillis();
        // A burst of 10 goes at once, the other 30 at 10 a second.
        assertTrue(span >= 2500, "40 deliveries at 10 per second took " + span + " ms");
        // Held all until the rate's next free slot, the waiting ones came back together and all
        // but one were held again (59 holds in one run); each held near its own turn, each
        // comes back about once (30).
        double held = throttledHolds() - heldBefore;
        assertTrue(held <= 45, "holds of 30 throttled deliveries: " + held);
    }

    /** How many deliveries this server has held back for a rate limit or quota (from /metrics). */
    private static double throttledHolds() {
        String metrics = io.restassured.RestAssured.given()
                .baseUri(dev.herald.it.HeraldServer.base().toString())
                .get("metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(line -> line.startsWith("deliveries_held_total{") && line.contains("reason=\"throttled\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void backfillDeliversTheHistoryFromBeforeTheSubscriptionOldestFirst() {
        String since = Instant.now().minusSeconds(5).toString();
        for (int i = 1; i <= 3; i++) {
            publish("build.started", null, "{\"build_id\":\"old" + i + "\"}");
        }
        publish("incident.shared", null, "{\"incident_id\":\"i\",\"title\":\"t\",\"severity\":\"low\"}");
        String id = subscribe(receiver, ",\"events\":[\"build.*\"]");
        publish("build.started", null, "{\"build_id\":\"live\"}");
        tenant.api()
                .body("{\"since\":\"" + since + "\"}")
                .post("webhooks/" + id + "/backfill")
                .then()
                .statusCode(202)
                .body("scheduled", equalTo(3));
        receiver.await(4, WAIT);
        List<String> backfilled = receiver.requests().stream()
                .map(r -> new JsonPath(r.body()).getString("data.build_id"))
                .filter(build -> build.startsWith("old"))
                .toList();
        assertEquals(List.of("old1", "old2", "old3"), backfilled);
        tenant.api()
                .body("{\"since\":\"" + since + "\"}")
                .post("webhooks/" + id + "/backfill")
                .then()
                .statusCode(202)
                .body("scheduled", equalTo(0));
        tenant.api()
                .body("{\"types\":[]}")
                .post("webhooks/" + id + "/backfill")
                .then()
                .statusCode(400);
    }

    /**
     * A backfill's filters may take 64 events' worth of work in all: past it the backfill stops,
     * writing nothing more, and the next request goes on where it stopped. A {@code contains} of
     * 900 characters in a 16,000-character value is charged as a plain search, 14.4 million steps
     * (real work a few microseconds): 71 events fit. Before, each event had a budget of its own,
     * and one request could take ten minutes of a core.
     */
    @Test
    void aBackfillWhoseFiltersSpendItsWorkStopsAndTheNextRequestGoesOn() {
        String since = Instant.now().minusSeconds(5).toString();
        String text = "x".repeat(900);
        String event = "{\"type\":\"build.finished\",\"data\":{\"build_id\":\"b\",\"log\":\""
                + "a".repeat(16_000 - text.length()) + text + "\"}}";
        for (int batch = 0; batch < 8; batch++) {
            tenant.api()
                    .body("{\"events\":[" + String.join(",", java.util.Collections.nCopies(10, event)) + "]}")
                    .post("events/batch")
                    .then()
                    .statusCode(202);
        }
        String id = subscribe(
                receiver,
                ",\"events\":[\"build.finished\"],\"filters\":[{\"field\":\"data.log\","
                        + "\"operator\":\"contains\",\"value\":\"" + text + "\"}]");

        int first = backfill(id, since);
        int second = backfill(id, since);
        assertTrue(first > 0 && first < 80, first + " in the first request");
        assertEquals(80, first + second);
        assertEquals(0, backfill(id, since));
        receiver.await(80, WAIT);
        tenant.api()
                .get("webhooks/" + id + "/deliveries?status=suppressed")
                .then()
                .body("total", equalTo(0));
    }

    private int backfill(String subscriptionId, String since) {
        return tenant.api()
                .body("{\"since\":\"" + since + "\"}")
                .post("webhooks/" + subscriptionId + "/backfill")
                .then()
                .statusCode(202)
                .extract()
                .path("scheduled");
    }

    /**
     * A backfill keeps to the subscription's options as fan-out does: a oneTime subscription gets
     * a subject's first event only, and one sharing updates gets no update of a subject never
     * shared with it. It sent them every one.
     */
    @Test
    void aBackfillKeepsToOneTimeAndSharingUpdates() {
        String since = Instant.now().minusSeconds(5).toString();
        for (int i = 1; i <= 3; i++) {
            publish("build.started", "build-7", "{\"build_id\":\"old" + i + "\"}");
        }
        publish("incident.updated", "inc-never-shared", "{\"incident_id\":\"n\",\"status\":\"investigating\"}");
        publish("incident.shared", "inc-shared", "{\"incident_id\":\"s\",\"title\":\"t\",\"severity\":\"low\"}");
        publish("incident.updated", "inc-shared", "{\"incident_id\":\"s\",\"status\":\"mitigated\"}");
        String once = subscribe(receiver, ",\"events\":[\"build.*\"],\"options\":{\"oneTime\":true}");
        String sharing = subscribe(operations, ",\"events\":[\"incident.*\"],\"options\":{\"sharingUpdates\":true}");
        for (String[] expected : new String[][] {{once, "1"}, {sharing, "2"}}) {
            tenant.api()
                    .body("{\"since\":\"" + since + "\"}")
                    .post("webhooks/" + expected[0] + "/backfill")
                    .then()
                    .statusCode(202)
                    .body("scheduled", equalTo(Integer.parseInt(expected[1])));
        }
        assertEquals("old1", new JsonPath(receiver.await(1, WAIT).get(0).body()).getString("data.build_id"));
        List<String> incidents = operations.await(2, WAIT).stream()
                .map(r -> r.header("X-Herald-Event") + " " + new JsonPath(r.body()).getString("subject"))
                .toList();
        assertEquals(List.of("incident.shared inc-shared", "incident.updated inc-shared"), incidents);
        tenant.api()
                .get("webhooks/" + once + "/deliveries?status=suppressed")
                .then()
                .body("total", equalTo(2))
                .body("items[0].lastError", containsString("oneTime"));
        tenant.api()
                .get("webhooks/" + sharing + "/deliveries?status=suppressed")
                .then()
                .body("total", equalTo(1))
                .body("items[0].lastError", containsString("sharingUpdates"));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() ->
                        receiver.requests().size() == 1 && operations.requests().size() == 2);
    }

    @Test
    void a410GoneDisablesTheSubscriptionAndRaisesWebhookDisabled() {
        receiver.respond(request -> Reply.status(410));
        String id = subscribe(receiver, ",\"events\":[\"build.started\"]");
        subscribe(operations, ",\"events\":[\"webhook.disabled\",\"delivery.exhausted\"]");
        publish("build.started", null, "{\"build_id\":\"g1\"}");
        Request notice = operations.await(1, WAIT).get(0);
        assertEquals("webhook.disabled", notice.header("X-Herald-Event"));
        JsonPath body = new JsonPath(notice.body());
        assertEquals(id, body.getString("data.subscription_id"));
        assertEquals(id, body.getString("subject"));
        assertTrue(body.getString("data.reason").contains("410"));
        tenant.api()
                .get("webhooks/" + id)
                .then()
                .body("status", equalTo("disabled"))
                .body("health.consecutiveFailures", equalTo(1));
        tenant.api()
                .post("webhooks/" + id + "/activate")
                .then()
                .body("status", equalTo("active"))
                .body("health.consecutiveFailures", equalTo(0));
    }

    @Test
    void aDeliveryExhaustedWhileItsTenantsChainHeadIsHeldHoldsUpNoOtherTenantsAttempts() throws Exception {
        assumeTrue(HeraldServer.onPostgres(), "the test holds a row lock in PostgreSQL");
        CountDownLatch answer = new CountDownLatch(1);
        receiver.respond(request -> {
            try {
                answer.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.status(503);
        });
        String quick = subscribe(receiver, ",\"events\":[\"build.finished\"],\"retryPolicy\":{\"maxRetries\":0}");
        subscribe(operations, ",\"events\":[\"delivery.exhausted\"]");
        Tenant other = Api.newTenant();
        try (Receiver elsewhere = Receiver.start()) {
            String otherSubscription = other.api()
                    .body("{\"url\":\"" + elsewhere.url("/hooks") + "\",\"events\":[\"build.finished\"]}")
                    .post("webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            publish("build.finished", null, "{\"build_id\":\"held\",\"status\":\"failure\"}");
            receiver.await(1, WAIT);
            try (Connection chainHead = TableLock.chainHeadOf(tenant.id())) {
                answer.countDown(); // the attempt fails for good while the tenant's head is held
                await().atMost(WAIT)
                        .untilAsserted(() -> tenant.api()
                                .get("webhooks/" + quick + "/deliveries?status=failed")
                                .then()
                                .body("total", equalTo(1)));

                // Another tenant's delivery is attempted and logged meanwhile, not after the lock.
                other.api()
                        .body("{\"type\":\"build.finished\",\"data\":{\"build_id\":\"free\",\"status\":\"success\"}}")
                        .post("events")
                        .then()
                        .statusCode(202);
                await().atMost(Duration.ofSeconds(8))
                        .untilAsserted(() -> other.api()
                                .get("webhooks/" + otherSubscription + "/deliveries?status=succeeded")
                                .then()
                                .body("total", equalTo(1)));
                assertTrue(operations.requests().isEmpty(), "recorded under the held chain head");
                chainHead.rollback();
            }
        }
        Request exhausted = operations.await(1, WAIT).get(0);
        assertEquals("delivery.exhausted", exhausted.header("X-Herald-Event"));
        assertEquals(quick, new JsonPath(exhausted.body()).getString("data.subscription_id"));
        tenant.api().get("events/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    /**
     * A subscription's filters are charged for the work they do on each event: one pattern of 25
     * characters took two seconds of a shared core over a 64 KiB value (half a second over this
     * one's 16 KiB, the most the suite's server takes in a body), and a tenant could hold thousands. A filter too costly for what the event has left does not run, and the
     * subscription's delivery is written suppressed, saying why; cheaper subscriptions still match.
     */
    @Test
    void aSubscriptionWhoseFiltersWouldCostTooMuchOnAnEventIsSuppressedSayingWhyAndOthersMatch() {
        String costly = subscribe(
                receiver,
                ",\"events\":[\"build.finished\"],\"filters\":[{\"field\":\"data.log\","
                        + "\"operator\":\"matches\",\"value\":\"[a-z]{1,1000}9\"}]");
        subscribe(
                operations,
                ",\"events\":[\"build.finished\"],\"filters\":[{\"field\":\"data.status\","
                        + "\"operator\":\"equals\",\"value\":\"failure\"}]");
        publish(
                "build.finished",
                null,
                "{\"build_id\":\"b-log\",\"status\":\"failure\",\"log\":\"" + "a".repeat(16_383) + "9\"}");

        operations.await(1, WAIT);
        tenant.api()
                .get("webhooks/" + costly + "/deliveries?status=suppressed")
                .then()
                .body("total", equalTo(1))
                .body("items[0].lastError", containsString("more work on this event"));
        assertTrue(receiver.requests().isEmpty());
    }

    @Test
    void onlyFailuresForTheWindowDisableTheSubscriptionAndExhaustedDeliveriesAreAnnounced() {
        receiver.respond(request -> Reply.status(503));
        // The integration run sets the window (5 days by default) to 12 seconds.
        String id = subscribe(
                receiver,
                ",\"events\":[\"build.started\"],\"retryPolicy\":{\"maxRetries\":25,"
                        + "\"backoffType\":\"fixed\",\"backoffSeconds\":1}");
        String quick = subscribe(receiver, ",\"events\":[\"build.finished\"],\"retryPolicy\":{\"maxRetries\":0}");
        subscribe(operations, ",\"events\":[\"webhook.disabled\",\"delivery.exhausted\"]");
        publish("build.finished", null, "{\"build_id\":\"x1\",\"status\":\"failure\"}");
        Request exhausted = operations
                .await(1, r -> "delivery.exhausted".equals(r.header("X-Herald-Event")), WAIT)
                .get(0);
        assertEquals(quick, new JsonPath(exhausted.body()).getString("data.subscription_id"));

        publish("build.started", null, "{\"build_id\":\"x2\"}");
        Request disabled = operations
                .await(1, r -> "webhook.disabled".equals(r.header("X-Herald-Event")), Duration.ofSeconds(40))
                .get(0);
        assertEquals(id, new JsonPath(disabled.body()).getString("data.subscription_id"));
        tenant.api()
                .get("webhooks/" + id)
                .then()
                .body("status", equalTo("disabled"))
                .body("health.failingSince", notNullValue())
                .body("health.consecutiveFailures", greaterThanOrEqualTo(5));
    }
}
