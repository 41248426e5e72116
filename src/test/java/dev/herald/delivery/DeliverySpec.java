package dev.herald.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.standardwebhooks.Webhook;
import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import dev.herald.it.PageRefusals;
import dev.herald.it.Receiver;
import dev.herald.it.Receiver.Reply;
import dev.herald.it.Receiver.Request;
import dev.herald.it.TableLock;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing events and delivering them to real receivers (API.md "Events" and "Deliveries"). */
public abstract class DeliverySpec {

    private static final Duration WAIT = Duration.ofSeconds(30);

    Receiver receiver;
    Tenant tenant;

    @BeforeEach
    void startReceiver() {
        receiver = Receiver.start();
        tenant = Api.newTenant();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    JsonPath subscribe(String extraFields) {
        return subscribeAt("/hooks", extraFields);
    }

    /** A subscription to the receiver's path, with the fields given after its URL. */
    JsonPath subscribeAt(String path, String extraFields) {
        return tenant.api()
                .body("{\"url\":\"" + receiver.url(path) + "\"" + extraFields + "}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /**
     * A publish matches its events against the tenant's subscriptions before it takes the tenant's
     * chain head: a subscription created while a publish waited there (behind a slow commit) got
     * neither its event nor, the event recorded after it, a backfill of it. Now it gets it once,
     * whichever of the two takes the head first: live, or by the backfill.
     */
    @Test
    void aSubscriptionCreatedWhileAPublishWaitsForTheChainHeadGetsItsEventOnce() throws Exception {
        assumeTrue(HeraldServer.onPostgres(), "the test holds the tenant's chain head in PostgreSQL");
        tenant.api()
                .body("{\"type\":\"build.finished\",\"data\":{\"build_id\":\"first\"}}")
                .post("events")
                .then()
                .statusCode(202); // the tenant's chain head exists
        CompletableFuture<Response> published;
        CompletableFuture<Response> subscribed;
        try (Connection database = TableLock.chainHeadOf(tenant.id())) {
            published = CompletableFuture.supplyAsync(() -> tenant.api()
                    .body("{\"type\":\"build.started\",\"data\":{\"build_id\":\"waited\"}}")
                    .post("events"));
            // Matched (against no subscription), it waits for the head.
            await().atMost(WAIT).until(() -> TableLock.waitingForRows() >= 1);
            subscribed = CompletableFuture.supplyAsync(() -> tenant.api()
                    .body("{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"build.started\"]}")
                    .post("webhooks"));
            // Created at once on the code before; now it waits for the head too.
            await().atMost(WAIT).until(() -> subscribed.isDone() || TableLock.waitingForRows() >= 2);
            database.rollback();
        }
        published.get(WAIT.toSeconds(), TimeUnit.SECONDS).then().statusCode(202);
        String id = subscribed
                .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        tenant.api()
                .body("{\"since\":\"2000-01-01T00:00:00Z\"}")
                .post("webhooks/" + id + "/backfill")
                .then()
                .statusCode(202);
        receiver.await(1, request -> request.body().contains("\"waited\""), WAIT);
        String deliveries = "webhooks/" + id + "/deliveries";
        await().atMost(WAIT)
                .until(() -> "succeeded".equals(tenant.api().get(deliveries).path("items[0].status")));
        tenant.api().get(deliveries).then().body("total", equalTo(1));
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

    static String hmacHex(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, List<String>> standardHeaders(Request request) {
        return Map.of(
                "webhook-id",
                List.of(request.header("webhook-id")),
                "webhook-timestamp",
                List.of(request.header("webhook-timestamp")),
                "webhook-signature",
                List.of(request.header("webhook-signature")));
    }

    @Test
    void deliversTheEventSignedSoTheStandardLibraryAndAPlainHmacBothVerifyIt() throws Exception {
        String secret = subscribe(",\"events\":[\"release.created\"]").getString("secret");
        String eventId = publish(
                "release.created",
                "rel_abc123",
                "{\"release_id\":\"rel_abc123\",\"product_id\":\"prod_xyz789\",\"version\":\"1.0.0\",\"channel\":\"stable\"}");

        Request request = receiver.await(1, WAIT).get(0);
        assertEquals("POST", request.method());
        assertEquals("/hooks", request.path());
        assertEquals("application/json", request.header("Content-Type"));
        assertTrue(request.header("User-Agent").startsWith("Herald/"));
        assertEquals("release.created", request.header("X-Herald-Event"));
        assertEquals(request.header("X-Herald-Delivery"), request.header("webhook-id"));
        assertNotNull(java.time.Instant.parse(request.header("X-Herald-Timestamp")));

        new Webhook(secret).verify(request.body(), standardHeaders(request));
        assertEquals("sha256=" + hmacHex(secret, request.body()), request.header("X-Herald-Signature"));

        JsonPath body = new JsonPath(request.body());
        assertEquals(request.header("webhook-id"), body.getString("id"));
        assertEquals("release.created", body.getString("event"));
        assertEquals(eventId, body.getString("eventId"));
        assertEquals(tenant.id(), body.getString("tenantId"));
        assertEquals("rel_abc123", body.getString("subject"));
        assertEquals("stable", body.getString("data.channel"));
        assertNotNull(java.time.Instant.parse(body.getString("timestamp")));

        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("events/" + eventId)
                        .then()
                        .body("deliveries", hasSize(1))
                        .body("deliveries[0].status", equalTo("succeeded")));
    }

    /**
     * A wide fan-out of a large event copies its payload into the first deliveries only (1 Mi
     * characters a transaction: 17 of these 20 of some 60 Ki each); the others render it from the
     * event at each attempt. Every receiver gets the same text but for its delivery's id, the
     * last, rendered ones included, signed alike, the same again on a retry, and the API shows
     * what was sent.
     */
    @Test
    void aWideFanOutsDeliveriesRenderedFromTheEventAreTheSameAsCopiesEveryAttemptAlike() throws Exception {
        for (int i = 0; i < 18; i++) {
            subscribeAt("/envelope/" + i, ",\"events\":[\"release.created\"]");
        }
        subscribeAt("/data", ",\"events\":[\"release.created\"],\"presentation\":{\"body\":\"data\"}");
        String secret =
                subscribeAt("/retried", ",\"events\":[\"release.created\"]").getString("secret");
        AtomicInteger calls = new AtomicInteger();
        receiver.respond(request ->
                request.path().equals("/retried") && calls.incrementAndGet() == 1 ? Reply.status(500) : Reply.ok());
        String notes = "\u00fc\"\u2603 line\n" + "x".repeat(60_000);
        String data =
                "{\"release_id\":\"rel_large\",\"notes\":\"\u00fc\\\"\\u2603 line\\n" + "x".repeat(60_000) + "\"}";
        String eventId = publish("release.created", "rel_large", data);

        List<Request> arrived = receiver.await(21, WAIT);
        List<Request> retried =
                arrived.stream().filter(r -> r.path().equals("/retried")).toList();
        assertEquals(2, retried.size(), "the first attempt failed and was retried");
        assertEquals(retried.get(0).body(), retried.get(1).body(), "a retry sends the same body");
        String deliveryId = retried.get(0).header("webhook-id");
        String sent = retried.get(1).body();
        for (Request copy :
                arrived.stream().filter(r -> r.path().startsWith("/envelope/")).toList()) {
            assertEquals(
                    sent.replace(deliveryId, copy.header("webhook-id")),
                    copy.body(),
                    "the same text as " + copy.path());
        }
        JsonPath envelope = new JsonPath(sent);
        assertEquals(
                List.of(deliveryId, "release.created", eventId, tenant.id(), "rel_large", "rel_large", notes),
                List.of(
                        envelope.getString("id"),
                        envelope.getString("event"),
                        envelope.getString("eventId"),
                        envelope.getString("tenantId"),
                        envelope.getString("subject"),
                        envelope.getString("data.release_id"),
                        envelope.getString("data.notes")));
        assertEquals(
                tenant.api().get("events/" + eventId).then().extract().path("timestamp"),
                envelope.getString("timestamp"));
        Request dataOnly = arrived.stream()
                .filter(r -> r.path().equals("/data"))
                .findFirst()
                .orElseThrow();
        assertEquals(sent.substring(sent.indexOf("\"data\":") + 7, sent.length() - 1), dataOnly.body());
        new Webhook(secret).verify(sent, standardHeaders(retried.get(1)));
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("deliveries/" + deliveryId)
                        .then()
                        .body("status", equalTo("succeeded"))
                        .body("attempts.requestBody", everyItem(equalTo(sent))));
    }

    @Test
    void aSubscriptionShowsTheTimeAndStatusOfItsLatestAttempt() {
        receiver.respond(request -> Reply.status(202));
        String id = subscribe(",\"events\":[\"build.started\"]").getString("id");
        tenant.api()
                .get("webhooks/" + id)
                .then()
                .body("lastDelivery", nullValue())
                .body("lastStatus", nullValue());

        String eventId = publish("build.started", null, "{\"build_id\":\"b1\"}");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api().get("webhooks/" + id).then().body("lastStatus", equalTo(202)));
        String deliveryId =
                tenant.api().get("events/" + eventId).then().extract().path("deliveries[0].id");
        String attemptedAt =
                tenant.api().get("deliveries/" + deliveryId).then().extract().path("attempts[0].createdAt");
        assertEquals(
                java.time.Instant.parse(attemptedAt),
                java.time.Instant.parse(
                        tenant.api().get("webhooks/" + id).then().extract().path("lastDelivery")));

        receiver.respond(request -> Reply.status(410));
        publish("build.started", null, "{\"build_id\":\"b2\"}");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("webhooks")
                        .then()
                        .body("items.find { it.id == '" + id + "' }.lastStatus", equalTo(410)));
    }

    @Test
    void aSecretWithoutTheWhsecPrefixSignsWithItsUtf8Bytes() throws Exception {
        String secret = "a-plain-shared-secret-of-32-chars";
        subscribe(",\"events\":[\"build.started\"],\"secret\":\"" + secret + "\"");
        publish("build.started", null, "{\"build_id\":\"b1\"}");
        Request request = receiver.await(1, WAIT).get(0);
        new Webhook(secret.getBytes(StandardCharsets.UTF_8)).verify(request.body(), standardHeaders(request));
        assertEquals("sha256=" + hmacHex(secret, request.body()), request.header("X-Herald-Signature"));
    }

    @Test
    void retriesServerErrorsWithGrowingGapsUnderOneWebhookId() {
        AtomicInteger calls = new AtomicInteger();
        receiver.respond(request -> calls.incrementAndGet() <= 3 ? Reply.status(500) : Reply.ok());
        String subscription = subscribe(",\"events\":[\"build.finished\"]").getString("id");
        publish("build.finished", null, "{\"build_id\":\"b7\",\"status\":\"success\"}");

        List<Request> requests = receiver.await(4, Duration.ofSeconds(40));
        assertEquals(
                1, requests.stream().map(r -> r.header("webhook-id")).distinct().count());
        assertEquals(1, requests.stream().map(Request::body).distinct().count(), "every attempt sends the same body");
        long first =
                Duration.between(requests.get(0).at(), requests.get(1).at()).toMillis();
        long second =
                Duration.between(requests.get(1).at(), requests.get(2).at()).toMillis();
        long third =
                Duration.between(requests.get(2).at(), requests.get(3).at()).toMillis();
        assertTrue(
                first >= 1000 && second >= 2000 && third >= 4000,
                "exponential from 1 s: gaps " + first + ", " + second + ", " + third + " ms");
        assertTrue(second > first && third > second);

        String deliveryId = requests.get(0).header("webhook-id");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("deliveries/" + deliveryId)
                        .then()
                        .body("status", equalTo("succeeded"))
                        .body("attempts", hasSize(4))
                        .body("attempts.statusCode", equalTo(List.of(500, 500, 500, 200)))
                        .body("subscriptionId", equalTo(subscription))
                        .body("nextAttemptAt", nullValue()));
    }

    @Test
    void clientErrorsAreFinal() {
        receiver.respond(request -> Reply.status(422).withBody("{\"error\":\"unprocessable\"}"));
        subscribe(",\"events\":[\"build.started\"]");
        publish("build.started", null, "{\"build_id\":\"b2\"}");
        String deliveryId = receiver.await(1, WAIT).get(0).header("webhook-id");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("deliveries/" + deliveryId)
                        .then()
                        .body("status", equalTo("failed"))
                        .body("attempts", hasSize(1))
                        .body("attempts[0].statusCode", equalTo(422))
                        .body("attempts[0].responseBody", equalTo("{\"error\":\"unprocessable\"}"))
                        .body("attempts[0].error", containsString("final"))
                        // Which instance made it: by default the host name and the process id.
                        .body("attempts[0].instance", matchesPattern(".+-[0-9]+")));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> receiver.requests().size() == 1);
    }

    @Test
    void honoursRetryAfterOn429() {
        AtomicInteger calls = new AtomicInteger();
        receiver.respond(request ->
                calls.incrementAndGet() == 1 ? Reply.status(429).withHeader("Retry-After", "3") : Reply.ok());
        subscribe(",\"events\":[\"build.started\"],\"retryPolicy\":{\"backoffType\":\"fixed\",\"backoffSeconds\":1}");
        publish("build.started", null, "{\"build_id\":\"b3\"}");
        List<Request> requests = receiver.await(2, WAIT);
        long gap = Duration.between(requests.get(0).at(), requests.get(1).at()).toMillis();
        assertTrue(gap >= 3000, "Retry-After: 3 was honoured, gap " + gap + " ms");
    }

    @Test
    void timeoutsAreLoggedAndRetried() {
        AtomicInteger calls = new AtomicInteger();
        receiver.respond(
                request -> calls.incrementAndGet() == 1 ? Reply.ok().after(Duration.ofMillis(1500)) : Reply.ok());
        subscribe(",\"events\":[\"build.started\"],\"timeout\":300");
        publish("build.started", null, "{\"build_id\":\"b4\"}");
        String deliveryId = receiver.await(2, WAIT).get(0).header("webhook-id");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("deliveries/" + deliveryId)
                        .then()
                        .body("status", equalTo("succeeded"))
                        .body("attempts", hasSize(2))
                        .body("attempts[0].statusCode", nullValue())
                        .body("attempts[0].error", startsWith("Timed out after 300 ms")));
    }

    @Test
    void exhaustedDeliveriesEndFailed() {
        receiver.respond(request -> Reply.status(503));
        subscribe(",\"events\":[\"build.started\"],\"retryPolicy\":{\"maxRetries\":2,\"backoffType\":\"fixed\","
                + "\"backoffSeconds\":1}");
        publish("build.started", null, "{\"build_id\":\"b5\"}");
        String deliveryId = receiver.await(3, WAIT).get(0).header("webhook-id");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("deliveries/" + deliveryId)
                        .then()
                        .body("status", equalTo("failed"))
                        .body("attempts", hasSize(3))
                        .body("nextAttemptAt", nullValue()));
    }

    @Test
    void filtersAndWildcardsSelectWhatIsDelivered() {
        subscribe(",\"events\":[\"release.*\"],\"filters\":[{\"field\":\"data.channel\",\"operator\":\"equals\","
                + "\"value\":\"stable\"},{\"field\":\"data.version\",\"operator\":\"matches\",\"value\":\"^1\\\\.\"}]");
        publish(
                "release.created",
                "r1",
                "{\"release_id\":\"r1\",\"product_id\":\"p\",\"version\":\"1.2.0\",\"channel\":\"beta\"}");
        publish(
                "release.created",
                "r2",
                "{\"release_id\":\"r2\",\"product_id\":\"p\",\"version\":\"2.0.0\",\"channel\":\"stable\"}");
        publish(
                "deployment.started",
                "d1",
                "{\"deployment_id\":\"d1\",\"environment\":\"prod\",\"channel\":\"stable\"}");
        publish(
                "release.published",
                "r3",
                "{\"release_id\":\"r3\",\"product_id\":\"p\",\"version\":\"1.3.0\",\"channel\":\"stable\"}");
        Request only = receiver.await(1, WAIT).get(0);
        assertEquals("release.published", only.header("X-Herald-Event"));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.requests().size() == 1);
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstEventAndDeliversOnce() {
        subscribe(",\"events\":[\"*\"]");
        String body =
                "{\"type\":\"incident.shared\",\"idempotencyKey\":\"inc-42\",\"data\":{\"incident_id\":\"inc-42\","
                        + "\"title\":\"DB down\",\"severity\":\"high\"}}";
        String first = tenant.api()
                .body(body)
                .post("events")
                .then()
                .statusCode(202)
                .extract()
                .asString();
        String replayed = tenant.api()
                .body(body)
                .post("events")
                .then()
                .statusCode(202)
                .contentType("application/json")
                .header("Idempotent-Replayed", "true")
                .extract()
                .asString();
        assertEquals(first, replayed, "the first event, data and all, as it was answered");
        receiver.await(1, WAIT);
        tenant.api().get("events?type=incident.shared").then().body("total", equalTo(1));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.requests().size() == 1);
    }

    /**
     * A read shows headers and credentials masked; a client that writes back what it read, with
     * one setting changed (PUT), or names a masked header beside a new one (PATCH), must not
     * replace the working values with the mask.
     */
    @Test
    void aSubscriptionWrittenBackAsItWasReadKeepsSendingItsMaskedHeadersAndCredentials() {
        String id = subscribe(",\"events\":[\"build.started\"],\"authType\":\"bearer\","
                        + "\"credentials\":{\"token\":\"tok-42\"},\"headers\":{\"x-api-key\":\"key-987\"}")
                .getString("id");
        String read = tenant.api()
                .get("webhooks/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonObjectBuilder written = Json.createObjectBuilder(
                Json.createReader(new StringReader(read)).readObject());
        List.of("id", "status", "health", "usage", "lastDelivery", "lastStatus", "createdAt", "updatedAt")
                .forEach(written::remove);
        written.add("timeout", 20_000);
        tenant.api()
                .body(written.build().toString())
                .put("webhooks/" + id)
                .then()
                .statusCode(200)
                .body("timeout", equalTo(20_000))
                .body("credentials.token", equalTo("********"));
        tenant.api()
                .body("{\"headers\":{\"x-api-key\":\"********\",\"x-team\":\"a\"}}")
                .patch("webhooks/" + id)
                .then()
                .statusCode(200);

        publish("build.started", null, "{\"build_id\":\"b7\"}");
        Request request = receiver.await(1, WAIT).get(0);
        assertEquals("Bearer tok-42", request.header("Authorization"));
        assertEquals("key-987", request.header("x-api-key"));
        assertEquals("a", request.header("x-team"));
    }

    @Test
    void theAttemptLogKeepsTheRequestWithSecretsMaskedAndTheAnswer() {
        receiver.respond(request -> Reply.ok().withBody("x".repeat(10_000)));
        subscribe(",\"events\":[\"build.started\"],\"authType\":\"basic\",\"credentials\":{\"username\":\"hook\","
                + "\"password\":\"s3cret-pass\"},\"headers\":{\"x-api-key\":\"key-987\"}");
        publish("build.started", null, "{\"build_id\":\"b6\"}");
        Request request = receiver.await(1, WAIT).get(0);
        assertEquals("Basic aG9vazpzM2NyZXQtcGFzcw==", request.header("Authorization"));
        assertEquals("key-987", request.header("x-api-key"));
        String deliveryId = request.header("webhook-id");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("deliveries/" + deliveryId)
                        .then()
                        .body("attempts[0].requestHeaders.Authorization", equalTo("Basic ********"))
                        .body("attempts[0].requestHeaders.x-api-key", equalTo("********"))
                        .body("attempts[0].requestHeaders.webhook-signature", startsWith("v1,"))
                        .body("attempts[0].requestBody", equalTo(request.body()))
                        .body("attempts[0].responseBody.length()", equalTo(4096))
                        .body("attempts[0].url", equalTo(receiver.url("/hooks")))
                        .body("attempts[0].method", equalTo("POST")));
        String log = tenant.api().get("deliveries/" + deliveryId).asString();
        assertFalse(log.contains("s3cret-pass") || log.contains("key-987") || log.contains("aG9vazpzM2NyZXQtcGFzcw"));
        // A list carries neither body: its weight does not grow with the events'.
        tenant.api()
                .get("webhooks/" + subscriptionOf(deliveryId) + "/deliveries")
                .then()
                .statusCode(200)
                .body("items[0].id", equalTo(deliveryId))
                .body("items[0].attemptCount", equalTo(1))
                .body("items[0].attempts[0].requestHeaders.x-api-key", equalTo("********"))
                .body("items[0].attempts[0].requestBody", nullValue())
                .body("items[0].attempts[0].responseBody", nullValue())
                .body("items[0].attempts[0].redirects", hasSize(0));
    }

    /**
     * What a receiver answers is logged as its columns take it: a NUL in the answer (PostgreSQL
     * refuses NUL in text) and a redirect to a 2,100-character location (once quoted in the error,
     * whose column holds 2,000; now refused as a subscription's URL would be, and not logged as a
     * hop). Each failed the attempt's log before, and with it every attempt of its batch: the
     * delivery was sent again at each lease, for ever, and a test send answered 500.
     */
    @Test
    void answersNoColumnCouldTakeAreLoggedOnceAsTheColumnsTakeThem() {
        String farAway = "ftp://files.example/" + "a".repeat(2_100);
        receiver.respond(request -> request.path().equals("/nul")
                ? Reply.ok().withBody("ok\u0000done")
                : Reply.status(301).withHeader("Location", farAway));
        String nul = subscribeAt("/nul", ",\"events\":[\"build.started\"]").getString("id");
        String far = subscribeAt("/far", ",\"events\":[\"build.started\"]").getString("id");
        publish("build.started", null, "{\"build_id\":\"b9\"}");
        await().atMost(WAIT).untilAsserted(() -> {
            tenant.api().get("webhooks/" + nul + "/deliveries").then().body("items.status", contains("succeeded"));
            tenant.api().get("webhooks/" + far + "/deliveries").then().body("items.status", contains("failed"));
        });
        String logged = tenant.api()
                .get("webhooks/" + nul + "/deliveries")
                .then()
                .extract()
                .path("items[0].id");
        tenant.api()
                .get("deliveries/" + logged)
                .then()
                .body("attempts", hasSize(1))
                .body("attempts[0].responseBody", equalTo("ok\uFFFDdone"));
        String refused = tenant.api()
                .get("webhooks/" + far + "/deliveries")
                .then()
                .extract()
                .path("items[0].id");
        tenant.api()
                .get("deliveries/" + refused)
                .then()
                .body("attempts", hasSize(1))
                .body(
                        "attempts[0].error",
                        equalTo(
                                "HTTP 301: redirect to a URL Herald does not follow: it must be at most 2048 characters"))
                .body("attempts[0].redirects", hasSize(0));
        tenant.api()
                .post("webhooks/" + nul + "/test")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("response", equalTo("ok\uFFFDdone"));
        tenant.api()
                .post("webhooks/" + far + "/test")
                .then()
                .statusCode(200)
                .body("success", equalTo(false))
                .body("error", startsWith("HTTP 301: redirect to a URL Herald does not follow"));
    }

    private String subscriptionOf(String deliveryId) {
        return tenant.api().get("deliveries/" + deliveryId).then().extract().path("subscriptionId");
    }

    @Test
    void aListShowsTheLatestTenAttemptsOfEachDeliveryAndCountsThemAll() {
        String subscription = subscribe(",\"events\":[\"build.started\"]").getString("id");
        publish("build.started", null, "{\"build_id\":\"b12\"}");
        String deliveryId = receiver.await(1, WAIT).get(0).header("webhook-id");
        for (int attempts = 1; attempts < 12; attempts++) {
            int done = attempts;
            await().atMost(WAIT)
                    .untilAsserted(() ->
                            tenant.api().get("deliveries/" + deliveryId).then().body("attempts", hasSize(done)));
            tenant.api().post("deliveries/" + deliveryId + "/redeliver").then().statusCode(202);
        }
        await().atMost(WAIT)
                .untilAsserted(() ->
                        tenant.api().get("deliveries/" + deliveryId).then().body("attempts", hasSize(12)));
        tenant.api()
                .get("webhooks/" + subscription + "/deliveries")
                .then()
                .statusCode(200)
                .body("items[0].attemptCount", equalTo(12))
                .body("items[0].attempts.attempt", contains(3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    }

    /**
     * A page of a subscription's deliveries lists each one's latest attempts, whose text is weighed
     * against the caller's room before it is read: 70 attempts of about 4.5 KiB each (a 1,900-character
     * URL, 20 header names of 100) are more than the 256 KiB a call may read here, so the page
     * asks for fewer, and the page size it names is answered.
     */
    @Test
    void aPageOfDeliveriesWhoseAttemptsDoNotFitTheCallersRoomNamesAPageSizeThatDoes() {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            headers.append(i == 0 ? "" : ",").append("\"X-%s%02d\":\"v\"".formatted("h".repeat(96), i));
        }
        String subscription = subscribeAt(
                        "/" + "p".repeat(1_900), ",\"events\":[\"build.started\"],\"headers\":{" + headers + "}")
                .getString("id");
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            items.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"build.started\",\"data\":{\"build_id\":\"b" + i + "\"}}");
        }
        tenant.api()
                .body("{\"events\":[" + items + "]}")
                .post("events/batch")
                .then()
                .statusCode(202);
        receiver.await(70, WAIT);
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("webhooks/" + subscription + "/deliveries?pageSize=100")
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body(containsString("ask for pageSize=")));

        int pageSize =
                PageRefusals.pageSizeNamedBy(tenant.api().get("webhooks/" + subscription + "/deliveries?pageSize=100"));
        assertTrue(pageSize > 0 && pageSize < 70, pageSize + " named");
        tenant.api()
                .get("webhooks/" + subscription + "/deliveries?pageSize=" + pageSize)
                .then()
                .statusCode(200)
                .body("items", hasSize(pageSize))
                .body("items[0].attempts", hasSize(1));
    }

    @Test
    void subjectsOfAnOrderedSubscriptionArriveInOrderWhileOthersFlow() {
        AtomicInteger firstOfA = new AtomicInteger();
        receiver.respond(request -> request.body().contains("\"seq\":\"A1\"") && firstOfA.incrementAndGet() <= 2
                ? Reply.status(500)
                : Reply.ok());
        subscribe(",\"events\":[\"deployment.*\"],\"ordering\":\"subject\",\"retryPolicy\":{\"backoffType\":\"fixed\","
                + "\"backoffSeconds\":1}");
        for (String seq : new String[] {"A1", "A2", "A3"}) {
            publish(
                    "deployment.started",
                    "subject-A",
                    "{\"deployment_id\":\"" + seq + "\",\"environment\":\"e\"," + "\"seq\":\"" + seq + "\"}");
        }
        publish("deployment.started", "subject-B", "{\"deployment_id\":\"B1\",\"environment\":\"e\",\"seq\":\"B1\"}");

        receiver.await(6, WAIT);
        List<String> order = receiver.requests().stream()
                .map(r -> new JsonPath(r.body()).getString("data.seq"))
                .toList();
        List<String> ofA = order.stream().filter(seq -> seq.startsWith("A")).toList();
        assertEquals(List.of("A1", "A1", "A1", "A2", "A3"), ofA, "subject A strictly in order: " + order);
        assertTrue(order.indexOf("B1") < order.lastIndexOf("A1"), "subject B did not wait for A: " + order);
    }

    @Test
    void withinOneBatchAnOrderedSubjectStillQueuesAndAOneTimeSubjectGoesOnce() {
        AtomicInteger firstOfA = new AtomicInteger();
        receiver.respond(request -> request.path().equals("/hooks")
                        && request.body().contains("\"seq\":\"A1\"")
                        && firstOfA.incrementAndGet() <= 1
                ? Reply.status(500)
                : Reply.ok());
        subscribe(",\"events\":[\"deployment.*\"],\"ordering\":\"subject\",\"retryPolicy\":{\"backoffType\":\"fixed\","
                + "\"backoffSeconds\":1}");
        String oneTime = subscribeAt("/once", ",\"events\":[\"deployment.*\"],\"options\":{\"oneTime\":true}")
                .getString("id");
        StringBuilder items = new StringBuilder();
        for (String seq : new String[] {"A1", "A2", "A3"}) {
            items.append(items.isEmpty() ? "" : ",")
                    .append("{\"type\":\"deployment.started\",\"subject\":\"subject-A\",\"data\":{\"deployment_id\":\"")
                    .append(seq)
                    .append("\",\"environment\":\"e\",\"seq\":\"")
                    .append(seq)
                    .append("\"}}");
        }
        tenant.api()
                .body("{\"events\":[" + items + "]}")
                .post("events/batch")
                .then()
                .statusCode(202);

        // Ordered: A1 (failed once, then sent), A2, A3; one-time: A1 only.
        receiver.await(5, WAIT);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.requests().size() == 5);
        assertEquals(List.of("A1", "A1", "A2", "A3"), seqsAt("/hooks"), "each event waited for the one before it");
        assertEquals(List.of("A1"), seqsAt("/once"));
        tenant.api()
                .get("webhooks/" + oneTime + "/deliveries?status=suppressed")
                .then()
                .body("total", equalTo(2));
    }

    /**
     * A deleted ordered subscription's deliveries end failed, each as the one before it ends,
     * without waiting for the pump's next sorting of turns (every five ticks: ten deliveries would
     * take 45 s that way). The endpoint fails the first attempt, so the rest wait set aside.
     */
    @Test
    void aDeletedOrderedSubscriptionsWaitingDeliveriesEndOneAfterAnother() {
        receiver.respond(request -> Reply.status(500));
        String subscription = subscribe(",\"events\":[\"deployment.*\"],\"ordering\":\"subject\","
                        + "\"retryPolicy\":{\"backoffType\":\"fixed\",\"backoffSeconds\":3}")
                .getString("id");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(publish(
                    "deployment.started", "subject-D", "{\"deployment_id\":\"D" + i + "\",\"environment\":\"e\"}"));
        }
        receiver.await(1, WAIT);
        tenant.api().delete("webhooks/" + subscription).then().statusCode(204);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(
                        Collections.nCopies(10, "failed"),
                        events.stream()
                                .map(event -> tenant.api()
                                        .get("events/" + event)
                                        .then()
                                        .extract()
                                        .jsonPath()
                                        .getString("deliveries[0].status"))
                                .toList()));
        assertEquals(1, receiver.requests().size(), "none was sent after the deletion");
    }

    private List<String> seqsAt(String path) {
        return receiver.requests().stream()
                .filter(request -> request.path().equals(path))
                .map(request -> new JsonPath(request.body()).getString("data.seq"))
                .toList();
    }

    @Test
    void followsRedirectsButNotIntoInternalNetworks() {
        receiver.respond(request -> switch (request.path()) {
            case "/hooks" -> Reply.status(307).withHeader("Location", "/moved");
            case "/moved" -> Reply.status(308).withHeader("Location", "http://10.0.0.1/internal");
            default -> Reply.ok();
        });
        subscribe(",\"events\":[\"build.started\"]");
        publish("build.started", null, "{\"build_id\":\"b8\"}");
        String deliveryId = receiver.await(2, WAIT).get(0).header("webhook-id");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("deliveries/" + deliveryId)
                        .then()
                        .body("status", equalTo("failed"))
                        .body("attempts", hasSize(1))
                        .body("attempts[0].error", containsString("10.0.0.1"))
                        .body("attempts[0].url", equalTo(receiver.url("/hooks")))
                        .body("attempts[0].redirects", contains(receiver.url("/moved"), "http://10.0.0.1/internal")));
        assertEquals("/moved", receiver.requests().get(1).path());
    }

    /** Asking again gets the same answer: a Location that is no URI fails the delivery at once, with its status. */
    @Test
    void aRedirectToAnUnusableLocationFailsAtOnceSayingSo() {
        receiver.respond(request -> Reply.status(302).withHeader("Location", "/moved here"));
        subscribe(",\"events\":[\"build.started\"],\"retryPolicy\":{\"maxRetries\":3,\"backoffSeconds\":1}");
        publish("build.started", null, "{\"build_id\":\"b9\"}");
        String deliveryId = receiver.await(1, WAIT).get(0).header("webhook-id");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("deliveries/" + deliveryId)
                        .then()
                        .body("status", equalTo("failed"))
                        .body("attempts", hasSize(1))
                        .body("attempts[0].statusCode", equalTo(302))
                        .body("attempts[0].error", containsString("unusable Location: /moved here")));
    }

    @Test
    void aRedirectToAnotherOriginGetsNeitherCredentialsNorCustomHeadersButKeepsTheSignature() {
        try (Receiver elsewhere = Receiver.start()) {
            receiver.respond(request -> switch (request.path()) {
                case "/hooks" -> Reply.status(307).withHeader("Location", "/same-origin");
                case "/same-origin" -> Reply.status(307).withHeader("Location", elsewhere.url("/moved"));
                default -> Reply.ok();
            });
            subscribe(",\"events\":[\"build.started\"],\"authType\":\"bearer\",\"credentials\":{\"token\":\"tok-42\"},"
                    + "\"headers\":{\"x-api-key\":\"key-42\"}");
            publish("build.started", null, "{\"build_id\":\"b10\"}");
            Request moved = elsewhere.await(1, WAIT).get(0);
            Request sameOrigin = receiver.requests().get(1);
            assertEquals("/same-origin", sameOrigin.path());
            assertEquals("Bearer tok-42", sameOrigin.header("Authorization"));
            assertEquals("key-42", sameOrigin.header("x-api-key"));
            assertEquals(null, moved.header("Authorization"));
            assertEquals(null, moved.header("x-api-key"));
            assertNotNull(moved.header("webhook-signature"));
            await().atMost(WAIT)
                    .untilAsserted(() -> tenant.api()
                            .get("deliveries/" + moved.header("webhook-id"))
                            .then()
                            .body("status", equalTo("succeeded"))
                            .body(
                                    "attempts[0].redirects",
                                    contains(receiver.url("/same-origin"), elsewhere.url("/moved"))));
        }
    }

    @Test
    void aCatastrophicFilterPatternCostsThePublishNothing() {
        subscribe(",\"events\":[\"build.started\"],\"filters\":[{\"field\":\"data.build_id\",\"operator\":"
                + "\"matches\",\"value\":\"^(.*a){12}$\"}]");
        // java.util.regex needs about 2^40 steps for this value: the publish would never answer.
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> publish("build.started", null, "{\"build_id\":\"" + "a".repeat(40) + "!\"}"));
        publish("build.started", null, "{\"build_id\":\"" + "a".repeat(12) + "\"}");
        assertEquals("a".repeat(12), new JsonPath(receiver.await(1, WAIT).get(0).body()).getString("data.build_id"));
        tenant.api()
                .body("{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"*\"],\"filters\":[{\"field\":"
                        + "\"data.x\",\"operator\":\"matches\",\"value\":\"(a)\\\\1\"}]}")
                .post("webhooks")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("filters[0].value"))
                .body("errors[0].message", containsString("no backreferences"));
    }

    @Test
    void inactiveSubscriptionsReceiveNothing() {
        String id = subscribe(",\"events\":[\"build.started\"]").getString("id");
        tenant.api().post("webhooks/" + id + "/deactivate").then().statusCode(200);
        String eventId = publish("build.started", null, "{\"build_id\":\"b9\"}");
        tenant.api().get("events/" + eventId).then().body("deliveries", hasSize(0));
        tenant.api().get("webhooks/" + id + "/deliveries").then().body("total", equalTo(0));
    }

    @Test
    void theHistoryPagesNewestFirstAndFilters() {
        String first =
                publish("incident.shared", "inc-1", "{\"incident_id\":\"inc-1\",\"title\":\"t\",\"severity\":\"low\"}");
        String second = publish("incident.updated", "inc-1", "{\"incident_id\":\"inc-1\"}");
        publish("incident.shared", "inc-2", "{\"incident_id\":\"inc-2\",\"title\":\"t\",\"severity\":\"low\"}");
        tenant.api()
                .get("events?subject=inc-1")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", equalTo(List.of(second, first)));
        tenant.api()
                .get("events?type=incident.shared&pageSize=1")
                .then()
                .body("total", equalTo(2))
                .body("items", hasSize(1));
        tenant.api()
                .get("events/" + first)
                .then()
                .body("type", equalTo("incident.shared"))
                .body("data.title", equalTo("t"))
                .body("tenantId", equalTo(tenant.id()));
        Api.newTenant().api().get("events/" + first).then().statusCode(404);
        tenant.api().get("events?since=2999-01-01T00:00:00Z").then().body("total", equalTo(0));
    }

    @Test
    void deliveriesListByStatus() {
        receiver.respond(request -> request.body().contains("\"fail\"") ? Reply.status(400) : Reply.ok());
        String id = subscribe(",\"events\":[\"build.started\"]").getString("id");
        publish("build.started", null, "{\"build_id\":\"fail\"}");
        publish("build.started", null, "{\"build_id\":\"pass\"}");
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("webhooks/" + id + "/deliveries?status=failed")
                        .then()
                        .body("total", equalTo(1)));
        tenant.api().get("webhooks/" + id + "/deliveries").then().body("total", equalTo(2));
        tenant.api().get("webhooks/" + id + "/deliveries?status=lost").then().statusCode(400);
        Api.newTenant().api().get("webhooks/" + id + "/deliveries").then().statusCode(404);
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneUntilTheOverlapEnds() throws Exception {
        JsonPath created = subscribe(",\"events\":[\"build.started\"]");
        String id = created.getString("id");
        String old = created.getString("secret");
        // The integration run sets the overlap (24 hours by default) to 8 seconds.
        JsonPath rotated = tenant.api()
                .post("webhooks/" + id + "/rotate-secret")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String fresh = rotated.getString("secret");
        assertTrue(fresh.startsWith("whsec_") && !fresh.equals(old));
        assertNotNull(java.time.Instant.parse(rotated.getString("previousSecretExpiresAt")));
        tenant.api()
                .get("webhooks/" + id + "/secret")
                .then()
                .body("secret", equalTo(fresh))
                .body("previousSecretExpiresAt", equalTo(rotated.getString("previousSecretExpiresAt")));

        publish("build.started", null, "{\"build_id\":\"r1\"}");
        Request during = receiver.await(1, WAIT).get(0);
        assertTrue(during.header("webhook-signature").matches("v1,\\S+ v1,\\S+"), during.header("webhook-signature"));
        new Webhook(fresh).verify(during.body(), standardHeaders(during));
        new Webhook(old).verify(during.body(), standardHeaders(during));
        assertEquals(
                "sha256=" + hmacHex(fresh, during.body()) + ",sha256=" + hmacHex(old, during.body()),
                during.header("X-Herald-Signature"));

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> tenant.api()
                        .get("webhooks/" + id + "/secret")
                        .then()
                        .body("previousSecretExpiresAt", nullValue()));
        publish("build.started", null, "{\"build_id\":\"r2\"}");
        Request after = receiver.await(2, WAIT).get(1);
        new Webhook(fresh).verify(after.body(), standardHeaders(after));
        org.junit.jupiter.api.Assertions.assertThrows(
                com.standardwebhooks.exceptions.WebhookVerificationException.class,
                () -> new Webhook(old).verify(after.body(), standardHeaders(after)));
        assertEquals("sha256=" + hmacHex(fresh, after.body()), after.header("X-Herald-Signature"));
    }

    /**
     * A rotation during another's overlap (an operator who mis-copied the new secret) kept the
     * rotated secret's promise and broke the earlier one's: receivers still on the first secret
     * failed at once. Both now sign until their own overlaps end; a third rotation inside them
     * is refused rather than end one.
     */
    @Test
    void aRotationDuringAnOverlapKeepsEveryPromisedSecretSigning() throws Exception {
        JsonPath created = subscribe(",\"events\":[\"build.started\"]");
        String id = created.getString("id");
        String first = created.getString("secret");
        String second = rotate(id).getString("secret");
        JsonPath third = rotate(id);
        assertEquals(
                third.getString("secret"),
                tenant.api().get("webhooks/" + id + "/secret").path("secret"));
        tenant.api()
                .post("webhooks/" + id + "/rotate-secret")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("rotate again after"));

        publish("build.started", null, "{\"build_id\":\"r3\"}");
        Request during = receiver.await(1, WAIT).get(0);
        assertTrue(
                during.header("webhook-signature").matches("v1,\\S+ v1,\\S+ v1,\\S+"),
                during.header("webhook-signature"));
        for (String secret : List.of(third.getString("secret"), second, first)) {
            new Webhook(secret).verify(during.body(), standardHeaders(during));
        }
        assertEquals(
                "sha256=" + hmacHex(third.getString("secret"), during.body()) + ",sha256="
                        + hmacHex(second, during.body()) + ",sha256=" + hmacHex(first, during.body()),
                during.header("X-Herald-Signature"));
    }

    private JsonPath rotate(String subscriptionId) {
        return tenant.api()
                .post("webhooks/" + subscriptionId + "/rotate-secret")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aChosenSecretCanBeRotatedInAndBadOnesAreRefused() {
        String id = subscribe(",\"events\":[\"build.started\"]").getString("id");
        tenant.api()
                .body("{\"secret\":\"short\"}")
                .post("webhooks/" + id + "/rotate-secret")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("secret"));
        tenant.api()
                .body("{\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}")
                .post("webhooks/" + id + "/rotate-secret")
                .then()
                .statusCode(200)
                .body("secret", equalTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        Api.newTenant().api().post("webhooks/" + id + "/rotate-secret").then().statusCode(404);
    }

    @Test
    void redeliverMakesOneMoreAttemptUnderTheSameWebhookId() {
        subscribe(",\"events\":[\"build.started\"]");
        publish("build.started", null, "{\"build_id\":\"again\"}");
        Request first = receiver.await(1, WAIT).get(0);
        String deliveryId = first.header("webhook-id");
        await().atMost(WAIT)
                .untilAsserted(() ->
                        tenant.api().get("deliveries/" + deliveryId).then().body("status", equalTo("succeeded")));
        tenant.api()
                .post("deliveries/" + deliveryId + "/redeliver")
                .then()
                .statusCode(202)
                .body("id", equalTo(deliveryId));
        Request second = receiver.await(2, WAIT).get(1);
        assertEquals(deliveryId, second.header("webhook-id"));
        assertEquals(first.body(), second.body());
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("deliveries/" + deliveryId)
                        .then()
                        .body("status", equalTo("succeeded"))
                        .body("attempts", hasSize(2)));
        Api.newTenant()
                .api()
                .post("deliveries/" + deliveryId + "/redeliver")
                .then()
                .statusCode(404);
        tenant.api().post("deliveries/dlv_unknown/redeliver").then().statusCode(404);
    }

    /**
     * A delivery read whole shows every attempt (API.md), up to a thousand of some 16 KiB each, each
     * with the payload (up to 1 MiB) it sent: its answer is written a turn of attempts at a time,
     * holding one turn, not all. The suite's share is 256 KiB, and a turn one attempt (a batch is an
     * eighth of a share): an 8 KiB payload and sixty attempts whose receiver answers 4 KiB each hold
     * more than a share, and are answered whole by the read, the callback and the redelivery.
     */
    @Test
    void aDeliveryWhoseAttemptsOutgrowWhatACallMayReadAtOnceIsAnsweredWholeATurnAtATime() {
        String answer = "a".repeat(4096);
        receiver.respond(request -> Reply.ok().withBody(answer));
        subscribe(",\"events\":[\"build.started\"]");
        publish("build.started", null, "{\"log\":\"" + "x".repeat(8 * 1024) + "\"}");
        Request first = receiver.await(1, WAIT).get(0);
        String deliveryId = first.header("webhook-id");
        int attempts = 60;
        for (int sent = 2; sent <= attempts; sent++) {
            tenant.redeliver(deliveryId);
            receiver.await(sent, WAIT);
        }

        JsonPath whole = await().atMost(WAIT)
                .until(
                        () -> tenant.api()
                                .get("deliveries/" + deliveryId)
                                .then()
                                .statusCode(200)
                                .contentType("application/json")
                                .extract()
                                .jsonPath(),
                        read -> read.getInt("attemptCount") == attempts);

        assertEquals(
                IntStream.rangeClosed(1, attempts).boxed().toList(), whole.getList("attempts.attempt", Integer.class));
        assertEquals(Collections.nCopies(attempts, first.body()), whole.getList("attempts.requestBody"));
        assertEquals(Collections.nCopies(attempts, answer), whole.getList("attempts.responseBody"));
        assertEquals(deliveryId, whole.getString("id"));
        tenant.api()
                .body("{\"externalId\":\"T-60\"}")
                .post("deliveries/" + deliveryId + "/callback")
                .then()
                .statusCode(200)
                .body("externalId", equalTo("T-60"))
                .body("attempts", hasSize(attempts))
                .body("attempts[59].responseBody", equalTo(answer));
        tenant.api()
                .post("deliveries/" + deliveryId + "/redeliver")
                .then()
                .statusCode(202)
                .body("attempts.size()", greaterThanOrEqualTo(attempts))
                .body("attempts[0].requestBody", equalTo(first.body()));
        receiver.await(attempts + 1, WAIT);
    }

    @Test
    void metricsCountAttemptsByOutcomeAndShowTheQueueDepth() {
        subscribe(",\"events\":[\"build.started\"]");
        publish("build.started", null, "{\"build_id\":\"m1\"}");
        receiver.await(1, WAIT);
        await().atMost(WAIT)
                .untilAsserted(() -> io.restassured.RestAssured.given()
                        .baseUri(dev.herald.it.HeraldServer.base().toString())
                        .get("metrics")
                        .then()
                        .statusCode(200)
                        .body(containsString("delivery_attempts_total{"))
                        .body(containsString("outcome=\"succeeded\""))
                        .body(containsString("deliveries_pending"))
                        .body(containsString("delivery_attempt_duration")));
    }

    @Test
    void badEventsAre400AndRecordNothing() {
        for (String body : new String[] {
            "{\"data\":{}}",
            "{\"type\":\"release.nope\",\"data\":{}}",
            "{\"type\":\"build.started\",\"data\":[1]}",
            "{\"type\":\"build.started\"}",
            "{\"type\":\"build.started\",\"data\":{},\"tenant\":\"x\"}",
            "{\"type\":\"build.started\",\"data\":{},\"subject\":\"\"}"
        }) {
            tenant.api().body(body).post("events").then().statusCode(400).contentType("application/problem+json");
        }
        tenant.api().get("events?since=nonsense").then().statusCode(400);
        tenant.api().get("events").then().body("total", equalTo(0));
    }
}
