package dev.herald.inbound;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.CatalogSchemas;
import dev.herald.it.HeraldServer;
import dev.herald.it.PageRefusals;
import dev.herald.it.Receiver;
import dev.herald.it.TableLock;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inbound webhooks (API.md "Inbound webhooks"): real payload examples of every sender,
 * signed the way each signs, forged, missing and stale signatures, malformed and oversized
 * bodies, duplicates, filters, and a registry push that becomes a delivered release.created.
 */
public abstract class InboundSpec {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "It's a Secret to Everybody";

    Tenant tenant;
    Receiver receiver;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant();
        receiver = Receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    static String payload(String name) {
        try (InputStream in = InboundSpec.class.getResourceAsStream("/inbound/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hmac(String algorithm, String secret, String content) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
        return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** A component created from {@code body}: its id. */
    String component(String body) {
        return tenant.api()
                .body(body)
                .post("components")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    JsonPath integration(String body) {
        return tenant.api()
                .body(body)
                .post("integrations")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** A sender's request: no bearer token, only what the sender itself sends. */
    static RequestSpecification sender() {
        return Api.anonymous();
    }

    static String inbound(String integrationId) {
        return "inbound/" + integrationId;
    }

    RequestSpecification github(String event, String body) throws Exception {
        return sender().header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + hmac("HmacSHA256", SECRET, body))
                .body(body);
    }

    JsonPath receipts(String integrationId) {
        return tenant.api()
                .get("integrations/" + integrationId + "/receipts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The newest receipt once its processing has concluded. */
    JsonPath concludedReceipt(String integrationId) {
        await().atMost(WAIT)
                .until(() -> !"processing".equals(receipts(integrationId).getString("items[0].outcome")));
        return receipts(integrationId).setRootPath("items[0]");
    }

    static ValidatableResponse answered(RequestSpecification request, String integrationId, int status) {
        return request.post(inbound(integrationId)).then().statusCode(status);
    }

    @Test
    void aSignedGitHubTagPushIsProcessedAndNormalized() throws Exception {
        String id = integration("{\"name\":\"gh\",\"type\":\"github\",\"secret\":\"" + SECRET + "\"}")
                .getString("id");
        answered(github("push", payload("github-push-tag.json")), id, 200)
                .body("success", equalTo(true))
                .body("action", equalTo("processed"));
        JsonPath receipt = concludedReceipt(id);
        assertEquals("processed", receipt.getString("outcome"));
        assertEquals("push", receipt.getString("event"));
        assertEquals("tag", receipt.getString("normalized.kind"));
        assertEquals("v1.4.0", receipt.getString("normalized.tag"));
        assertEquals("Codertocat/Hello-World", receipt.getString("normalized.repository"));
        assertEquals("6113728f27ae82c7b1a177c8d03f9e96e0adf246", receipt.getString("normalized.commit"));
        assertTrue(receipt.getString("reason").contains("No component maps repository Codertocat/Hello-World"));
        assertTrue(receipt.getString("body").contains("\"refs/tags/v1.4.0\""));
    }

    @Test
    void gitHubReleaseWorkflowRunAndPingAreNormalizedAndOtherEventsIgnored() throws Exception {
        String id = integration("{\"name\":\"gh\",\"type\":\"github\",\"secret\":\"" + SECRET + "\"}")
                .getString("id");
        answered(github("release", payload("github-release.json")), id, 200).body("action", equalTo("processed"));
        JsonPath release = concludedReceipt(id);
        assertEquals("release", release.getString("normalized.kind"));
        assertEquals("0.0.1", release.getString("normalized.tag"));
        assertEquals("published", release.getString("normalized.status"));

        answered(github("workflow_run", payload("github-workflow-run.json")), id, 200)
                .body("action", equalTo("processed"));
        JsonPath run = concludedReceipt(id);
        assertEquals("workflow_run", run.getString("normalized.kind"));
        assertEquals("success", run.getString("normalized.status"));
        assertEquals("octo-org/octo-repo", run.getString("normalized.repository"));
        assertEquals("main", run.getString("normalized.branch"));

        answered(github("pull_request", payload("github-pull-request-merged.json")), id, 200)
                .body("action", equalTo("processed"));
        JsonPath merged = concludedReceipt(id);
        assertEquals("pull_request", merged.getString("normalized.kind"));
        assertEquals("merged", merged.getString("normalized.status"));
        assertEquals("main", merged.getString("normalized.branch"), "where it merged into");
        assertEquals("c4295bd74fb0f4d5b4c3e4f1a9f3b8c1c2d5e6f7", merged.getString("normalized.commit"));
        assertEquals("https://github.com/Codertocat/Hello-World/pull/42", merged.getString("normalized.url"));
        answered(
                github(
                        "pull_request",
                        payload("github-pull-request-merged.json")
                                .replace("\"closed\"", "\"opened\"")
                                .replace("\"merged\": true", "\"merged\": false")),
                id,
                200);
        JsonPath opened = concludedReceipt(id);
        assertEquals("opened", opened.getString("normalized.status"));
        assertEquals("ec26c3e57ca3a959ca5aad62de7213c562f8c821", opened.getString("normalized.commit"));

        answered(github("ping", payload("github-ping.json")), id, 200)
                .body("action", equalTo("ignored"))
                .body("reason", containsString("ping"));
        answered(github("issues", "{\"action\":\"opened\"}"), id, 200)
                .body("action", equalTo("ignored"))
                .body("reason", containsString("'issues'"));
    }

    @Test
    void forgedMissingAndOtherSecretSignaturesAre401AndRecordNothing() throws Exception {
        String id = integration("{\"name\":\"gh\",\"type\":\"github\",\"secret\":\"" + SECRET + "\"}")
                .getString("id");
        String body = payload("github-push-tag.json");
        answered(sender().header("X-GitHub-Event", "push").body(body), id, 401)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("X-Hub-Signature-256"));
        answered(
                sender().header("X-GitHub-Event", "push")
                        .header("X-Hub-Signature-256", "sha256=" + hmac("HmacSHA256", "another secret", body))
                        .body(body),
                id,
                401);
        answered(
                sender().header("X-GitHub-Event", "push")
                        .header("X-Hub-Signature-256", "sha256=" + hmac("HmacSHA256", SECRET, body + " "))
                        .body(body),
                id,
                401);
        answered(
                sender().header("X-GitHub-Event", "push")
                        .header("X-Hub-Signature-256", "sha256=zz")
                        .body(body),
                id,
                401);
        assertEquals(0, receipts(id).getInt("total"));
    }

    @Test
    void aRepeatedDeliveryIdIsADuplicateAndNotProcessedAgain() throws Exception {
        String id = integration("{\"name\":\"gh\",\"type\":\"github\",\"secret\":\"" + SECRET + "\"}")
                .getString("id");
        String body = payload("github-push-tag.json");
        String signature = "sha256=" + hmac("HmacSHA256", SECRET, body);
        for (String expected : List.of("processed", "duplicate", "duplicate")) {
            answered(
                            sender().header("X-GitHub-Event", "push")
                                    .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab")
                                    .header("X-Hub-Signature-256", signature)
                                    .body(body),
                            id,
                            200)
                    .body("action", equalTo(expected));
        }
        await().atMost(WAIT)
                .until(() -> receipts(id).getList("items.outcome").stream().noneMatch("processing"::equals));
        JsonPath all = receipts(id);
        assertEquals(3, all.getInt("total"));
        assertEquals(
                List.of("duplicate", "duplicate", "processed"),
                all.getList("items.outcome").stream().sorted().toList());
    }

    @Test
    void ofConcurrentCallsWithOneDeliveryIdExactlyOneIsProcessed() throws Exception {
        String id = integration("{\"name\":\"gh\",\"type\":\"github\",\"secret\":\"" + SECRET + "\"}")
                .getString("id");
        String body = payload("github-push-tag.json");
        String signature = "sha256=" + hmac("HmacSHA256", SECRET, body);
        int senders = 6;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(senders);
        List<java.util.concurrent.Callable<String>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < senders; i++) {
            calls.add(() -> sender().header("X-GitHub-Event", "push")
                    .header("X-GitHub-Delivery", "same-delivery")
                    .header("X-Hub-Signature-256", signature)
                    .body(body)
                    .post(inbound(id))
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("action"));
        }
        List<String> actions = new java.util.ArrayList<>();
        try {
            for (var answer : pool.invokeAll(calls)) {
                actions.add(answer.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, actions.stream().filter("processed"::equals).count(), actions.toString());
        assertEquals(senders - 1, actions.stream().filter("duplicate"::equals).count(), actions.toString());
        assertEquals(senders, receipts(id).getInt("total"));
    }

    @Test
    void gitLabPushTagPipelineAndReleaseHooksAreVerifiedByTokenAndNormalized() {
        String id = integration("{\"name\":\"gl\",\"type\":\"gitlab\",\"token\":\"gl-secret-token\"}")
                .getString("id");
        answered(
                        sender().header("X-Gitlab-Event", "Push Hook")
                                .header("X-Gitlab-Token", "gl-secret-token")
                                .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
                                .body(payload("gitlab-push.json")),
                        id,
                        200)
                .body("action", equalTo("processed"));
        JsonPath push = concludedReceipt(id);
        assertEquals("push", push.getString("normalized.kind"));
        assertEquals("master", push.getString("normalized.branch"));
        assertEquals("mike/diaspora", push.getString("normalized.repository"));

        answered(
                        sender().header("X-Gitlab-Event", "Tag Push Hook")
                                .header("X-Gitlab-Token", "gl-secret-token")
                                .body(payload("gitlab-tag-push.json")),
                        id,
                        200)
                .body("action", equalTo("processed"));
        JsonPath tag = concludedReceipt(id);
        assertEquals("tag", tag.getString("normalized.kind"));
        assertEquals("v1.0.0", tag.getString("normalized.tag"));

        answered(
                        sender().header("X-Gitlab-Event", "Pipeline Hook")
                                .header("X-Gitlab-Token", "gl-secret-token")
                                .body(payload("gitlab-pipeline.json")),
                        id,
                        200)
                .body("action", equalTo("processed"));
        JsonPath pipeline = concludedReceipt(id);
        assertEquals("pipeline", pipeline.getString("normalized.kind"));
        assertEquals("success", pipeline.getString("normalized.status"));
        assertEquals("gitlab-org/gitlab-test", pipeline.getString("normalized.repository"));

        answered(
                        sender().header("X-Gitlab-Event", "Merge Request Hook")
                                .header("X-Gitlab-Token", "gl-secret-token")
                                .body(payload("gitlab-merge-request.json")),
                        id,
                        200)
                .body("action", equalTo("processed"));
        JsonPath opened = concludedReceipt(id);
        assertEquals("merge_request", opened.getString("normalized.kind"));
        assertEquals("open", opened.getString("normalized.status"));
        assertEquals("master", opened.getString("normalized.branch"), "where it merges into");
        assertEquals("da1560886d4f094c3e6c9ef40349f7d38b5d27d7", opened.getString("normalized.commit"));
        answered(
                sender().header("X-Gitlab-Event", "Merge Request Hook")
                        .header("X-Gitlab-Token", "gl-secret-token")
                        .body(payload("gitlab-merge-request.json")
                                .replace("\"action\": \"open\"", "\"action\": \"merge\"")
                                .replace("\"merge_commit_sha\": null", "\"merge_commit_sha\": \"8b5d27d7da15608\"")),
                id,
                200);
        JsonPath merged = concludedReceipt(id);
        assertEquals("merged", merged.getString("normalized.status"));
        assertEquals("8b5d27d7da15608", merged.getString("normalized.commit"));

        answered(
                        sender().header("X-Gitlab-Event", "Release Hook")
                                .header("X-Gitlab-Token", "gl-secret-token")
                                .body(payload("gitlab-release.json")),
                        id,
                        200)
                .body("action", equalTo("processed"));
        JsonPath release = concludedReceipt(id);
        assertEquals("release", release.getString("normalized.kind"));
        assertEquals("v1.1", release.getString("normalized.tag"));
        assertEquals("myspace/release-webhook-example", release.getString("normalized.repository"));

        answered(
                sender().header("X-Gitlab-Event", "Push Hook")
                        .header("X-Gitlab-Token", "not-the-token")
                        .body(payload("gitlab-push.json")),
                id,
                401);
        answered(sender().header("X-Gitlab-Event", "Push Hook").body(payload("gitlab-push.json")), id, 401)
                .body("detail", containsString("X-Gitlab-Token"));
        assertEquals(6, receipts(id).getInt("total"));
    }

    @Test
    void dockerHubAndHarborPushesAreNormalizedAndHarborsOtherEventsIgnored() {
        String hub = integration("{\"name\":\"hub\",\"type\":\"registry-push\",\"token\":\"hub-token-123\"}")
                .getString("id");
        answered(sender().queryParam("token", "hub-token-123").body(payload("dockerhub-push.json")), hub, 200)
                .body("action", equalTo("processed"));
        JsonPath hubPush = concludedReceipt(hub);
        assertEquals("dockerhub", hubPush.getString("normalized.source"));
        assertEquals("image_push", hubPush.getString("normalized.kind"));
        assertEquals("svendowideit/testhook", hubPush.getString("normalized.repository"));
        assertEquals("v3.0.1", hubPush.getString("normalized.tag"));
        answered(sender().queryParam("token", "wrong").body(payload("dockerhub-push.json")), hub, 401);

        String harbor = integration("{\"name\":\"harbor\",\"type\":\"registry-push\",\"token\":\"harbor-auth\"}")
                .getString("id");
        answered(sender().header("Authorization", "harbor-auth").body(payload("harbor-push.json")), harbor, 200)
                .body("action", equalTo("processed"));
        JsonPath harborPush = concludedReceipt(harbor);
        assertEquals("harbor", harborPush.getString("normalized.source"));
        assertEquals("shop/api", harborPush.getString("normalized.repository"));
        assertEquals(
                "sha256:954b378c375d852eb3c63ab88978f640b4348b01c1b3456a024a81536dafbbf4",
                harborPush.getString("normalized.digest"));
        answered(sender().header("Authorization", "Bearer harbor-auth").body(payload("harbor-scan.json")), harbor, 200)
                .body("action", equalTo("ignored"))
                .body("reason", containsString("SCANNING_COMPLETED"));
        answered(sender().body(payload("harbor-push.json")), harbor, 401);
    }

    @Test
    void hmacInAConfiguredHeaderWithSha1OrSha256AndAStaleOrMissingTimestampIsRefused() throws Exception {
        String body = payload("ci-pipeline.json");
        String sha1 = integration("{\"name\":\"ci\",\"type\":\"ci-pipeline\",\"secret\":\"ci-secret\","
                        + "\"signatureHeader\":\"X-CI-Signature\",\"signatureAlgorithm\":\"hmac-sha1\"}")
                .getString("id");
        answered(
                        sender().header("X-CI-Signature", "sha1=" + hmac("HmacSHA1", "ci-secret", body))
                                .body(body),
                        sha1,
                        200)
                .body("action", equalTo("processed"));
        JsonPath pipeline = concludedReceipt(sha1);
        assertEquals("pipeline", pipeline.getString("normalized.kind"));
        assertEquals("v5.2.0", pipeline.getString("normalized.tag"));
        answered(
                sender().header("X-CI-Signature", hmac("HmacSHA256", "ci-secret", body))
                        .body(body),
                sha1,
                401);

        String timed = integration(
                        "{\"name\":\"timed\",\"type\":\"generic\",\"secret\":\"g-secret\","
                                + "\"signatureHeader\":\"X-Signature\",\"timestampHeader\":\"X-Timestamp\",\"toleranceSeconds\":60}")
                .getString("id");
        String now = String.valueOf(Instant.now().getEpochSecond());
        answered(
                        sender().header("X-Timestamp", now)
                                .header("X-Signature", hmac("HmacSHA256", "g-secret", now + "." + body))
                                .body(body),
                        timed,
                        200)
                .body("action", equalTo("processed"));
        String stale = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());
        answered(
                        sender().header("X-Timestamp", stale)
                                .header("X-Signature", hmac("HmacSHA256", "g-secret", stale + "." + body))
                                .body(body),
                        timed,
                        401)
                .body("detail", containsString("60 seconds"));
        answered(
                        sender().header("X-Signature", hmac("HmacSHA256", "g-secret", body))
                                .body(body),
                        timed,
                        401)
                .body("detail", containsString("X-Timestamp"));
        assertEquals(1, receipts(timed).getInt("total"));
    }

    @Test
    void filtersOnTheNormalizedEventDecideWhatIsKept() {
        String id = integration("""
                {"name":"gen","type":"generic","token":"gen-token","filters":[
                  {"path":"$.tag","op":"matches","value":"^v\\\\d+\\\\.\\\\d+\\\\.\\\\d+$"},
                  {"path":"$.payload.labels","op":"contains","value":"release"},
                  {"path":"$.payload.meta['env']","op":"equals","value":"prod"}]}""").getString("id");
        RequestSpecification kept = sender().header("X-Herald-Token", "gen-token")
                .body(
                        "{\"repository\":\"acme/x\",\"tag\":\"v1.2.3\",\"labels\":[\"release\",\"x\"],\"meta\":{\"env\":\"prod\"}}");
        answered(kept, id, 200).body("action", equalTo("processed"));
        answered(
                        sender().header("X-Herald-Token", "gen-token")
                                .body("{\"tag\":\"v1.2.3-rc1\",\"labels\":[\"release\"],\"meta\":{\"env\":\"prod\"}}"),
                        id,
                        200)
                .body("action", equalTo("ignored"))
                .body("reason", containsString("$.tag matches"));
        answered(
                        sender().header("X-Herald-Token", "gen-token")
                                .body("{\"tag\":\"v1.2.4\",\"labels\":[\"nightly\"],\"meta\":{\"env\":\"prod\"}}"),
                        id,
                        200)
                .body("action", equalTo("ignored"))
                .body("reason", containsString("$.payload.labels contains"));
        answered(
                        sender().header("X-Herald-Token", "gen-token")
                                .body("{\"tag\":\"v1.2.5\",\"labels\":[\"release\"],\"meta\":{\"env\":\"dev\"}}"),
                        id,
                        200)
                .body("action", equalTo("ignored"));
    }

    @Test
    void malformedOversizedUnknownAndDisabledAreAnsweredWithoutProcessing() {
        String id = integration("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .getString("id");
        answered(sender().header("X-Herald-Token", "gen-token").body("{\"tag\": v1"), id, 400)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("line 1"));
        assertEquals("failed", receipts(id).getString("items[0].outcome"));
        answered(sender().header("X-Herald-Token", "gen-token").body("{\"tag\":\"\u0000\"}"), id, 400);
        answered(
                        sender().header("X-Herald-Token", "gen-token")
                                .body("{\"event\":\"" + "e".repeat(150) + "\\u0000\"}"),
                        id,
                        200)
                .body("action", equalTo("processed"));
        answered(sender().header("X-Herald-Token", "gen-token").body("{\"x\":\"" + "a".repeat(70_000) + "\"}"), id, 413)
                .contentType(containsString("application/problem+json"));
        answered(sender().header("X-Herald-Token", "gen-token").body("{}"), "int_doesnotexist", 404)
                .contentType(containsString("application/problem+json"));
        tenant.api()
                .body("{\"name\":\"gen\",\"type\":\"generic\",\"enabled\":false}")
                .put("integrations/" + id)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
        answered(sender().header("X-Herald-Token", "gen-token").body("{\"a\":1}"), id, 200)
                .body("action", equalTo("ignored"))
                .body("reason", containsString("disabled"));
        assertEquals(4, receipts(id).getInt("total"));
    }

    @Test
    void deeplyNestedBodiesAndAbsurdNumbersAre400WithAFailedReceipt() {
        String id = integration("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .getString("id");
        for (String body : new String[] {
            "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
            "{\"n\":" + "9".repeat(5000) + "}",
            "{\"n\":1e999999999}"
        }) {
            answered(sender().header("X-Herald-Token", "gen-token").body(body), id, 400)
                    .contentType(containsString("application/problem+json"))
                    .body("errors[0].field", equalTo("body"));
        }
        JsonPath receipts = receipts(id);
        assertEquals(3, receipts.getInt("total"));
        assertEquals(List.of("failed", "failed", "failed"), receipts.getList("items.outcome"));
    }

    /**
     * Pushes name a repository in any case and find its component whatever the case; a second
     * component of the same repository in another case was accepted, and each push then recorded
     * its version into every one of them (a tenant's case variants multiplied each push's writes).
     */
    @Test
    void aRepositoryIsOneComponentWhateverItsCase() {
        String component = component("{\"name\":\"shop\",\"repository\":\"acme/Shop\",\"productId\":\"shop\"}");
        tenant.api()
                .body("{\"name\":\"shop again\",\"repository\":\"ACME/shop\",\"productId\":\"shop\"}")
                .post("components")
                .then()
                .statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString(component));
        String id = integration("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .getString("id");
        answered(
                        sender().header("X-Herald-Token", "gen-token")
                                .body("{\"repository\":\"acme/shop\",\"tag\":\"v1.0.0\"}"),
                        id,
                        200)
                .body("componentId", equalTo(component))
                .body("versionsAdded", equalTo(1));
        tenant.api().get("components").then().body("total", equalTo(1));
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api()
                        .get("components/" + component + "/versions")
                        .then()
                        .body("items.version", contains("1.0.0")));
    }

    /**
     * What a push carries that Herald cannot record: a NUL is a 400 with a failed receipt (on
     * PostgreSQL the component lookup threw, a 500); a tag longer than a version can be is
     * processed without a version, the receipt saying why (the insert failed after the answer,
     * with the database's own message).
     */
    @Test
    void aPushWithANulIs400AndOneTooLongToRecordIsProcessedWithoutAVersion() {
        String component = component("{\"name\":\"app image\",\"repository\":\"acme/app\",\"productId\":\"app\"}");
        String id = integration("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .getString("id");
        for (String body : new String[] {
            "{\"repository\":\"acme/app\\u0000\",\"tag\":\"v1.0.0\"}",
            "{\"repository\":\"acme/app\",\"tag\":\"v1\\u0000\"}"
        }) {
            answered(sender().header("X-Herald-Token", "gen-token").body(body), id, 400)
                    .contentType(containsString("application/problem+json"))
                    .body("errors[0].field", equalTo("body"))
                    .body("errors[0].message", containsString("NUL"));
        }
        answered(
                        sender().header("X-Herald-Token", "gen-token")
                                .body("{\"repository\":\"acme/app\",\"tag\":\"v" + "1".repeat(120) + "\"}"),
                        id,
                        200)
                .body("action", equalTo("processed"))
                .body("componentId", equalTo(component))
                .body("versionsAdded", equalTo(0));
        JsonPath receipt = concludedReceipt(id);
        assertEquals("processed", receipt.getString("outcome"));
        assertTrue(receipt.getString("reason").contains("too long"), receipt.getString("reason"));
        assertEquals(List.of("processed", "failed", "failed"), receipts(id).getList("items.outcome"));
        tenant.api().get("components/" + component + "/versions").then().body("total", equalTo(0));
    }

    /** A blank tag, or a tag whose version is blank, records no version and fires no trigger. */
    @Test
    void aBlankTagOrABlankVersionRecordsNothing() {
        String component = component("{\"name\":\"app\",\"repository\":\"acme/app\",\"productId\":\"app\","
                + "\"triggers\":[{\"tagPattern\":\"^v?(.*)$\",\"channel\":\"stable\"}]}");
        String id = integration("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .getString("id");
        for (String tag : List.of("", "   ", "v")) {
            answered(
                            sender().header("X-Herald-Token", "gen-token")
                                    .body("{\"repository\":\"acme/app\",\"tag\":\"" + tag + "\"}"),
                            id,
                            200)
                    .body("componentId", equalTo(component))
                    .body("versionsAdded", equalTo(0))
                    .body("triggersActivated", equalTo(0));
            String reason = concludedReceipt(id).getString("reason");
            assertTrue(
                    reason.contains(tag.equals("v") ? "the tag gives an empty version" : "carries no tag to version"),
                    reason);
        }
        tenant.api().get("components/" + component + "/versions").then().body("total", equalTo(0));
        tenant.api().get("releases").then().body("total", equalTo(0));
    }

    /**
     * Calls that carry one tag under different delivery ids (a GitHub push and its release) are
     * processed at once: one records the version and its release, the others find it recorded.
     * The others used to insert the version too and fail on its unique key, their receipts
     * quoting the database. On PostgreSQL the race is made certain: the tenants' chain heads are
     * locked until every processing waits (the first for its release's event, the others behind
     * it), then let go.
     */
    @Test
    void callsCarryingOneTagAtOnceRecordOneVersionAndNoneFails() throws Exception {
        String component = component("{\"name\":\"api\",\"repository\":\"acme/api\",\"productId\":\"api\","
                + "\"triggers\":[{\"tagPattern\":\"^v(\\\\d+\\\\.\\\\d+\\\\.\\\\d+)$\",\"channel\":\"stable\"}]}");
        String id = integration("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .getString("id");
        int calls = 4; // a tenant's receipts processed at once
        try (TableLock chainHeads = HeraldServer.onPostgres() ? TableLock.on("event_chain_heads") : null) {
            for (int i = 0; i < calls; i++) { // answered once stored; processed after
                answered(
                                sender().header("X-Herald-Token", "gen-token")
                                        .header("X-Delivery-Id", "same-tag-" + i)
                                        .body("{\"repository\":\"acme/api\",\"tag\":\"v2.0.0\"}"),
                                id,
                                200)
                        .body("action", equalTo("processed"));
            }
            if (chainHeads != null) {
                // The first waits for the chain head (as may a timer), the others for the first's rows.
                await().atMost(WAIT).until(() -> chainHeads.waiting() >= 1 && TableLock.waitingForRows() >= calls - 1);
            }
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertEquals(
                        Collections.nCopies(calls, "processed"), receipts(id).getList("items.outcome")));
        tenant.api().get("components/" + component + "/versions").then().body("items.version", contains("2.0.0"));
        tenant.api().get("releases").then().body("total", equalTo(1));
        tenant.api().get("events?type=release.created").then().body("total", equalTo(1));
    }

    /**
     * Two components of one product (its API and web images) push one tag: the first creates
     * the release, the second records its version against it. The second failed, and every
     * later push of that tag with it, its version never recorded.
     */
    @Test
    void aSecondComponentOfAProductRecordsItsVersionAgainstTheReleaseTheFirstCreated() throws Exception {
        String trigger = ",\"productId\":\"shop\",\"triggers\":[{\"tagPattern\":\"^v(.*)$\",\"channel\":\"stable\"}]}";
        String api = component("{\"name\":\"api\",\"repository\":\"acme/shop-api\"" + trigger);
        String web = component("{\"name\":\"web\",\"repository\":\"acme/shop-web\"" + trigger);
        String id = integration("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .getString("id");
        answered(
                        sender().header("X-Herald-Token", "gen-token")
                                .body("{\"repository\":\"acme/shop-api\",\"tag\":\"v1.0.0\"}"),
                        id,
                        200)
                .body("triggersActivated", equalTo(1));
        await().atMost(WAIT)
                .untilAsserted(() -> tenant.api().get("releases").then().body("total", equalTo(1)));
        String release = tenant.api().get("releases").then().extract().path("items[0].id");
        answered(
                        sender().header("X-Herald-Token", "gen-token")
                                .body("{\"repository\":\"acme/shop-web\",\"tag\":\"v1.0.0\"}"),
                        id,
                        200)
                .body("componentId", equalTo(web))
                .body("versionsAdded", equalTo(1))
                .body("triggersActivated", equalTo(0));
        JsonPath receipt = concludedReceipt(id);
        assertEquals("processed", receipt.getString("outcome"));
        assertTrue(receipt.getString("reason").contains("has release " + release), receipt.getString("reason"));
        for (String component : List.of(api, web)) {
            tenant.api()
                    .get("components/" + component + "/versions")
                    .then()
                    .body("items.version", contains("1.0.0"))
                    .body("items.releaseId", contains(release));
        }
        tenant.api().get("releases").then().body("total", equalTo(1));

        // Both images of the next version at once: one creates the release, the other waits and
        // records against it (on PostgreSQL the race is made certain, as above).
        try (TableLock chainHeads = HeraldServer.onPostgres() ? TableLock.on("event_chain_heads") : null) {
            for (String repository : List.of("acme/shop-api", "acme/shop-web")) {
                answered(
                        sender().header("X-Herald-Token", "gen-token")
                                .body("{\"repository\":\"" + repository + "\",\"tag\":\"v2.0.0\"}"),
                        id,
                        200);
            }
            if (chainHeads != null) {
                await().atMost(WAIT).until(() -> chainHeads.waiting() >= 1 && TableLock.waitingForRows() >= 1);
            }
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertEquals(
                        List.of("processed", "processed", "processed", "processed"),
                        receipts(id).getList("items.outcome")));
        tenant.api().get("releases").then().body("total", equalTo(2));
        for (String component : List.of(api, web)) {
            tenant.api()
                    .get("components/" + component + "/versions")
                    .then()
                    .body("items.version", contains("2.0.0", "1.0.0"));
        }
    }

    /** Each push runs every trigger's patterns and every call every filter: at most 20 of each. */
    @Test
    void aComponentHasAtMost20TriggersAndAnIntegrationAtMost20Filters() {
        String trigger = "{\"tagPattern\":\"^v(.*)$\",\"channel\":\"stable\"}";
        String filter = "{\"path\":\"$.tag\",\"op\":\"contains\",\"value\":\"v\"}";
        for (int count : List.of(21, 20)) {
            String triggers = String.join(",", Collections.nCopies(count, trigger));
            String filters = String.join(",", Collections.nCopies(count, filter));
            var component = tenant.api()
                    .body("{\"name\":\"c" + count + "\",\"repository\":\"acme/c" + count
                            + "\",\"productId\":\"c\",\"triggers\":[" + triggers + "]}")
                    .post("components")
                    .then();
            var integration = tenant.api()
                    .body("{\"name\":\"i" + count + "\",\"type\":\"generic\",\"token\":\"tok-" + count
                            + "\",\"filters\":[" + filters + "]}")
                    .post("integrations")
                    .then();
            if (count > 20) {
                component
                        .statusCode(400)
                        .contentType(containsString("application/problem+json"))
                        .body("errors[0].field", equalTo("triggers"))
                        .body("errors[0].message", containsString("at most 20"));
                integration
                        .statusCode(400)
                        .contentType(containsString("application/problem+json"))
                        .body("errors[0].field", equalTo("filters"))
                        .body("errors[0].message", containsString("at most 20"));
            } else {
                component.statusCode(201);
                integration.statusCode(201);
            }
        }
        tenant.api().get("components").then().body("total", equalTo(1));
        tenant.api().get("integrations").then().body("total", equalTo(1));
    }

    /**
     * A page of components or of integrations is weighed before it is read: a component holds up to
     * 20 triggers of 10 rules (some 90 Ki characters), an integration 20 filters, and a page 200 of
     * either, with no bound on how many a tenant has. Six components of some 54 Ki characters of
     * triggers, and twenty integrations of some 16 Ki characters of filters, are more than the
     * 256 KiB a call may read here: the page asks for fewer, and the page size it names is answered.
     */
    @Test
    void aPageOfComponentsOrIntegrationsThatDoesNotFitTheCallersRoomNamesAPageSizeThatDoes() {
        Tenant heavy = Api.newTenant();
        String rule = "{\"tagPattern\":\"" + "r".repeat(300) + "\",\"channel\":\"" + "c".repeat(100) + "\"}";
        String trigger = "{\"tagPattern\":\"" + "t".repeat(300) + "\",\"channel\":\"stable\",\"channelRules\":["
                + String.join(",", Collections.nCopies(10, rule)) + "]}";
        for (int i = 0; i < 6; i++) {
            heavy.api()
                    .body("{\"name\":\"c" + i + "\",\"repository\":\"acme/c" + i + "\",\"productId\":\"c\","
                            + "\"triggers\":[" + String.join(",", Collections.nCopies(12, trigger)) + "]}")
                    .post("components")
                    .then()
                    .statusCode(201);
        }
        String filter =
                "{\"path\":\"$['" + "p".repeat(290) + "']\",\"op\":\"contains\",\"value\":\"" + "v".repeat(500) + "\"}";
        for (int i = 0; i < 20; i++) {
            heavy.api()
                    .body("{\"name\":\"i" + i + "\",\"type\":\"generic\",\"token\":\"tok-" + i + "\",\"filters\":["
                            + String.join(",", Collections.nCopies(20, filter)) + "]}")
                    .post("integrations")
                    .then()
                    .statusCode(201);
        }

        for (String list : List.of("components", "integrations")) {
            int pageSize = PageRefusals.pageSizeNamedBy(heavy.api().get(list));
            int all = list.equals("components") ? 6 : 20;
            assertTrue(pageSize > 0 && pageSize < all, list + ": " + pageSize + " named");
            heavy.api()
                    .get(list + "?pageSize=" + pageSize)
                    .then()
                    .statusCode(200)
                    .body("items.size()", equalTo(pageSize))
                    .body("total", equalTo(all));
        }
    }

    /** Receipts an instance died with (answered, never processed) are taken up; old bodies are dropped. */
    @Test
    void aReceiptLeftProcessingIsTakenUpAndBodiesPastTheRetentionAreDropped() throws Exception {
        String id = integration("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .getString("id");
        try (Connection db = HeraldServer.database();
                var insert = db.prepareStatement("INSERT INTO inbound_receipts"
                        + " (id, tenant_id, integration_id, delivery_key, outcome, normalized_json, body, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insertReceipt(
                    insert,
                    "rcp_stuck" + id,
                    id,
                    "processing",
                    "{\"source\":\"generic\",\"kind\":\"generic\",\"repository\":\"acme/lost\",\"tag\":\"v9.9.9\"}",
                    Duration.ofMinutes(1));
            // Past the retention (7 days) by ten minutes: each sweep looks an hour back from its end.
            insertReceipt(
                    insert,
                    "rcp_old" + id,
                    id,
                    "ignored",
                    null,
                    Duration.ofDays(7).plusMinutes(10));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath all = receipts(id);
            List<String> outcomes = all.getList("items.outcome");
            assertEquals(List.of("processed", "ignored"), outcomes);
            assertTrue(all.getString("items[0].reason").contains("No component maps repository acme/lost"));
            assertEquals(null, all.getString("items[1].body"));
        });
    }

    /**
     * The upkeep takes up receipts left processing in their tenants' lines, each tenant's oldest
     * first and the tenants in turn. It processed them on its own timer thread, oldest first
     * across tenants: a tenant whose receipts waited for its product's lock held up every
     * other tenant's receipt an instance died with, for as long as the lock was held.
     */
    @Test
    void aTenantsReceiptsWaitingForItsProductHoldUpNoOtherTenantsReceiptTheUpkeepTakesUp() throws Exception {
        assumeTrue(HeraldServer.onPostgres(), "the test holds a row lock in PostgreSQL");
        component("{\"name\":\"api\",\"repository\":\"acme/busy\",\"productId\":\"busy\"}");
        String generic = "{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"gen-token\"}";
        String busy = integration(generic).getString("id");
        Tenant other = Api.newTenant();
        String lost = other.api()
                .body(generic)
                .post("integrations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try (Connection product = HeraldServer.database()) {
            product.setAutoCommit(false);
            try (var lock = product.prepareStatement("SELECT id FROM components WHERE tenant_id = ? FOR UPDATE")) {
                lock.setString(1, tenant.id());
                lock.executeQuery().close();
            }
            try (Connection db = HeraldServer.database();
                    var insert = db.prepareStatement("INSERT INTO inbound_receipts (id, tenant_id, integration_id,"
                            + " delivery_key, outcome, normalized_json, body, received_at)"
                            + " VALUES (?, ?, ?, ?, 'processing', ?, '{}', ?)")) {
                for (int i = 0; i < 10; i++) {
                    insertUnfinished(
                            insert, "rcp_busy" + i + busy, tenant.id(), busy, "acme/busy", Duration.ofMinutes(5));
                }
                insertUnfinished(insert, "rcp_lost" + lost, other.id(), lost, "acme/lost", Duration.ofMinutes(3));
            }
            await().atMost(WAIT)
                    .untilAsserted(() -> other.api()
                            .get("integrations/" + lost + "/receipts")
                            .then()
                            .body("items.outcome", contains("processed")));
            assertEquals(Collections.nCopies(10, "processing"), receipts(busy).getList("items.outcome"));
            product.rollback();
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertEquals(
                        Collections.nCopies(10, "processed"), receipts(busy).getList("items.outcome")));
    }

    private static void insertUnfinished(
            java.sql.PreparedStatement insert,
            String receiptId,
            String tenantId,
            String integrationId,
            String repository,
            Duration age)
            throws Exception {
        insert.setString(1, receiptId);
        insert.setString(2, tenantId);
        insert.setString(3, integrationId);
        insert.setString(4, "key-" + receiptId);
        insert.setString(
                5,
                "{\"source\":\"generic\",\"kind\":\"generic\",\"repository\":\"" + repository + "\",\"tag\":\"v1.0.0-"
                        + receiptId.toLowerCase() + "\"}");
        insert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC).minus(age));
        insert.executeUpdate();
    }

    /**
     * A generic sender's normalized event carries its body as {@code payload}: shown while the
     * body is kept, and gone with it. It was stored beside the body, and kept for ever.
     */
    @Test
    void aGenericSendersPayloadIsShownWithItsBodyAndGoesWithIt() throws Exception {
        String id = integration("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .getString("id");
        answered(
                sender().header("X-Herald-Token", "gen-token")
                        .body("{\"repository\":\"acme/kept\",\"apiKey\":\"s3cr3t-of-the-sender\"}"),
                id,
                200);
        JsonPath receipt = concludedReceipt(id);
        assertEquals("s3cr3t-of-the-sender", receipt.getString("normalized.payload.apiKey"));
        String receiptId = receipt.getString("id");
        try (Connection db = HeraldServer.database();
                var aged = db.prepareStatement("UPDATE inbound_receipts SET received_at = ? WHERE id = ?");
                var stored = db.prepareStatement("SELECT normalized_json FROM inbound_receipts WHERE id = ?")) {
            stored.setString(1, receiptId);
            try (ResultSet row = stored.executeQuery()) {
                assertTrue(row.next());
                assertFalse(row.getString(1).contains("s3cr3t"), "stored once, as the body: " + row.getString(1));
            }
            // Past the retention (7 days) by ten minutes: each sweep looks an hour back from its end.
            aged.setObject(
                    1,
                    OffsetDateTime.now(ZoneOffset.UTC).minus(Duration.ofDays(7).plusMinutes(10)));
            aged.setString(2, receiptId);
            assertEquals(1, aged.executeUpdate());
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath swept = receipts(id).setRootPath("items[0]");
            assertEquals(null, swept.getString("body"));
            assertEquals(null, swept.getString("normalized.payload"));
            assertEquals("acme/kept", swept.getString("normalized.repository"));
        });
    }

    private void insertReceipt(
            java.sql.PreparedStatement insert,
            String receiptId,
            String integrationId,
            String outcome,
            String normalized,
            Duration age)
            throws Exception {
        insert.setString(1, receiptId);
        insert.setString(2, tenant.id());
        insert.setString(3, integrationId);
        insert.setString(4, "key-" + receiptId);
        insert.setString(5, outcome);
        insert.setString(6, normalized);
        insert.setString(7, "{\"kept\":true}");
        insert.setObject(8, OffsetDateTime.now(ZoneOffset.UTC).minus(age));
        insert.executeUpdate();
    }

    /** The whole path: a Harbor push to a component's repository becomes a delivered release.created. */
    @Test
    void aRegistryPushBecomesAReleaseDeliveredToASubscriberOnlyOnce() {
        tenant.api()
                .body("{\"url\":\"" + receiver.url("/releases") + "\",\"events\":[\"release.created\"]}")
                .post("webhooks")
                .then()
                .statusCode(201);
        String component = component("""
                {"name":"shop api image","repository":"shop/api","productId":"shop-api",
                 "triggers":[{"tagPattern":"^v(\\\\d+\\\\.\\\\d+\\\\.\\\\d+)$","channel":"stable"}]}""");
        String harbor = integration("{\"name\":\"harbor\",\"type\":\"registry-push\",\"token\":\"harbor-auth\"}")
                .getString("id");
        answered(sender().header("Authorization", "harbor-auth").body(payload("harbor-push.json")), harbor, 200)
                .body("action", equalTo("processed"))
                .body("componentId", equalTo(component))
                .body("versionsAdded", equalTo(1))
                .body("triggersActivated", equalTo(1));

        var delivered = receiver.await(1, WAIT).get(0);
        CatalogSchemas.assertValidPayload(delivered.body());
        JsonPath release = JsonPath.from(delivered.body());
        assertEquals("release.created", release.getString("event"));
        assertEquals("shop-api", release.getString("data.product_id"));
        assertEquals("2.1.0", release.getString("data.version"));
        assertEquals("stable", release.getString("data.channel"));
        String releaseId = release.getString("data.release_id");
        tenant.api()
                .get("releases/" + releaseId)
                .then()
                .body("status", equalTo("draft"))
                .body(
                        "artifacts[0].digest",
                        equalTo("sha256:954b378c375d852eb3c63ab88978f640b4348b01c1b3456a024a81536dafbbf4"));
        assertTrue(concludedReceipt(harbor).getString("reason").contains(releaseId));
        tenant.api()
                .get("components/" + component + "/versions")
                .then()
                .body("items[0].version", equalTo("2.1.0"))
                .body("items[0].releaseId", equalTo(releaseId));

        // The same tag pushed again (a new call, not a redelivery) records nothing new and releases nothing.
        answered(
                        sender().header("Authorization", "harbor-auth")
                                .body(payload("harbor-push.json").replace("1680501893", "1680509999")),
                        harbor,
                        200)
                .body("action", equalTo("processed"))
                .body("componentId", equalTo(component))
                .body("versionsAdded", equalTo(0))
                .body("triggersActivated", equalTo(0));
        assertTrue(concludedReceipt(harbor).getString("reason").contains("recorded before"));
        // A pre-release tag is versioned but matches no trigger.
        answered(
                        sender().header("Authorization", "harbor-auth")
                                .body(payload("harbor-push.json").replace("\"v2.1.0\"", "\"v2.2.0-rc1\"")),
                        harbor,
                        200)
                .body("versionsAdded", equalTo(1))
                .body("triggersActivated", equalTo(0));
        assertTrue(concludedReceipt(harbor).getString("reason").contains("no release trigger matches"));
        tenant.api().get("components/" + component + "/versions").then().body("total", equalTo(2));
        tenant.api().get("events?type=release.created").then().body("total", equalTo(1));
        assertEquals(1, receiver.requests().size());
    }

    /** A sender may put any text where a digest goes: only a content digest becomes an artifact. */
    @Test
    void aPushWhoseDigestIsNoContentDigestReleasesWithoutAnArtifact() {
        component("""
                {"name":"bot","repository":"acme/bot","productId":"bot",
                 "triggers":[{"tagPattern":"^(.*)$","channel":"stable"}]}""");
        String id = integration("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .getString("id");
        answered(
                        sender().header("X-Herald-Token", "gen-token")
                                .body("{\"repository\":\"acme/bot\",\"tag\":\"3.0.0\",\"digest\":\"anything\"}"),
                        id,
                        200)
                .body("triggersActivated", equalTo(1));
        String reason = concludedReceipt(id).getString("reason");
        assertTrue(reason.contains("no artifact was registered"), reason);
        tenant.api()
                .get("releases?productId=bot")
                .then()
                .body("items[0].version", equalTo("3.0.0"))
                .body("items[0].artifacts", hasSize(0));
        tenant.api().get("artifacts").then().body("total", equalTo(0));
    }

    @Test
    void aTriggersChannelRulesTakeTheChannelFromTheTag() {
        tenant.api()
                .body("""
                {"name":"shop web","repository":"shop/web","productId":"shop-web",
                 "triggers":[{"tagPattern":"^v(\\\\d+\\\\.\\\\d+\\\\.\\\\d+(?:-rc\\\\d+)?)$","channel":"stable",
                              "channelRules":[{"tagPattern":"-rc\\\\d+$","channel":"beta"}]}]}""")
                .post("components")
                .then()
                .statusCode(201)
                .body("triggers[0].channelRules[0].channel", equalTo("beta"));
        String harbor = integration("{\"name\":\"harbor\",\"type\":\"registry-push\",\"token\":\"harbor-auth\"}")
                .getString("id");
        String push = payload("harbor-push.json").replace("shop/api", "shop/web");
        answered(
                        sender().header("Authorization", "harbor-auth")
                                .body(push.replace("\"v2.1.0\"", "\"v3.0.0-rc1\"")),
                        harbor,
                        200)
                .body("triggersActivated", equalTo(1));
        concludedReceipt(harbor);
        answered(
                        sender().header("Authorization", "harbor-auth")
                                .body(push.replace("\"v2.1.0\"", "\"v3.0.0\"").replace("1680501893", "1680509999")),
                        harbor,
                        200)
                .body("triggersActivated", equalTo(1));
        concludedReceipt(harbor);
        await().atMost(WAIT)
                .untilAsserted(() -> assertEquals(
                        java.util.Map.of("3.0.0-rc1", "beta", "3.0.0", "stable"),
                        tenant
                                .api()
                                .get("events?type=release.created")
                                .then()
                                .extract()
                                .jsonPath()
                                .<java.util.Map<String, Object>>getList("items.data")
                                .stream()
                                .collect(java.util.stream.Collectors.toMap(
                                        data -> (String) data.get("version"), data -> (String) data.get("channel")))));

        tenant.api()
                .body("""
                {"name":"bad","repository":"shop/bad","productId":"shop-bad",
                 "triggers":[{"tagPattern":"^v(.*)$","channel":"stable","channelRules":[{"tagPattern":"(rc","channel":"beta"}]}]}""")
                .post("components")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("triggers[0].channelRules[0].tagPattern"));
    }

    @Test
    void badIntegrationInputIs400NamingTheFieldAndCreatesNothing() {
        record Bad(String body, String field) {}
        List<Bad> bad = List.of(
                new Bad("{}", "name"),
                new Bad("{\"name\":\"x\",\"type\":\"bitbucket\",\"token\":\"t\"}", "type"),
                new Bad("{\"name\":\"x\",\"type\":\"github\"}", "secret"),
                new Bad("{\"name\":\"x\",\"type\":\"github\",\"secret\":\"s\",\"token\":\"t\"}", "token"),
                new Bad("{\"name\":\"x\",\"type\":\"gitlab\",\"secret\":\"s\"}", "secret"),
                new Bad("{\"name\":\"x\",\"type\":\"gitlab\"}", "token"),
                new Bad("{\"name\":\"x\",\"type\":\"gitlab\",\"token\":\" gl-token\"}", "token"),
                new Bad("{\"name\":\"x\",\"type\":\"generic\"}", "secret"),
                new Bad("{\"name\":\"x\",\"type\":\"generic\",\"secret\":\"s\"}", "signatureHeader"),
                new Bad(
                        "{\"name\":\"x\",\"type\":\"generic\",\"secret\":\"s\",\"signatureHeader\":\"X-S\","
                                + "\"signatureAlgorithm\":\"md5\"}",
                        "signatureAlgorithm"),
                new Bad(
                        "{\"name\":\"x\",\"type\":\"generic\",\"token\":\"t\",\"timestampHeader\":\"X-T\"}",
                        "timestampHeader"),
                new Bad(
                        "{\"name\":\"x\",\"type\":\"generic\",\"secret\":\"s\",\"signatureHeader\":\"X-S\","
                                + "\"timestampHeader\":\"X-T\",\"toleranceSeconds\":0}",
                        "toleranceSeconds"),
                new Bad(
                        "{\"name\":\"x\",\"type\":\"generic\",\"token\":\"t\",\"filters\":[{\"path\":\"tag\","
                                + "\"op\":\"equals\",\"value\":\"v\"}]}",
                        "filters[0].path"),
                new Bad(
                        "{\"name\":\"x\",\"type\":\"generic\",\"token\":\"t\",\"filters\":[{\"path\":\"$.tag\","
                                + "\"op\":\"like\",\"value\":\"v\"}]}",
                        "filters[0].op"),
                new Bad(
                        "{\"name\":\"x\",\"type\":\"generic\",\"token\":\"t\",\"filters\":[{\"path\":\"$.tag\","
                                + "\"op\":\"matches\",\"value\":\"(\"}]}",
                        "filters[0].value"),
                new Bad("{\"name\":\"x\",\"type\":\"generic\",\"token\":\"t\",\"secrte\":\"s\"}", "secrte"),
                new Bad("{\"name\":\"x\",\"type\":\"generic\",\"token\":\"t\",\"enabled\":\"yes\"}", "enabled"),
                new Bad("{\"name\":\"x\",\"type\":\"gitlab\",\"token\":\"" + "ü".repeat(201) + "\"}", "token"));
        for (Bad input : bad) {
            tenant.api()
                    .body(input.body())
                    .post("integrations")
                    .then()
                    .statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("errors.field", hasItem(input.field()));
        }
        tenant.api()
                .body("{\"name\":\"c\",\"repository\":\"a/b\",\"productId\":\"p\",\"triggers\":[{\"tagPattern\":"
                        + "\"[\",\"channel\":\"stable\"}]}")
                .post("components")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("triggers[0].tagPattern"));
        tenant.api().get("integrations").then().body("total", equalTo(0));
        tenant.api().get("components").then().body("total", equalTo(0));
    }

    @Test
    void secretsAndTokensAreWriteOnlyAndSealedAtRest() throws Exception {
        JsonPath created = integration("{\"name\":\"gh\",\"type\":\"github\",\"secret\":\"" + SECRET + "\"}");
        String id = created.getString("id");
        assertTrue(created.getString("url").endsWith("/api/v1/inbound/" + id));
        tenant.api()
                .get("integrations/" + id)
                .then()
                .body("secretSet", equalTo(true))
                .body("tokenSet", equalTo(false))
                .body("secret", nullValue())
                .body(not(containsString(SECRET)));
        tenant.api().get("integrations").then().body(not(containsString(SECRET)));
        try (Connection db = HeraldServer.database();
                ResultSet row = db.createStatement()
                        .executeQuery("SELECT secret_sealed FROM integrations WHERE id = '" + id + "'")) {
            assertTrue(row.next());
            assertFalse(row.getString(1).contains(SECRET));
        }
        // Replacing the settings without a secret keeps it: the sender's signatures still verify.
        tenant.api()
                .body("{\"name\":\"gh renamed\",\"type\":\"github\"}")
                .put("integrations/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("gh renamed"));
        answered(github("push", payload("github-push-tag.json")), id, 200);
        Api.newTenant().api().get("integrations/" + id).then().statusCode(404);
        tenant.api().delete("integrations/" + id).then().statusCode(204);
        answered(github("push", payload("github-push-tag.json")), id, 404);
    }

    @Test
    void receiptsAreListedByTheirOutcome() throws Exception {
        String id = integration("{\"name\":\"gh\",\"type\":\"github\",\"secret\":\"" + SECRET + "\"}")
                .getString("id");
        answered(github("push", payload("github-push-tag.json")), id, 200);
        answered(github("ping", payload("github-ping.json")), id, 200);
        await().atMost(WAIT)
                .until(() -> tenant.api()
                                .get("integrations/" + id + "/receipts?outcome=processed")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<Integer>path("total")
                        == 1);
        tenant.api()
                .get("integrations/" + id + "/receipts?outcome=ignored")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].outcome", equalTo("ignored"));
        tenant.api()
                .get("integrations/" + id + "/receipts?outcome=duplicate")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        tenant.api()
                .get("integrations/" + id + "/receipts?outcome=lost")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("outcome"))
                .body("errors[0].message", containsString("processed"));
    }
}
