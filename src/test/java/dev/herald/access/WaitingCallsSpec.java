package dev.herald.access;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeldUpload;
import dev.herald.it.HeraldServer;
import dev.herald.it.TableLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One tenant's calls, however many and however slow, leave request threads and database
 * connections to other tenants: a publish waits for its tenant's batch without a thread (at most
 * 1,024 of them a tenant), and any other call beyond the tenant's eight at once waits in line
 * without one (at most 1,024); its reads run two at once in a line of their own (at most 256
 * waiting). The tenant's writes are held back for real: the test locks its chain head in
 * PostgreSQL, behind Herald's back, as a slow commit would; its reads by a lock on a table they read. Inbound webhooks wait
 * in a line of their integration's tenant (at most 256, apart from the tenants' own calls: anyone
 * may send them), held for real by bodies still arriving.
 */
public abstract class WaitingCallsSpec {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WAITING_PER_TENANT = 1024;
    private static final int CALLS_AT_ONCE = 8;
    private static final int WAITING_PER_OPEN_LINE = 256;
    private static final int READS_AT_ONCE = 2;
    private static final int WAITING_READS_PER_TENANT = 256;
    private static final String EVENT = "{\"type\":\"build.started\",\"data\":{\"build_id\":\"b-1\"}}";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aTenantsThousandWaitingPublishesHoldNoThreadAnotherTenantNeedsAndItsNextAreRefused429() throws Exception {
        assumeTrue(HeraldServer.onPostgres(), "the test holds a row lock in PostgreSQL");
        Tenant held = Api.newTenant();
        Tenant other = Api.newTenant();
        held.api().body(EVENT).post("events").then().statusCode(202); // its chain head exists
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        try (Connection database = TableLock.chainHeadOf(held.id())) {
            // Sixteen times the instance's 64 request threads, and two beyond the tenant's bound.
            for (int i = 0; i < WAITING_PER_TENANT + 2; i++) {
                waiting.add(HTTP.sendAsync(publish(held), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(WAIT).until(() -> answered(waiting, 429) == 2);

            HttpResponse<String> refused = answers(waiting, 429).get(0);
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            assertTrue(refused.body().contains("as many publishes waiting to be recorded"), refused.body());
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> answer = HTTP.send(publish(other), HttpResponse.BodyHandlers.ofString());
                assertEquals(202, answer.statusCode(), answer.body());
            }
            assertEquals(0, answered(waiting, 202), "a held publish was answered before its commit");
            database.rollback();
        }
        await().atMost(WAIT).until(() -> answered(waiting, 202) == WAITING_PER_TENANT);
        held.api().get("events").then().body("total", equalTo(1 + WAITING_PER_TENANT));
        held.api().get("events/verify").then().statusCode(200).body("valid", equalTo(true));
        other.api().get("events").then().body("total", equalTo(5));
    }

    @Test
    void aTenantsThousandBatchesWaitingForItsChainHeadTakeEightThreadsAndConnectionsNotAllAndItsNextAreRefused429()
            throws Exception {
        assumeTrue(HeraldServer.onPostgres(), "the test holds a row lock in PostgreSQL");
        Tenant held = Api.newTenant();
        Tenant other = Api.newTenant();
        held.api().body(EVENT).post("events").then().statusCode(202);
        int running = 8;
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        try (Connection database = TableLock.chainHeadOf(held.id())) {
            // Each batch runs in a transaction of its own that waits for the head, holding a thread
            // and a connection: the instance has 64 threads and 30 connections.
            for (int i = 0; i < running + WAITING_PER_TENANT + 2; i++) {
                waiting.add(HTTP.sendAsync(batch(held), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(WAIT).until(() -> answered(waiting, 429) == 2);

            HttpResponse<String> refused = answers(waiting, 429).get(0);
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(refused.body().contains("1024 calls waiting for their turn"), refused.body());
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> answer = HTTP.send(batch(other), HttpResponse.BodyHandlers.ofString());
                assertEquals(202, answer.statusCode(), answer.body());
            }
            other.api().get("events").then().statusCode(200).body("total", equalTo(5));
            assertEquals(0, answered(waiting, 202), "a held batch was answered before its commit");
            database.rollback();
        }
        await().atMost(WAIT).until(() -> answered(waiting, 202) == running + WAITING_PER_TENANT);
        held.api().get("events").then().body("total", equalTo(1 + running + WAITING_PER_TENANT));
        held.api().get("events/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void aTenantsInboundWebhooksHeldInProgressHoldUpNoOtherTenantsWebhooksNorTheTenantsApiCalls() throws Exception {
        Tenant busy = Api.newTenant();
        Tenant other = Api.newTenant();
        String busyIntegration = busy.genericIntegration("gen-token");
        String othersIntegration = other.genericIntegration("gen-token");
        List<HeldUpload> held = new ArrayList<>();
        try {
            // Twelve webhooks whose bodies are still arriving: eight hold request threads reading
            // them, four wait in line behind those, whichever arrived first.
            for (int i = 0; i < CALLS_AT_ONCE + 4; i++) {
                held.add(HeldUpload.inbound(busyIntegration, "gen-token", 8 * 1024));
            }
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> answer =
                        HTTP.send(inbound(othersIntegration, i), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), answer.body());
            }
            busy.api().body(EVENT).post("events").then().statusCode(202);
            other.api()
                    .get("integrations/" + othersIntegration + "/receipts")
                    .then()
                    .body("total", equalTo(5));
            finishAtOnceAndAnswered200(held);
        } finally {
            closeAll(held);
        }
        busy.api()
                .get("integrations/" + busyIntegration + "/receipts")
                .then()
                .body("total", equalTo(CALLS_AT_ONCE + 4));
    }

    /**
     * Anyone who knows an integration's URL may send to it, so its line holds 256 waiting calls,
     * in places apart from the tenants' own: before, it held 1,024 in the 4,096 every tenant's
     * calls wait in, and a flood to four integrations' URLs left no tenant a place to wait.
     */
    @Test
    void anIntegrationsWebhooksWaitInAFewPlacesApartFromTheTenantsCalls() throws Exception {
        Tenant busy = Api.newTenant();
        String integration = busy.genericIntegration("gen-token");
        List<HeldUpload> held = new ArrayList<>();
        try {
            // Eight run (reading their bodies), 256 wait, and the two beyond are refused as they arrive.
            for (int i = 0; i < CALLS_AT_ONCE + WAITING_PER_OPEN_LINE + 2; i++) {
                held.add(HeldUpload.inbound(integration, "gen-token", 8 * 1024));
            }
            await().atMost(WAIT).until(() -> answered(held).size() == 2);
            List<HeldUpload> refused = answered(held);
            for (HeldUpload upload : refused) {
                assertEquals(429, upload.status());
            }
            busy.api().body(EVENT).post("events").then().statusCode(202);
            finishAtOnceAndAnswered200(
                    held.stream().filter(upload -> !refused.contains(upload)).toList());
        } finally {
            closeAll(held);
        }
    }

    /**
     * A tenant's reads run two at a time, in a line of their own: nothing else holds them back as the
     * chain head holds its writes, and their cost grows with its history. The test holds two for
     * real, behind Herald's back: a lock on the table they read.
     */
    @Test
    void aTenantsReadsRunTwoAtOnceInALineApartFromItsWritesAndFromOtherTenants() throws Exception {
        assumeTrue(HeraldServer.onPostgres(), "the test holds a table lock in PostgreSQL");
        Tenant reader = Api.newTenant();
        Tenant other = Api.newTenant();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        try (TableLock components = TableLock.on("components")) {
            for (int i = 0; i < READS_AT_ONCE; i++) {
                held.add(HTTP.sendAsync(read(reader, "components"), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(WAIT).until(() -> components.waiting() == READS_AT_ONCE);
            // Any read of the tenant's now waits for its turn, the last beyond its line's places is refused.
            for (int i = 0; i < WAITING_READS_PER_TENANT + 1; i++) {
                waiting.add(HTTP.sendAsync(read(reader, "events"), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(WAIT).until(() -> answered(waiting, 429) == 1);
            HttpResponse<String> refused = answers(waiting, 429).get(0);
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            assertTrue(refused.body().contains("256 reads (GET, HEAD) waiting"), refused.body());

            reader.api().body(EVENT).post("events").then().statusCode(202);
            other.api().get("events").then().statusCode(200).body("total", equalTo(0));
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() ->
                            waiting.stream().filter(CompletableFuture::isDone).count() == 1);
        }
        for (CompletableFuture<HttpResponse<String>> read : held) {
            assertEquals(200, read.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode());
        }
        await().atMost(WAIT).until(() -> answered(waiting, 200) == WAITING_READS_PER_TENANT);
        assertTrue(answers(waiting, 200).get(0).body().contains("\"total\":1"));
    }

    /**
     * A call that waits in its tenant's line is checked again when its turn comes: a token revoked
     * while its calls waited is refused for each of them. They went through with the check they
     * arrived with, minutes after the revocation.
     */
    @Test
    void aTokenRevokedWhileItsCallsWaitIsRefusedForEachOfThem() throws Exception {
        assumeTrue(HeraldServer.onPostgres(), "the test holds a table lock in PostgreSQL");
        Tenant tenant = Api.newTenant();
        String issued = tenant.api()
                .body("{\"actor\":\"ci-bot\",\"scopes\":[\"read\"]}")
                .post("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        String tokenId = tenant.api()
                .get("tenants/" + tenant.id() + "/tokens")
                .then()
                .extract()
                .path("items.find { it.actor == 'ci-bot' }.id");
        Tenant bot = new Tenant(tenant.id(), tenant.name(), issued);
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        try (TableLock components = TableLock.on("components")) {
            for (int i = 0; i < READS_AT_ONCE; i++) {
                held.add(HTTP.sendAsync(read(bot, "components"), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(WAIT).until(() -> components.waiting() == READS_AT_ONCE);
            for (int i = 0; i < 3; i++) {
                waiting.add(HTTP.sendAsync(read(bot, "webhooks"), HttpResponse.BodyHandlers.ofString()));
            }
            // A write of the tenant's admin, in a line of its own: answered while the reads wait.
            tenant.api()
                    .delete("tenants/" + tenant.id() + "/tokens/" + tokenId)
                    .then()
                    .statusCode(204);
            assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone), "the reads still wait");
        }
        for (CompletableFuture<HttpResponse<String>> read : waiting) {
            HttpResponse<String> answer = read.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(401, answer.statusCode(), answer.body());
        }
        for (CompletableFuture<HttpResponse<String>> read : held) {
            read.get(WAIT.toSeconds(), TimeUnit.SECONDS); // in progress before the revocation: answered either way
        }
    }

    /** Sends the rest of every body at once: each was held in its line, and each is recorded. */
    private static void finishAtOnceAndAnswered200(List<HeldUpload> uploads) throws Exception {
        List<CompletableFuture<Integer>> finished = uploads.stream()
                .map(upload -> CompletableFuture.supplyAsync(() -> finish(upload)))
                .toList();
        for (CompletableFuture<Integer> status : finished) {
            assertEquals(200, status.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    private static void closeAll(List<HeldUpload> uploads) throws IOException {
        for (HeldUpload upload : uploads) {
            upload.close();
        }
    }

    private static List<HeldUpload> answered(List<HeldUpload> uploads) throws IOException {
        List<HeldUpload> answered = new ArrayList<>();
        for (HeldUpload upload : uploads) {
            if (upload.answered()) {
                answered.add(upload);
            }
        }
        return answered;
    }

    /**
     * Single sign-on's mechanism, which the container asks about every request before any filter,
     * read each form-encoded body (it looks for a {@code state} parameter): with it on, as in this
     * suite, forms sent slowly held request threads before {@code CallAdmission} could count them.
     */
    @Test
    void aTenantsFormsHeldInProgressHoldNoThreadAnotherTenantNeeds() throws Exception {
        Tenant busy = Api.newTenant();
        Tenant other = Api.newTenant();
        List<HeldUpload> held = new ArrayList<>();
        try {
            // More forms than the instance has request threads (64).
            for (int i = 0; i < 72; i++) {
                held.add(HeldUpload.form("api/v1/events", "Authorization: Bearer " + busy.token(), 8 * 1024));
            }
            HttpResponse<String> published = HTTP.send(
                    HttpRequest.newBuilder(URI.create(HeraldServer.base() + "api/v1/events"))
                            .header("Authorization", "Bearer " + other.token())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(EVENT))
                            .timeout(WAIT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, published.statusCode(), published.body());
            List<CompletableFuture<Integer>> finished = held.stream()
                    .map(upload -> CompletableFuture.supplyAsync(() -> finish(upload)))
                    .toList();
            for (CompletableFuture<Integer> status : finished) {
                int answer = status.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertTrue(answer >= 400 && answer < 500, "a form to /events is refused, not a " + answer);
            }
        } finally {
            closeAll(held);
        }
        busy.api().get("events").then().body("total", equalTo(0));
    }

    private static int finish(HeldUpload upload) {
        try {
            return upload.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest inbound(String integration, int tag) {
        return HttpRequest.newBuilder(URI.create(HeraldServer.base() + "api/v1/inbound/" + integration))
                .header("X-Herald-Token", "gen-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tag\":\"v1.0." + tag + "\"}"))
                .timeout(WAIT)
                .build();
    }

    private static HttpRequest read(Tenant tenant, String path) {
        return HttpRequest.newBuilder(URI.create(HeraldServer.base() + "api/v1/" + path))
                .header("Authorization", "Bearer " + tenant.token())
                .timeout(WAIT.multipliedBy(2))
                .build();
    }

    private static HttpRequest batch(Tenant tenant) {
        return HttpRequest.newBuilder(URI.create(HeraldServer.base() + "api/v1/events/batch"))
                .header("Authorization", "Bearer " + tenant.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + EVENT + "]}"))
                .timeout(WAIT.multipliedBy(2))
                .build();
    }

    private static HttpRequest publish(Tenant tenant) {
        return HttpRequest.newBuilder(URI.create(HeraldServer.base() + "api/v1/events"))
                .header("Authorization", "Bearer " + tenant.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EVENT))
                .timeout(WAIT.multipliedBy(2))
                .build();
    }

    /** How many of the calls have been answered with that status so far. */
    private static long answered(List<CompletableFuture<HttpResponse<String>>> calls, int status) {
        return answers(calls, status).size();
    }

    /** The answers with that status so far; a call not yet answered, or failed, is left out. */
    private static List<HttpResponse<String>> answers(List<CompletableFuture<HttpResponse<String>>> calls, int status) {
        return calls.stream()
                .filter(call -> call.isDone() && !call.isCompletedExceptionally())
                .map(CompletableFuture::join)
                .filter(response -> response.statusCode() == status)
                .toList();
    }
}
