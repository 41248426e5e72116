package dev.herald.events;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The history as a hash chain (API.md "Events"; docs/audit.md): exported lines an auditor
 * can check offline, and rows altered, rewritten or removed behind Herald's back found by
 * {@code verify} at the right event.
 */
public abstract class HistorySpec {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GENESIS = "0".repeat(64);

    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant();
    }

    /** Publishes {@code count} events of varied shapes and answers the exported lines. */
    List<JsonNode> history(int count) {
        for (int i = 1; i <= count; i++) {
            tenant.api().body("""
                    {"type":"deployment.completed","subject":"dep-%d","data":{"deployment_id":"dep-%d",
                     "environment":"production","targets":["eu-1","us-2"],"attempt":%d,"dry_run":false,
                     "notes":null,"meta":{"z":1,"a":{"quote":"say \\"hi\\"","path":"C:\\\\x"}}}}""".formatted(i, i, i)).post("events").then().statusCode(202);
        }
        return export("");
    }

    List<JsonNode> export(String query) {
        String body = tenant.api()
                .get("events/export" + query)
                .then()
                .statusCode(200)
                .contentType(containsString("application/jsonl"))
                .extract()
                .asString();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void exportedLinesChainTogetherAndTheirHashesCanBeRecomputedOffline() throws Exception {
        List<JsonNode> lines = history(4);
        assertEquals(4, lines.size());
        String previous = GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            assertEquals(i + 1, line.get("sequence").asLong());
            assertEquals(previous, line.get("prevHash").asString());
            assertEquals(offlineHash(line), line.get("hash").asString(), "hash of line " + (i + 1));
            previous = line.get("hash").asString();
        }
        tenant.api()
                .get("events/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("checked", equalTo(4))
                .body("lastHash", equalTo(previous))
                .body("firstBreak", nullValue());
    }

    @Test
    void concurrentFirstEventsOfANewTenantAreAllAcceptedAndChained() throws Exception {
        var publishers = java.util.concurrent.Executors.newFixedThreadPool(32);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(publishers.submit(() -> tenant.api()
                        .body("{\"type\":\"build.started\",\"data\":{\"build_id\":\"b\"}}")
                        .post("events")
                        .statusCode()));
            }
            for (var answer : answers) {
                assertEquals(202, answer.get());
            }
        } finally {
            publishers.shutdownNow();
        }
        tenant.api()
                .get("events/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("checked", equalTo(64));
    }

    @Test
    void concurrentPublishesCommitTogetherAndEachGetsItsOwnAnswer() throws Exception {
        double[] before = batchSizes();
        var publishers = java.util.concurrent.Executors.newFixedThreadPool(64);
        var start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String body = i % 8 == 1
                        ? "{\"type\":\"build.nope\",\"data\":{}}"
                        : i % 8 == 2
                                ? "{\"type\":\"build.started\",\"idempotencyKey\":\"same\","
                                        + "\"data\":{\"build_id\":\"k\"}}"
                                : "{\"type\":\"build.started\",\"data\":{\"build_id\":\"b" + i + "\"}}";
                answers.add(publishers.submit(() -> {
                    start.await();
                    return tenant.api().body(body).post("events");
                }));
            }
            start.countDown();
            java.util.Set<String> keyed = new java.util.HashSet<>();
            java.util.Set<String> others = new java.util.HashSet<>();
            for (int i = 0; i < 64; i++) {
                var answer = answers.get(i).get();
                if (i % 8 == 1) {
                    answer.then()
                            .statusCode(400)
                            .contentType("application/problem+json")
                            .body("errors[0].field", equalTo("type"));
                } else {
                    answer.then().statusCode(202);
                    (i % 8 == 2 ? keyed : others).add(answer.path("id"));
                }
            }
            assertEquals(1, keyed.size(), "one idempotency key, one event");
            assertEquals(48, others.size());
        } finally {
            publishers.shutdownNow();
        }
        tenant.api()
                .get("events/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("checked", equalTo(49));
        double[] after = batchSizes();
        double batches = after[0] - before[0];
        double events = after[1] - before[1];
        assertTrue(events >= 56 && batches < events, batches + " batches for " + events + " publishes");
    }

    @Test
    void theHistoryPagesNewestFirstWithItsFilters() {
        List<String> published = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            published.add(tenant.api()
                    .body(
                            i % 2 == 0
                                    ? "{\"type\":\"build.started\",\"subject\":\"s-0\",\"data\":{\"build_id\":\"b\"}}"
                                    : "{\"type\":\"build.finished\",\"subject\":\"s-1\","
                                            + "\"data\":{\"build_id\":\"b\",\"status\":\"success\"}}")
                    .post("events")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id"));
        }
        List<String> newestFirst = new ArrayList<>(published);
        Collections.reverse(newestFirst);
        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            paged.addAll(tenant.api()
                    .get("events?pageSize=2&page=" + page)
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(5))
                    .extract()
                    .<List<String>>path("items.id"));
        }
        assertEquals(newestFirst, paged);
        tenant.api()
                .get("events?type=build.started")
                .then()
                .body("items.id", equalTo(List.of(published.get(3), published.get(1))))
                .body("total", equalTo(2));
        tenant.api()
                .get("events?subject=s-1&pageSize=2&page=2")
                .then()
                .body("items.id", equalTo(List.of(published.get(0))))
                .body("total", equalTo(3));
        tenant.api().get("events?page=4&pageSize=2").then().body("items", equalTo(List.of()));
    }

    @Test
    void aBatchRecordsEveryEventInOrderInOneGoAndReplaysItsKeys() {
        String batch = "{\"events\":[{\"type\":\"build.started\",\"subject\":\"b-1\",\"idempotencyKey\":\"k1\","
                + "\"data\":{\"build_id\":\"b-1\"}},{\"type\":\"build.finished\",\"subject\":\"b-1\","
                + "\"data\":{\"build_id\":\"b-1\",\"status\":\"success\"}},{\"type\":\"build.started\","
                + "\"idempotencyKey\":\"k1\",\"data\":{\"build_id\":\"b-1\"}}]}";
        var first = tenant.api()
                .body(batch)
                .post("events/batch")
                .then()
                .statusCode(202)
                .body("items.type", equalTo(List.of("build.started", "build.finished", "build.started")))
                .body("items.replayed", equalTo(List.of(false, false, true)))
                .extract()
                .jsonPath();
        assertEquals(first.getString("items[0].id"), first.getString("items[2].id"), "a key repeated in the batch");
        var again = tenant.api()
                .body(batch)
                .post("events/batch")
                .then()
                .statusCode(202)
                .body("items.replayed", equalTo(List.of(true, false, true)))
                .extract()
                .jsonPath();
        assertEquals(first.getString("items[0].id"), again.getString("items[0].id"));
        List<JsonNode> lines = export("");
        assertEquals(3, lines.size(), "two events, and one more of the second batch's unkeyed item");
        assertEquals(
                List.of("build.started", "build.finished", "build.finished"),
                lines.stream().map(line -> line.get("type").asString()).toList());
        tenant.api().get("events/verify").then().body("valid", equalTo(true)).body("checked", equalTo(3));
    }

    /** Herald's own categories are Herald's word: a tenant publishing in them is refused, alone or in a batch. */
    @Test
    void theTypesHeraldRaisesAboutItselfCannotBePublished() throws Exception {
        // A type of Herald's categories that a tenant defined before they were Herald's alone.
        sql(
                "INSERT INTO event_types (tenant_id, name, description, schema_json, created_at)"
                        + " VALUES (?, 'webhook.legacy', 'd', '{}', CURRENT_TIMESTAMP)",
                tenant.id());
        for (String type : List.of("webhook.ping", "webhook.disabled", "delivery.exhausted", "webhook.legacy")) {
            String event = "{\"type\":\"" + type + "\",\"subject\":\"wh_1\",\"data\":{\"subscription_id\":\"wh_1\"}}";
            tenant.api()
                    .body(event)
                    .post("events")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("type"))
                    .body("errors[0].message", containsString("a category Herald raises about itself"));
            tenant.api()
                    .body("{\"events\":[" + event + "]}")
                    .post("events/batch")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("events[0].type"));
        }
        tenant.api().get("events").then().body("total", equalTo(0));
    }

    @Test
    void aBatchWithOneBadEventIsA400NamingItAndRecordsNothing() {
        String good = "{\"type\":\"build.started\",\"data\":{\"build_id\":\"b\"}}";
        tenant.api()
                .body("{\"events\":[" + good + "," + good + ",{\"type\":\"build.nope\",\"data\":{}}]}")
                .post("events/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("events[2].type")));
        tenant.api()
                .body("{\"events\":[" + good + ",{\"type\":\"build.started\"}]}")
                .post("events/batch")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("events[1].data")));
        for (String events : new String[] {"[]", "null", "\"all\"", "[1]"}) {
            tenant.api()
                    .body("{\"events\":" + events + "}")
                    .post("events/batch")
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem(events.equals("[1]") ? "events[0]" : "events"));
        }
        tenant.api()
                .body("{}")
                .post("events/batch")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("events")));
        tenant.api()
                .body("{\"events\":[" + (good + ",").repeat(500) + good + "]}")
                .post("events/batch")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("1 to 500"));
        tenant.api()
                .body("{\"events\":[" + good + "],\"atomic\":true}")
                .post("events/batch")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("atomic")));
        // An event is what one publish's body may carry (the suite's 64 KiB), in a batch too, whose
        // body may be larger: every read of the history weighs an event as at most that.
        String wide = "{\"type\":\"build.started\",\"data\":{\"log\":\"" + "x".repeat(70_000) + "\"}}";
        tenant.api()
                .body("{\"events\":[" + good + "," + wide + "]}")
                .post("events/batch")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("events[1].data")))
                .body("errors[0].message", containsString("at most 65536 characters as JSON"));
        tenant.api().get("events").then().body("total", equalTo(0));
    }

    /**
     * A page of large events must fit the caller's room before it is loaded (the suite's share is
     * 256 KiB): 200 events of 1 MiB on a page held 200 MiB in a heap of 320, and on H2 an
     * exhausted heap closes the database for every tenant. The answer says which page size fits;
     * the whole history still reads through the export, which reads it in batches that fit.
     */
    @Test
    void aPageLargerThanACallMayReadIs400NamingAPageSizeThatFits() {
        String release = tenant.draftRelease();
        String large = "{\"type\":\"build.started\",\"subject\":\"" + release + "\",\"data\":{\"build_id\":\""
                + "x".repeat(60_000) + "\"}}";
        for (int i = 0; i < 6; i++) {
            tenant.api().body(large).post("events").then().statusCode(202);
        }
        tenant.api()
                .get("events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("pageSize"))
                .body("errors[0].message", containsString("ask for pageSize=4 or less"));
        tenant.api().get("events?pageSize=4").then().statusCode(200).body("items", hasSize(4));
        tenant.api().get("events?pageSize=4&page=2").then().statusCode(200).body("items", hasSize(3));
        tenant.api()
                .get("releases/" + release + "/timeline")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].message", containsString("events?subject=" + release));
        assertEquals(7, export("").size());
        tenant.api()
                .get("events/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("checked", equalTo(7));
    }

    /**
     * A release's timeline is read whole, so it is weighed before it is loaded by its events as
     * well as by their data: anyone who may publish can name the release as a subject, and a
     * million events of small data weighed next to nothing by their data alone (the suite's share,
     * 256 KiB, holds about 250 events of small data).
     */
    @Test
    void aTimelineOfManySmallEventsIsWeighedByItsEventsToo() {
        String release = tenant.draftRelease();
        String event = "{\"type\":\"build.started\",\"subject\":\"" + release + "\",\"data\":{\"build_id\":\"b\"}}";
        String batch = "{\"events\":[" + String.join(",", Collections.nCopies(150, event)) + "]}";
        tenant.api().get("releases/" + release + "/timeline").then().statusCode(200);
        for (int i = 0; i < 2; i++) {
            tenant.api().body(batch).post("events/batch").then().statusCode(202);
        }
        tenant.api()
                .get("releases/" + release + "/timeline")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].message", containsString("1 KiB for each event"))
                .body("errors[0].message", containsString("events?subject=" + release));
        tenant.api()
                .get("events?subject=" + release + "&pageSize=200")
                .then()
                .statusCode(200)
                .body("total", equalTo(301))
                .body("items", hasSize(200));
    }

    @Test
    void aBatchHasABodyLimitOfItsOwn() {
        // The suite runs with 64 KiB for one request and 256 KiB for a batch.
        String padded = "{\"type\":\"build.started\",\"data\":{\"build_id\":\"" + "x".repeat(1000) + "\"}}";
        String hundredKib = "{\"events\":[" + String.join(",", Collections.nCopies(100, padded)) + "]}";
        tenant.api()
                .body(hundredKib)
                .post("events/batch")
                .then()
                .statusCode(202)
                .body("items", hasSize(100));
        String threeHundredKib = "{\"events\":[" + String.join(",", Collections.nCopies(300, padded)) + "]}";
        tenant.api()
                .body(threeHundredKib)
                .post("events/batch")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        tenant.api().get("events").then().body("total", equalTo(100));
    }

    /** How many batches of published events committed, and how many publishes they held (from /metrics). */
    private static double[] batchSizes() {
        String metrics = io.restassured.RestAssured.given()
                .baseUri(HeraldServer.base().toString())
                .get("metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        double[] countAndSum = new double[2];
        for (String line : metrics.split("\n")) {
            var matcher = java.util.regex.Pattern.compile("^event_batch_size_(count|sum)(\\{[^}]*})? (\\S+)$")
                    .matcher(line);
            if (matcher.matches()) {
                countAndSum[matcher.group(1).equals("count") ? 0 : 1] = Double.parseDouble(matcher.group(3));
            }
        }
        return countAndSum;
    }

    @Test
    void aWindowExportsAndVerifiesOnlyTheEventsRecordedInIt() {
        List<JsonNode> lines = history(4);
        String since = lines.get(1).get("timestamp").asString();
        String until = lines.get(3).get("timestamp").asString();
        List<JsonNode> window = export("?since=" + since + "&until=" + until);
        assertEquals(
                List.of(2L, 3L),
                window.stream().map(line -> line.get("sequence").asLong()).toList());
        tenant.api()
                .get("events/verify?since=" + since + "&until=" + until)
                .then()
                .body("valid", equalTo(true))
                .body("checked", equalTo(2))
                .body("firstSequence", equalTo(2))
                .body("lastSequence", equalTo(3));
        tenant.api()
                .get("events/verify?since=yesterday")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("since"));
    }

    @Test
    void aRowAlteredInTheDatabaseIsFoundAtThatEvent() throws Exception {
        List<JsonNode> lines = history(5);
        String altered = lines.get(2).get("id").asString();
        sql(
                "UPDATE events SET data_json = ? WHERE id = ?",
                "{\"deployment_id\":\"dep-3\",\"environment\":\"dev\"}",
                altered);
        tenant.api()
                .get("events/verify")
                .then()
                .body("valid", equalTo(false))
                .body("checked", equalTo(2))
                .body("firstBreak.sequence", equalTo(3))
                .body("firstBreak.eventId", equalTo(altered))
                .body("firstBreak.reason", containsString("content does not match its hash"));
        // A window after the altered event still holds together.
        tenant.api()
                .get("events/verify?since=" + lines.get(3).get("timestamp").asString())
                .then()
                .body("valid", equalTo(true))
                .body("checked", equalTo(2));
    }

    @Test
    void anAlteredRowWhoseHashWasRewrittenBreaksTheNextLink() throws Exception {
        List<JsonNode> lines = history(4);
        ObjectNode forged = (ObjectNode) lines.get(1).deepCopy();
        ((ObjectNode) forged.get("data")).put("environment", "dev");
        String forgedHash = offlineHash(forged);
        sql(
                "UPDATE events SET data_json = ?, hash = ? WHERE id = ?",
                JSON.writeValueAsString(forged.get("data")),
                forgedHash,
                forged.get("id").asString());
        tenant.api()
                .get("events/verify")
                .then()
                .body("valid", equalTo(false))
                .body("firstBreak.sequence", equalTo(3))
                .body("firstBreak.eventId", equalTo(lines.get(2).get("id").asString()))
                .body("firstBreak.reason", containsString("prevHash"));
    }

    @Test
    void aDeletedEventIsReportedMissingEvenTheNewest() throws Exception {
        List<JsonNode> lines = history(4);
        sql("DELETE FROM events WHERE id = ?", lines.get(3).get("id").asString());
        tenant.api()
                .get("events/verify")
                .then()
                .body("valid", equalTo(false))
                .body("firstBreak.sequence", equalTo(4))
                .body("firstBreak.reason", containsString("missing"));
        sql("DELETE FROM events WHERE id = ?", lines.get(1).get("id").asString());
        tenant.api()
                .get("events/verify")
                .then()
                .body("valid", equalTo(false))
                .body("firstBreak.sequence", equalTo(2))
                .body("firstBreak.eventId", nullValue())
                .body("firstBreak.reason", containsString("missing"));
        // A window starting right after it names the missing event, not the next one as altered.
        tenant.api()
                .get("events/verify?since=" + lines.get(2).get("timestamp").asString())
                .then()
                .body("valid", equalTo(false))
                .body("firstBreak.sequence", equalTo(2))
                .body("firstBreak.eventId", nullValue())
                .body("firstBreak.reason", containsString("missing"));
    }

    @Test
    void removingTheWholeHistoryOrTheEndOfAWindowIsFound() throws Exception {
        List<JsonNode> lines = history(4);
        String until = lines.get(3).get("timestamp").asString();
        sql("DELETE FROM events WHERE id = ?", lines.get(2).get("id").asString());
        tenant.api()
                .get("events/verify?until=" + until)
                .then()
                .body("valid", equalTo(false))
                .body("firstBreak.sequence", equalTo(3))
                .body("firstBreak.reason", containsString("missing"));
        try (Connection db = HeraldServer.database();
                PreparedStatement delete = db.prepareStatement("DELETE FROM events WHERE tenant_id = ?")) {
            delete.setString(1, tenant.id());
            assertEquals(3, delete.executeUpdate());
        }
        tenant.api()
                .get("events/verify")
                .then()
                .body("valid", equalTo(false))
                .body("firstBreak.sequence", equalTo(1))
                .body("firstBreak.reason", containsString("missing"));
    }

    @Test
    void aNumberTheHistoryCannotHashAndATimeNoDatabaseHoldsAre400() {
        tenant.api()
                .body("{\"type\":\"build.started\",\"data\":{\"build_id\":\"b\",\"m\":{\"n\":[1, 1e400]}}}")
                .post("events")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("data.m.n[1]"));
        tenant.api()
                .queryParam("since", "+300000-01-01T00:00:00Z")
                .get("events/verify")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("since"));
        tenant.api()
                .get("events/export?until=1969-12-31T23:59:59Z")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("until"));
        tenant.api().get("events").then().body("total", equalTo(0));
    }

    @Test
    void anEmptyHistoryIsValid() {
        tenant.api()
                .get("events/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("checked", equalTo(0));
        assertEquals(List.of(), export(""));
    }

    private static void sql(String statement, String... values) throws Exception {
        try (Connection db = HeraldServer.database();
                PreparedStatement update = db.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                update.setString(i + 1, values[i]);
            }
            assertEquals(1, update.executeUpdate());
        }
    }

    /**
     * What an auditor computes, written apart from Herald's code: SHA-256 over the line without
     * its hash in RFC 8785 form (enough of it for ASCII text and integers, as used here).
     */
    static String offlineHash(JsonNode line) throws Exception {
        ObjectNode content = (ObjectNode) line.deepCopy();
        content.remove("hash");
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(canonical(content).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
            List<String> members = new ArrayList<>();
            sorted.forEach((name, value) -> members.add(JSON.writeValueAsString(name) + ":" + canonical(value)));
            return "{" + String.join(",", members) + "}";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return "[" + String.join(",", items) + "]";
        }
        return JSON.writeValueAsString(node);
    }
}
