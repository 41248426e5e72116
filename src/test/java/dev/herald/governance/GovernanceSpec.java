package dev.herald.governance;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.CatalogSchemas;
import dev.herald.it.HeraldServer;
import dev.herald.it.PageRefusals;
import dev.herald.it.Receiver;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Releases, approvals, policies, licenses and artifacts (API.md "Governance resources"):
 * every transition and its events, every refused transition, the timers, the timeline, and
 * that what is delivered matches the catalog's schemas.
 */
public abstract class GovernanceSpec {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DIGEST = "sha256:" + "4f7c0e1a9b7d3c5e".repeat(4);

    Receiver receiver;
    Tenant tenant;
    /** A second actor's token: with four eyes (the default) approvals are decided by someone else. */
    String approver;

    @BeforeEach
    void subscribeToEverything() {
        receiver = Receiver.start();
        tenant = Api.newTenant();
        approver = tenant.api()
                .body("{\"actor\":\"approver\",\"scopes\":[\"govern\"]}")
                .post("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        tenant.api()
                .body("{\"url\":\"" + receiver.url("/all") + "\",\"events\":[\"*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    JsonPath call(String method, String path, String body, int status) {
        var request = as(path);
        if (body != null) {
            request.body(body);
        }
        return request.request(method, path).then().statusCode(status).extract().jsonPath();
    }

    String createRelease(String version) {
        return call(
                        "POST",
                        "releases",
                        "{\"productId\":\"shop-api\",\"version\":\"" + version + "\",\"channel\":\"stable\"}",
                        201)
                .getString("id");
    }

    String requestApproval(String releaseId, Instant expiresAt) {
        String expiry = expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"";
        return call("POST", "approvals", "{\"releaseId\":\"" + releaseId + "\"" + expiry + "}", 201)
                .getString("id");
    }

    int eventCount() {
        return tenant.api().get("events").then().statusCode(200).extract().path("total");
    }

    List<String> timelineTypes(String releaseId) {
        return call("GET", "releases/" + releaseId + "/timeline", null, 200).getList("items.type");
    }

    /** Waits for the events' deliveries and checks each payload's data against its type's schema. */
    List<JsonPath> delivered(int count) {
        List<JsonPath> payloads = new ArrayList<>();
        for (var request : receiver.await(count, WAIT)) {
            CatalogSchemas.assertValidPayload(request.body());
            payloads.add(JsonPath.from(request.body()));
        }
        return payloads;
    }

    /** Who makes a call: the approver decides approvals, the tenant's first token ('admin') does the rest. */
    RequestSpecification as(String path) {
        return path.matches("approvals/.+/(approve|reject)") ? Api.as(approver) : tenant.api();
    }

    void assertConflictNaming(String method, String path, String state) {
        int before = eventCount();
        as(path).request(method, path)
                .then()
                .statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString(" is " + state));
        assertEquals(before, eventCount(), "a refused transition raises nothing");
    }

    @Test
    void releaseGoesThroughApprovalToPublishedRaisingEachEventWithItsIds() {
        String releaseId = call("POST", "releases", """
                {"productId":"shop-api","version":"2.4.0","channel":"stable",
                 "artifacts":[{"name":"registry.example.com/shop/api:2.4.0","digest":"%s","platform":"linux",
                               "arch":"amd64"}]}""".formatted(DIGEST), 201).getString("id");
        JsonPath release = call("GET", "releases/" + releaseId, null, 200);
        assertEquals("draft", release.getString("status"));
        String artifactId = release.getString("artifacts[0].id");

        String approvalId = requestApproval(releaseId, null);
        assertEquals(
                "pending_approval",
                call("GET", "releases/" + releaseId, null, 200).getString("status"));
        JsonPath approved = call("POST", "approvals/" + approvalId + "/approve", "{\"comment\":\"LGTM\"}", 200);
        assertEquals("approved", approved.getString("status"));
        assertEquals("approved", call("GET", "releases/" + releaseId, null, 200).getString("status"));
        JsonPath published = call("POST", "releases/" + releaseId + "/publish", null, 200);
        assertEquals("published", published.getString("status"));
        assertTrue(published.getString("publishedAt") != null);

        List<String> expected = List.of(
                "release.created",
                "artifact.registered",
                "approval.requested",
                "approval.approved",
                "release.approved",
                "release.published");
        assertEquals(expected, timelineTypes(releaseId));
        List<JsonPath> payloads = delivered(expected.size());
        assertEquals(expected.size(), receiver.requests().size());
        JsonPath created = only(payloads, "release.created");
        assertEquals(releaseId, created.getString("subject"));
        assertEquals(releaseId, created.getString("data.release_id"));
        assertEquals("shop-api", created.getString("data.product_id"));
        assertEquals(List.of(artifactId), created.getList("data.artifacts.artifact_id"));
        assertEquals("amd64", created.getString("data.artifacts[0].arch"));
        JsonPath approval = only(payloads, "approval.approved");
        assertEquals(approvalId, approval.getString("subject"));
        assertEquals(approvalId, approval.getString("data.approval_id"));
        assertEquals(releaseId, approval.getString("data.release_id"));
        assertEquals("approver", approval.getString("data.approved_by"));
        assertEquals("admin", approval.getString("data.requested_by"));
        assertEquals(false, approval.getBoolean("data.self_approved"));
        assertEquals("LGTM", approval.getString("data.comment"));
        assertEquals(artifactId, only(payloads, "artifact.registered").getString("data.artifact_id"));
        assertEquals(releaseId, only(payloads, "release.approved").getString("data.release_id"));
        assertEquals(releaseId, only(payloads, "release.published").getString("data.release_id"));
    }

    private static JsonPath only(List<JsonPath> payloads, String type) {
        List<JsonPath> matching =
                payloads.stream().filter(p -> p.getString("event").equals(type)).toList();
        assertEquals(1, matching.size(), "exactly one " + type);
        return matching.get(0);
    }

    @Test
    void everyInvalidReleaseTransitionIs409NamingTheStateAndRaisesNothing() {
        String releaseId = createRelease("1.0.0");
        assertConflictNaming("POST", "releases/" + releaseId + "/publish", "draft");
        String approvalId = requestApproval(releaseId, null);
        assertConflictNaming("POST", "releases/" + releaseId + "/publish", "pending_approval");
        tenant.api()
                .body("{\"releaseId\":\"" + releaseId + "\"}")
                .post("approvals")
                .then()
                .statusCode(409)
                .body("detail", containsString("is pending_approval"));
        assertArtifactRefused(releaseId, "pending_approval");
        call("POST", "approvals/" + approvalId + "/approve", null, 200);
        assertArtifactRefused(releaseId, "approved");
        assertConflictNaming("POST", "approvals/" + approvalId + "/approve", "approved");
        assertConflictNaming("POST", "approvals/" + approvalId + "/reject", "approved");
        tenant.api()
                .body("{\"releaseId\":\"" + releaseId + "\"}")
                .post("approvals")
                .then()
                .statusCode(409)
                .body("detail", containsString("is approved"));
        call("POST", "releases/" + releaseId + "/publish", null, 200);
        assertConflictNaming("POST", "releases/" + releaseId + "/publish", "published");
        tenant.api()
                .body("{\"releaseId\":\"" + releaseId + "\"}")
                .post("approvals")
                .then()
                .statusCode(409)
                .body("detail", containsString("is published"));
        assertArtifactRefused(releaseId, "published");
        tenant.api()
                .body("{\"productId\":\"shop-api\",\"version\":\"1.0.0\",\"channel\":\"beta\"}")
                .post("releases")
                .then()
                .statusCode(409)
                .body("detail", containsString(releaseId));
    }

    /**
     * An artifact into a release that awaits or has its approval, or is published, is refused
     * naming the state: what was approved is what is published.
     */
    private void assertArtifactRefused(String releaseId, String state) {
        int events = eventCount();
        int artifacts =
                call("GET", "artifacts?releaseId=" + releaseId, null, 200).getInt("total");
        tenant.api()
                .body("{\"name\":\"late\",\"digest\":\"" + DIGEST + "\",\"releaseId\":\"" + releaseId + "\"}")
                .post("artifacts")
                .then()
                .statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString(" is " + state))
                .body("detail", containsString("register this one with a new release"));
        assertEquals(events, eventCount(), "a refused artifact raises nothing");
        assertEquals(
                artifacts,
                call("GET", "artifacts?releaseId=" + releaseId, null, 200).getInt("total"));
    }

    @Test
    void aRejectedReleaseCanAskForApprovalAgain() {
        String releaseId = createRelease("1.1.0");
        String first = requestApproval(releaseId, null);
        JsonPath rejected = call("POST", "approvals/" + first + "/reject", "{\"comment\":\"fails the scan\"}", 200);
        assertEquals("rejected", rejected.getString("status"));
        assertEquals("rejected", call("GET", "releases/" + releaseId, null, 200).getString("status"));
        assertConflictNaming("POST", "releases/" + releaseId + "/publish", "rejected");
        assertConflictNaming("POST", "approvals/" + first + "/approve", "rejected");
        // Reworked: a rejected release takes the artifact that fixes it before it asks again.
        call(
                "POST",
                "artifacts",
                "{\"releaseId\":\"" + releaseId + "\",\"name\":\"fixed.tar.gz\",\"digest\":\"" + DIGEST + "\"}",
                201);

        String second = requestApproval(releaseId, null);
        call("POST", "approvals/" + second + "/approve", null, 200);
        assertEquals(
                List.of(
                        "release.created",
                        "approval.requested",
                        "approval.rejected",
                        "release.rejected",
                        "artifact.registered",
                        "approval.requested",
                        "approval.approved",
                        "release.approved"),
                timelineTypes(releaseId));
        List<JsonPath> payloads = delivered(8);
        assertEquals(first, only(payloads, "release.rejected").getString("data.approval_id"));
        assertEquals("fails the scan", only(payloads, "approval.rejected").getString("data.comment"));
    }

    @Test
    void theStrictestPolicyDecidesWhetherPublishingNeedsAnApproval() {
        String lenient = call("POST", "policies", "{\"name\":\"hotfixes\",\"rules\":{\"requireApproval\":false}}", 201)
                .getString("id");
        String strict = call("POST", "policies", "{\"name\":\"audited\",\"rules\":{\"requireApproval\":true}}", 201)
                .getString("id");
        String first = createRelease("3.0.0");
        assertConflictNaming("POST", "releases/" + first + "/publish", "draft");

        JsonPath updated =
                call("PUT", "policies/" + strict, "{\"name\":\"audited\",\"rules\":{\"requireApproval\":false}}", 200);
        assertEquals(false, updated.getBoolean("rules.requireApproval"));
        assertEquals(
                "published",
                call("POST", "releases/" + first + "/publish", null, 200).getString("status"));

        tenant.api().delete("policies/" + lenient).then().statusCode(204);
        tenant.api().delete("policies/" + strict).then().statusCode(204);
        tenant.api().get("policies/" + strict).then().statusCode(404);
        String second = createRelease("3.0.1");
        assertConflictNaming("POST", "releases/" + second + "/publish", "draft");

        List<JsonPath> payloads = delivered(8);
        List<JsonPath> policyEvents = payloads.stream()
                .filter(p -> p.getString("event").startsWith("policy."))
                .toList();
        assertEquals(5, policyEvents.size());
        JsonPath change = only(payloads, "policy.updated");
        assertEquals(strict, change.getString("subject"));
        assertEquals(strict, change.getString("data.policy_id"));
        assertEquals(tenant.id(), change.getString("data.tenant_id"));
        assertEquals("updated", change.getString("data.update_action"));
        assertEquals("admin", change.getString("data.updated_by"));
        assertEquals(
                2,
                policyEvents.stream()
                        .filter(p -> p.getString("event").equals("policy.deleted"))
                        .count());
        tenant.api()
                .body("{\"name\":\"dup\",\"rules\":{\"requireApproval\":true}}")
                .post("policies")
                .then()
                .statusCode(201);
        tenant.api()
                .body("{\"name\":\"dup\",\"rules\":{\"requireApproval\":true}}")
                .post("policies")
                .then()
                .statusCode(409)
                .body("detail", containsString("dup"));
    }

    /**
     * One tenant's 120 leases fall due a moment before another tenant's one: the other's is
     * expired among the first, not after the backlog. Taken oldest first across tenants, 100 a
     * tick, it came after all 120, a tick later (at the default interval, a backlog of thousands
     * held every other tenant's expiries back for hours).
     */
    @Test
    void aTenantsBacklogOfDueLeasesDoesNotHoldAnotherTenantsBack() throws Exception {
        Tenant other = Api.newTenant();
        String later = Instant.now().plusSeconds(3600).toString();
        String theOthers = other.api()
                .body("{\"productId\":\"app\",\"licensee\":\"Globex\",\"expiresAt\":\"" + later + "\"}")
                .post("licenses")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        int backlog = 120;
        for (int i = 0; i < backlog; i++) {
            call(
                    "POST",
                    "licenses",
                    "{\"productId\":\"shop\",\"licensee\":\"L" + i + "\",\"expiresAt\":\"" + later + "\"}",
                    201);
        }
        // All fall due at once, the backlog a millisecond before the other tenant's lease.
        java.time.OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        try (Connection db = HeraldServer.database();
                var update = db.prepareStatement("UPDATE licenses SET expires_at = CASE WHEN tenant_id = ? THEN ?"
                        + " ELSE ? END WHERE tenant_id IN (?, ?)")) {
            update.setString(1, other.id());
            update.setObject(2, due.plusNanos(1_000_000));
            update.setObject(3, due);
            update.setString(4, other.id());
            update.setString(5, tenant.id());
            assertEquals(backlog + 1, update.executeUpdate());
        }
        await().atMost(WAIT)
                .until(() -> tenant.api()
                                .get("events?type=license.expired&pageSize=200")
                                .then()
                                .extract()
                                .<Integer>path("total")
                        == backlog);
        Instant othersExpiry = Instant.parse(other.api()
                .get("events?type=license.expired")
                .then()
                .body("items", hasSize(1))
                .body("items[0].subject", equalTo(theOthers))
                .extract()
                .path("items[0].timestamp"));
        List<String> backlogExpiries = tenant.api()
                .get("events?type=license.expired&pageSize=200")
                .then()
                .extract()
                .path("items.timestamp");
        long before = backlogExpiries.stream()
                .map(Instant::parse)
                .filter(othersExpiry::isAfter)
                .count();
        assertTrue(before <= 1, before + " of the backlog's " + backlog + " expired before the other tenant's lease");
    }

    @Test
    void licensesAreIssuedRevokedOnceAndExpiredByTheTimerExactlyOnce() {
        String revoked = call(
                        "POST",
                        "licenses",
                        "{\"productId\":\"shop-api\",\"licensee\":\"ACME\",\"expiresAt\":\""
                                + Instant.now().plusSeconds(3600) + "\"}",
                        201)
                .getString("id");
        assertEquals(
                "revoked",
                call("POST", "licenses/" + revoked + "/revoke", null, 200).getString("status"));
        assertConflictNaming("POST", "licenses/" + revoked + "/revoke", "revoked");

        String lapsing = call(
                        "POST",
                        "licenses",
                        "{\"productId\":\"shop-api\",\"licensee\":\"Initech\"," + "\"expiresAt\":\""
                                + Instant.now().plusMillis(1500) + "\"}",
                        201)
                .getString("id");
        await().atMost(WAIT)
                .until(() -> "expired"
                        .equals(call("GET", "licenses/" + lapsing, null, 200).getString("status")));
        assertConflictNaming("POST", "licenses/" + lapsing + "/revoke", "expired");

        List<JsonPath> payloads = delivered(4);
        assertEquals(lapsing, only(payloads, "license.expired").getString("data.license_id"));
        assertEquals(revoked, only(payloads, "license.revoked").getString("data.license_id"));
        // Later ticks of the timer find nothing more to do.
        tenant.api().get("events?type=license.expired").then().body("total", equalTo(1));
    }

    @Test
    void anUndecidedApprovalExpiresOnceAndItsReleaseIsADraftAgain() {
        String releaseId = createRelease("4.0.0");
        String approvalId = requestApproval(releaseId, Instant.now().plusMillis(1500));
        await().atMost(WAIT)
                .until(() -> "expired"
                        .equals(call("GET", "approvals/" + approvalId, null, 200)
                                .getString("status")));
        assertEquals("draft", call("GET", "releases/" + releaseId, null, 200).getString("status"));
        assertConflictNaming("POST", "approvals/" + approvalId + "/approve", "expired");
        assertEquals(List.of("release.created", "approval.requested", "approval.expired"), timelineTypes(releaseId));
        JsonPath expired = only(delivered(3), "approval.expired");
        assertEquals(approvalId, expired.getString("data.approval_id"));
        assertEquals(releaseId, expired.getString("data.release_id"));
        requestApproval(releaseId, null);
    }

    @Test
    void aRejectedReleaseWhoseNextApprovalLapsesIsRejectedAgainNotADraftToPublish() {
        call("POST", "policies", "{\"name\":\"hotfixes\",\"rules\":{\"requireApproval\":false}}", 201);
        String releaseId = createRelease("4.1.0");
        String first = requestApproval(releaseId, null);
        call("POST", "approvals/" + first + "/reject", "{\"comment\":\"fails the scan\"}", 200);
        String lapsing = requestApproval(releaseId, Instant.now().plusMillis(1500));
        await().atMost(WAIT)
                .until(() -> "expired"
                        .equals(call("GET", "approvals/" + lapsing, null, 200).getString("status")));
        assertEquals("rejected", call("GET", "releases/" + releaseId, null, 200).getString("status"));
        assertConflictNaming("POST", "releases/" + releaseId + "/publish", "rejected");
        requestApproval(releaseId, null); // it may ask again, as any rejected release
    }

    /**
     * A page of 200 releases lists up to 20,000 artifacts (up to about 660 characters each): they
     * are weighed before they are loaded, like every page of large rows. Written straight into the
     * database, 13,000 of the largest (8.6 MB of text), for speed.
     */
    @Test
    void aPageOfReleasesWhoseArtifactsDoNotFitTheCallersRoomNamesAPageSizeThatDoes() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            ids.add(createRelease("9." + i + ".0"));
        }
        try (Connection db = HeraldServer.database();
                var insert = db.prepareStatement("INSERT INTO artifacts (id, tenant_id, release_id, name, digest,"
                        + " platform, arch, created_at, updated_at, row_version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)")) {
            for (String releaseId : ids) {
                for (int j = 0; j < 100; j++) {
                    String id = "art_it_" + releaseId + "_" + j;
                    insert.setString(1, id.length() <= 40 ? id : id.substring(id.length() - 40));
                    insert.setString(2, tenant.id());
                    insert.setString(3, releaseId);
                    insert.setString(4, "n".repeat(290) + j);
                    insert.setString(5, DIGEST + "d".repeat(120));
                    insert.setString(6, "p".repeat(50));
                    insert.setString(7, "a".repeat(50));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        tenant.api()
                .get("releases?pageSize=200")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("ask for pageSize="));
        int pageSize = PageRefusals.pageSizeNamedBy(tenant.api().get("releases?pageSize=200"));
        assertTrue(pageSize > 0 && pageSize < 130, pageSize + " named");
        tenant.api()
                .get("releases?pageSize=" + pageSize)
                .then()
                .statusCode(200)
                .body("items", hasSize(pageSize))
                .body("items[0].artifacts", hasSize(100));
    }

    /**
     * A release lists its artifacts in its event and its answers, and its timeline reads their
     * events: it holds at most 100, whether they come with it or are registered into it later.
     */
    @Test
    void aReleaseHoldsAtMost100Artifacts() {
        String artifact = "{\"name\":\"part\",\"digest\":\"" + DIGEST + "\"}";
        String releaseId = call(
                        "POST",
                        "releases",
                        "{\"productId\":\"shop-api\",\"version\":\"9.0.0\",\"channel\":\"stable\",\"artifacts\":["
                                + String.join(",", Collections.nCopies(99, artifact)) + "]}",
                        201)
                .getString("id");
        String intoIt = "{\"releaseId\":\"" + releaseId + "\",\"name\":\"late\",\"digest\":\"" + DIGEST + "\"}";
        call("POST", "artifacts", intoIt, 201);
        tenant.api()
                .body(intoIt)
                .post("artifacts")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already holds 100 artifacts"));
        assertEquals(
                100,
                call("GET", "releases/" + releaseId, null, 200)
                        .getList("artifacts")
                        .size());
        call("POST", "artifacts", "{\"name\":\"standalone\",\"digest\":\"" + DIGEST + "\"}", 201);
    }

    /**
     * Request-and-reject cycles grew a release's approvals without end, and its timeline binds
     * each approval's id as a query parameter: a release has at most 100 approval requests.
     */
    @Test
    void aReleaseHasAtMost100ApprovalRequests() {
        String releaseId = createRelease("8.0.0");
        for (int i = 0; i < 100; i++) {
            call("POST", "approvals/" + requestApproval(releaseId, null) + "/reject", "{}", 200);
        }
        tenant.api()
                .body("{\"releaseId\":\"" + releaseId + "\"}")
                .post("approvals")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("has had 100 approval requests"));
        assertEquals("rejected", call("GET", "releases/" + releaseId, null, 200).getString("status"));
    }

    @Test
    void artifactsAreRegisteredAndVerifiedOnce() {
        String releaseId = createRelease("5.0.0");
        JsonPath artifact = call(
                "POST",
                "artifacts",
                "{\"releaseId\":\"" + releaseId + "\",\"name\":\"app.tar.gz\"," + "\"digest\":\"" + DIGEST + "\"}",
                201);
        String artifactId = artifact.getString("id");
        assertEquals("registered", artifact.getString("status"));
        String standalone = call(
                        "POST",
                        "artifacts",
                        "{\"name\":\"tool\",\"digest\":\"" + DIGEST + "\",\"platform\":\"linux\",\"arch\":\"arm64\"}",
                        201)
                .getString("id");
        assertEquals(
                "verified",
                call("POST", "artifacts/" + artifactId + "/verify", null, 200).getString("status"));
        assertConflictNaming("POST", "artifacts/" + artifactId + "/verify", "verified");
        tenant.api().get("artifacts?releaseId=" + releaseId).then().body("items.id", equalTo(List.of(artifactId)));
        assertEquals(List.of("release.created", "artifact.registered", "artifact.verified"), timelineTypes(releaseId));
        List<JsonPath> payloads = delivered(4);
        assertEquals(artifactId, only(payloads, "artifact.verified").getString("data.artifact_id"));
        assertEquals(
                2,
                payloads.stream()
                        .filter(p -> p.getString("event").equals("artifact.registered"))
                        .count());
        assertTrue(payloads.stream().anyMatch(p -> standalone.equals(p.getString("subject"))));
    }

    @Test
    void ofConcurrentDecisionsOnOneApprovalExactlyOneWinsAndTheLosersRaiseNothing() throws Exception {
        String releaseId = createRelease("6.0.0");
        String approvalId = requestApproval(releaseId, null);
        int contenders = 6;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        List<Callable<Integer>> decisions = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            String verb = i % 2 == 0 ? "approve" : "reject";
            decisions.add(() -> Api.as(approver)
                    .post("approvals/" + approvalId + "/" + verb)
                    .statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> outcome : pool.invokeAll(decisions)) {
                statuses.add(outcome.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(
                contenders - 1,
                statuses.stream().filter(status -> status == 409).count(),
                statuses.toString());
        String decision = call("GET", "approvals/" + approvalId, null, 200).getString("status");
        assertEquals(
                List.of("release.created", "approval.requested", "approval." + decision, "release." + decision),
                timelineTypes(releaseId));
        delivered(4);
        assertEquals(4, receiver.requests().size());
    }

    /**
     * A release whose second artifact the database refuses: release.created and the first
     * artifact.registered are already written when the change fails, and all of it rolls back.
     */
    @Test
    void aGovernanceChangeThatRollsBackLeavesNoEventAndSendsNoDelivery() throws Exception {
        String refused = "refused-" + tenant.id();
        try (Connection db = HeraldServer.database();
                Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE artifacts ADD CONSTRAINT ck_it_"
                    + tenant.id().toLowerCase() + " CHECK (name <> '" + refused + "')");
        }
        try {
            tenant.api()
                    .body("""
                    {"productId":"doomed","version":"1.0.0","channel":"stable",
                     "artifacts":[{"name":"fine","digest":"%s"},{"name":"%s","digest":"%s"}]}""".formatted(DIGEST, refused, DIGEST))
                    .post("releases")
                    .then()
                    .statusCode(409);
        } finally {
            try (Connection db = HeraldServer.database();
                    Statement sql = db.createStatement()) {
                sql.execute("ALTER TABLE artifacts DROP CONSTRAINT ck_it_"
                        + tenant.id().toLowerCase());
            }
        }
        tenant.api().get("releases?productId=doomed").then().body("total", equalTo(0));
        assertEquals(0, eventCount());
        // A later change is delivered; nothing of the rolled-back one ever is.
        String later = createRelease("1.0.1");
        delivered(1);
        assertEquals(1, receiver.requests().size());
        assertEquals(later, JsonPath.from(receiver.requests().get(0).body()).getString("subject"));
        tenant.api().get("events/verify").then().body("valid", equalTo(true)).body("checked", equalTo(1));
    }

    @Test
    void eventsOfOtherReleaseToolingArePublishedWithTheirCatalogSchemas() {
        List<String> events = List.of("""
                {"type":"build.finished","subject":"build-4711","data":{"build_id":"build-4711","build_number":4711,
                 "pipeline":"shop-api/main","repository":"git@example.com:shop/api.git",
                 "commit":"9fceb02d0ae598e95dc970b74767f19372d61af8","branch":"main","status":"success",
                 "duration_seconds":312.5,"url":"https://ci.example.com/shop-api/4711",
                 "finished_at":"2026-11-25T10:15:00Z",
                 "artifacts":[{"name":"registry.example.com/shop/api:2.4.0","digest":"%s"}]}}""".formatted(DIGEST), """
                {"type":"deployment.started","subject":"dep-88","data":{"deployment_id":"dep-88","job_id":"job-3",
                 "release_id":"rel_x","version":"2.4.0","environment":"production",
                 "targets":["eu-west-1/cluster-a","eu-west-1/cluster-b"],"status":"running",
                 "triggered_by":"ops@example.com","started_at":"2026-11-25T10:20:00Z"}}""", """
                {"type":"deployment.failed","subject":"dep-88","data":{"deployment_id":"dep-88","environment":"production",
                 "targets":["eu-west-1/cluster-b"],"status":"failed","error":"readiness probe timed out",
                 "finished_at":"2026-11-25T10:31:00Z"}}""", """
                {"type":"rollback.initiated","subject":"dep-88","data":{"rollback_id":"rb-2","deployment_id":"dep-88",
                 "environment":"production","from_version":"2.4.0","to_version":"2.3.9","reason":"failed deployment"}}""", """
                {"type":"incident.shared","subject":"inc-7","data":{"incident_id":"inc-7","title":"Checkout errors",
                 "severity":"high","status":"investigating","opened_at":"2026-11-25T10:32:00Z",
                 "affected_releases":["rel_x"],"alerts":[{"alert_id":"al-1","name":"5xx rate","source":"prometheus",
                 "severity":"critical","fired_at":"2026-11-25T10:30:00Z"}]}}""", """
                {"type":"promotion.requested","subject":"prm-1","data":{"promotion_id":"prm-1","release_id":"rel_x",
                 "from_environment":"staging","to_environment":"production"}}""");
        for (String event : events) {
            tenant.api().body(event).post("events").then().statusCode(202);
        }
        delivered(events.size());
        // The schema check bites: a deployment without its environment is not what the catalog promises.
        org.junit.jupiter.api.Assertions.assertThrows(
                AssertionError.class,
                () -> CatalogSchemas.assertValid("deployment.started", "{\"deployment_id\":\"d\"}"));
        org.junit.jupiter.api.Assertions.assertThrows(
                AssertionError.class,
                () -> CatalogSchemas.assertValid("build.finished", "{\"build_id\":\"b\",\"status\":\"green\"}"));
    }

    @Test
    void badGovernanceInputIs400NamingTheFieldAndChangesNothing() {
        String releaseId = createRelease("7.0.0");
        int before = eventCount();
        record Bad(String path, String body, String field) {}
        List<Bad> bad = List.of(
                new Bad("releases", "{}", "productId"),
                new Bad("releases", "{\"productId\":\"p\",\"version\":\"\",\"channel\":\"stable\"}", "version"),
                new Bad(
                        "releases",
                        "{\"productId\":\"p\",\"version\":\"1\",\"channel\":\"stable\",\"chanel\":1}",
                        "chanel"),
                new Bad(
                        "releases",
                        "{\"productId\":\"p\",\"version\":\"1\",\"channel\":\"stable\","
                                + "\"artifacts\":[{\"name\":\"a\",\"digest\":\"md5-nope\"}]}",
                        "artifacts[0].digest"),
                new Bad(
                        "releases",
                        "{\"productId\":\"p\",\"version\":\"1\",\"channel\":\"stable\"," + "\"artifacts\":[\"art_1\"]}",
                        "artifacts[0]"),
                new Bad("approvals", "{\"releaseId\":\"rel_nope\"}", "releaseId"),
                new Bad(
                        "approvals",
                        "{\"releaseId\":\"" + releaseId + "\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}",
                        "expiresAt"),
                new Bad("approvals", "{\"releaseId\":\"" + releaseId + "\",\"expiresAt\":\"tomorrow\"}", "expiresAt"),
                new Bad(
                        "approvals",
                        "{\"releaseId\":\"" + releaseId + "\",\"expiresAt\":\"+300000-01-01T00:00:00Z\"}",
                        "expiresAt"),
                new Bad(
                        "artifacts",
                        "{\"name\":\"a\",\"digest\":\"" + "a".repeat(300) + ":" + "0".repeat(64) + "\"}",
                        "digest"),
                new Bad("policies", "{\"name\":\"p\"}", "rules"),
                new Bad("policies", "{\"name\":\"p\",\"rules\":{\"requireApproval\":\"no\"}}", "rules.requireApproval"),
                new Bad("policies", "{\"name\":\"p\",\"rules\":{\"requireApprovals\":true}}", "rules.requireApprovals"),
                new Bad(
                        "policies",
                        "{\"name\":\"p\",\"rules\":{\"requireApproval\":true,\"separationOfDuties\":\"off\"}}",
                        "rules.separationOfDuties"),
                new Bad("licenses", "{\"productId\":\"p\",\"licensee\":\"l\"}", "expiresAt"),
                new Bad(
                        "licenses",
                        "{\"productId\":\"p\",\"licensee\":\"l\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}",
                        "expiresAt"),
                new Bad(
                        "artifacts",
                        "{\"name\":\"a\",\"digest\":\"" + DIGEST + "\",\"releaseId\":\"rel_nope\"}",
                        "releaseId"),
                new Bad("artifacts", "{\"digest\":\"" + DIGEST + "\"}", "name"));
        for (Bad input : bad) {
            tenant.api()
                    .body(input.body())
                    .post(input.path())
                    .then()
                    .statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("errors.field", org.hamcrest.Matchers.hasItem(input.field()));
        }
        tenant.api().get("releases?status=shipped").then().statusCode(400).body("errors[0].field", equalTo("status"));
        tenant.api()
                .body("{\"comment\":5}")
                .post("approvals/appr_nope/approve")
                .then()
                .statusCode(400);
        assertEquals(before, eventCount());
        tenant.api().get("releases").then().body("total", equalTo(1));
        tenant.api().get("policies").then().body("total", equalTo(0));
        tenant.api().get("licenses").then().body("total", equalTo(0));
        tenant.api().get("artifacts").then().body("total", equalTo(0));
        tenant.api().get("approvals").then().body("total", equalTo(0));
    }

    /** JSON and URLs can carry NUL; PostgreSQL text cannot: a 400 names where it is, never a 5xx. */
    @Test
    void aNulCharacterInABodyPathOrQueryIs400() {
        tenant.api()
                .body("{\"productId\":\"p\\u0000\",\"version\":\"1\",\"channel\":\"stable\"}")
                .post("releases")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("productId"));
        // Payara refuses %00 in a path itself, before Herald sees the request.
        tenant.api().urlEncodingEnabled(false).get("releases/rel_%00").then().statusCode(400);
        tenant.api()
                .urlEncodingEnabled(false)
                .get("releases?productId=a%00b")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("productId"));
        tenant.api().urlEncodingEnabled(false).get("events?type=%00").then().statusCode(400);
        tenant.api().get("releases").then().body("total", equalTo(0));
    }

    @Test
    void anotherTenantsGovernanceObjectsAreNotFound() {
        String releaseId = createRelease("8.0.0");
        Tenant other = Api.newTenant();
        other.api().get("releases/" + releaseId).then().statusCode(404);
        other.api().post("releases/" + releaseId + "/publish").then().statusCode(404);
        other.api().get("releases/" + releaseId + "/timeline").then().statusCode(404);
        other.api()
                .body("{\"releaseId\":\"" + releaseId + "\"}")
                .post("approvals")
                .then()
                .statusCode(400);
        other.api().get("releases").then().body("total", equalTo(0)).body("items", hasSize(0));
        tenant.api()
                .get("releases")
                .then()
                .body("items[0].id", equalTo(releaseId))
                .body("items[0].createdAt", notNullValue())
                .body("items[0].id", startsWith("rel_"));
    }
}
