package dev.herald.subscriptions;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Browser;
import dev.herald.it.HeldUpload;
import dev.herald.it.HeraldProcess;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import dev.herald.it.Receiver.Reply;
import dev.herald.it.Receiver.Request;
import dev.herald.it.ResponseRecorder;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Endpoint validation as API.md sets it, on by default: nothing is delivered before the
 * endpoint consents, by the OPTIONS handshake or by opening the one-time link; unconfirmed
 * subscriptions are deleted after the window (here 10 seconds), and a new URL is asked again.
 */
class ValidationIT {

    private static final String ADMIN = "validation-admin-token-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int CALLS_AT_ONCE = 8;
    /** More than the shared executor's threads (Payara's default: 200). */
    private static final int SLOW_SUBSCRIPTIONS = 240;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dataDir;

    static HeraldProcess server;
    static ResponseRecorder responses;
    static String token;

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>(HeraldServer.ownDatabase("herald_validation"));
        env.putAll(Map.of(
                "HERALD_ADMIN_TOKEN",
                ADMIN,
                "HERALD_SUBSCRIPTION_VALIDATE",
                "true",
                "HERALD_SUBSCRIPTION_VALIDATION_WINDOW",
                "PT10S",
                "HERALD_SUBSCRIPTION_EXPIRY_CHECK_INTERVAL",
                "PT1S",
                "HERALD_DELIVERY_ALLOWED_NETWORKS",
                "127.0.0.0/8"));
        server = HeraldProcess.start(dataDir, env);
        // The shared server does not validate endpoints: this link's example in the OpenAPI document is from here.
        responses = new ResponseRecorder(server.base(), "GET /api/v1/subscription-validations/{token}");
        RestAssured.filters(responses);
        token = server.api(ADMIN)
                .body("{\"name\":\"validation\"}")
                .post("tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    @AfterAll
    static void stop() {
        RestAssured.reset();
        responses.writeIfAsked();
        server.close();
    }

    private static String subscribe(Receiver receiver) {
        return server.api(token)
                .body("{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"build.started\"]}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .body("status", equalTo("pending_validation"))
                .extract()
                .path("id");
    }

    private static void publish() {
        server.api(token)
                .body("{\"type\":\"build.started\",\"data\":{\"build_id\":\"v\"}}")
                .post("events")
                .then()
                .statusCode(202);
    }

    @Test
    void anEndpointThatAllowsHeraldsOriginIsActivatedByTheHandshake() {
        try (Receiver receiver = Receiver.start()) {
            receiver.respond(request -> "OPTIONS".equals(request.method())
                    ? Reply.ok().withHeader("WebHook-Allowed-Origin", "*")
                    : Reply.ok());
            String id = subscribe(receiver);
            Request handshake = receiver.await(1, WAIT).get(0);
            assertEquals("OPTIONS", handshake.method());
            assertEquals(
                    server.base().getHost() + ":" + server.base().getPort(),
                    handshake.header("WebHook-Request-Origin"));
            assertTrue(handshake
                    .header("WebHook-Request-Callback")
                    .startsWith(server.base().toString()));
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> server.api(token).get("webhooks/" + id).then().body("status", equalTo("active")));
            publish();
            assertEquals("POST", receiver.await(2, WAIT).get(1).method());
        }
    }

    /** iTwin's receivers answer the handshake as CloudEvents describes it, naming the methods they take in Allow. */
    @Test
    void anAllowHeaderInTheAnswerMustPermitTheMethodDeliveriesUse() {
        try (Receiver takesPost = Receiver.start();
                Receiver takesGetOnly = Receiver.start()) {
            takesPost.respond(request -> "OPTIONS".equals(request.method())
                    ? Reply.ok().withHeader("WebHook-Allowed-Origin", "*").withHeader("Allow", "GET, POST, OPTIONS")
                    : Reply.ok());
            takesGetOnly.respond(request -> "OPTIONS".equals(request.method())
                    ? Reply.ok().withHeader("WebHook-Allowed-Origin", "*").withHeader("Allow", "GET, OPTIONS")
                    : Reply.ok());
            String allowed = subscribe(takesPost);
            String refused = subscribe(takesGetOnly);
            await().atMost(WAIT)
                    .untilAsserted(() ->
                            server.api(token).get("webhooks/" + allowed).then().body("status", equalTo("active")));
            takesGetOnly.await(1, WAIT);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> server.api(token)
                            .get("webhooks/" + refused)
                            .then()
                            .body("status", equalTo("pending_validation")));
        }
    }

    @Test
    void aRefusingEndpointGetsNothingUntilItsOwnerOpensTheLink() {
        try (Receiver receiver = Receiver.start()) {
            receiver.respond(request -> "OPTIONS".equals(request.method()) ? Reply.status(405) : Reply.ok());
            String id = subscribe(receiver);
            String link = receiver.await(1, WAIT).get(0).header("WebHook-Request-Callback");
            publish();
            server.api(token).post("webhooks/" + id + "/activate").then().statusCode(409);
            server.api(token).get("webhooks/" + id).then().body("status", equalTo("pending_validation"));

            RestAssured.get(link)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("active"))
                    .body("id", equalTo(id));
            RestAssured.get(link).then().statusCode(404);
            publish();
            Request delivered = receiver.await(2, WAIT).get(1);
            assertEquals("POST", delivered.method());
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.requests().size() == 2);
        }
    }

    /**
     * Handshakes run off the request's thread, on the instance's shared executor (200 threads),
     * beside every tenant's inbound webhooks' processing. One tenant's endpoints that hold the
     * handshake to its 10 s bound, more of them than the executor has threads, held up another
     * tenant's handshake until they timed out; now a tenant's handshakes run two at once.
     */
    @Test
    void oneTenantsSlowEndpointsHoldUpNoOtherTenantsHandshake() throws Exception {
        String slowTenant = server.api(ADMIN)
                .body("{\"name\":\"slow-handshakes\"}")
                .post("tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        try (Receiver slow = Receiver.start();
                Receiver prompt = Receiver.start()) {
            slow.respond(request -> Reply.ok().after(Duration.ofSeconds(30)));
            prompt.respond(request -> "OPTIONS".equals(request.method())
                    ? Reply.ok().withHeader("WebHook-Allowed-Origin", "*")
                    : Reply.ok());
            ExecutorService creators = Executors.newFixedThreadPool(CALLS_AT_ONCE);
            try {
                List<Future<?>> created = new ArrayList<>();
                for (int i = 0; i < SLOW_SUBSCRIPTIONS; i++) {
                    created.add(creators.submit(() -> server.api(slowTenant)
                            .body("{\"url\":\"" + slow.url("/hooks") + "\",\"events\":[\"build.started\"]}")
                            .post("webhooks")
                            .then()
                            .statusCode(201)));
                }
                for (Future<?> each : created) {
                    each.get();
                }
            } finally {
                creators.shutdown();
            }
            slow.await(2, WAIT); // the slow endpoints hold their handshakes

            String id = subscribe(prompt);
            assertEquals(
                    "OPTIONS", prompt.await(1, Duration.ofSeconds(5)).get(0).method());
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> server.api(token).get("webhooks/" + id).then().body("status", equalTo("active")));
        }
    }

    /**
     * A one-time link is let in as its subscription's tenant's call, not in the one line that
     * every call without a valid credential shares: webhooks to an integration nobody has, their
     * bodies still arriving, hold every place of that line (a call with a wrong token waits), and
     * the link is answered meanwhile.
     */
    @Test
    void aValidationLinkIsAnsweredWhileCallsWithoutAValidCredentialHoldTheirLine() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            receiver.respond(request -> Reply.status(405));
            String id = subscribe(receiver);
            String link = receiver.await(1, WAIT).get(0).header("WebHook-Request-Callback");
            List<HeldUpload> held = new ArrayList<>();
            try {
                for (int i = 0; i < CALLS_AT_ONCE + 4; i++) {
                    held.add(HeldUpload.inbound(server.base(), "int_" + "0".repeat(26), "nobody's", 8 * 1024));
                }
                await().atMost(WAIT)
                        .until(() -> waitsInLine(withAWrongToken(server.base().resolve("api/v1/events"))));
                HttpResponse<String> confirmed =
                        HTTP.send(withAWrongToken(URI.create(link)), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, confirmed.statusCode(), confirmed.body());
                server.api(token).get("webhooks/" + id).then().body("status", equalTo("active"));
            } finally {
                for (HeldUpload upload : held) {
                    upload.close();
                }
            }
        }
    }

    /** A GET with a bearer token that is nobody's (beside a link, a header that is not Herald's). */
    private static HttpRequest withAWrongToken(URI uri) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer not-a-token")
                .timeout(Duration.ofSeconds(2))
                .build();
    }

    /** Whether the call is still unanswered after its two seconds (answered, it must be refused 401). */
    private static boolean waitsInLine(HttpRequest call) throws Exception {
        try {
            HttpResponse<String> answer = HTTP.send(call, HttpResponse.BodyHandlers.ofString());
            assertEquals(401, answer.statusCode(), answer.body());
            return false;
        } catch (HttpTimeoutException waiting) {
            return true;
        }
    }

    /**
     * The console says a subscription waits for its endpoint and until when, but never shows the
     * one-time link: a subscriber who could open it would confirm any endpoint it likes.
     */
    @Test
    void theConsoleShowsAPendingValidationAndItsDeadlineButNotTheLink() {
        try (Receiver receiver = Receiver.start();
                Browser browser = Browser.start()) {
            receiver.respond(request -> Reply.status(405));
            browser.driver().get(server.base().resolve("console/sign-in.xhtml").toString());
            browser.driver().findElement(By.id("signIn:token")).sendKeys(token);
            browser.driver().findElement(By.id("signIn:go")).click();
            new WebDriverWait(browser.driver(), WAIT)
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("nav-subscriptions")));
            String id = subscribe(receiver);
            String link = receiver.await(1, WAIT).get(0).header("WebHook-Request-Callback");
            browser.driver()
                    .get(server.base()
                            .resolve("console/subscription.xhtml?id=" + id)
                            .toString());
            String validation = new WebDriverWait(browser.driver(), WAIT)
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("validation")))
                    .getText();
            assertTrue(
                    validation.contains("Waiting for the endpoint") && validation.contains("deleted at"), validation);
            String oneTimeToken = link.substring(link.lastIndexOf('/') + 1);
            assertFalse(browser.driver().getPageSource().contains(oneTimeToken), "the link is the endpoint's alone");
            assertTrue(
                    browser.driver().findElements(By.id("act:activate")).isEmpty(), "only the endpoint activates it");
            browser.screenshot("subscription-validation");
        }
    }

    @Test
    void anUnconfirmedSubscriptionIsDeletedAfterTheWindow() {
        try (Receiver receiver = Receiver.start()) {
            receiver.respond(request -> Reply.status(404));
            String id = subscribe(receiver);
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> server.api(token).get("webhooks/" + id).then().statusCode(404));
        }
    }

    @Test
    void aNewUrlMustBeConfirmedAgain() {
        try (Receiver first = Receiver.start();
                Receiver second = Receiver.start()) {
            first.respond(request -> Reply.ok().withHeader("WebHook-Allowed-Origin", "*"));
            second.respond(request -> Reply.status(403));
            String id = subscribe(first);
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> server.api(token).get("webhooks/" + id).then().body("status", equalTo("active")));
            server.api(token)
                    .body("{\"timeout\":5000}")
                    .patch("webhooks/" + id)
                    .then()
                    .body("status", equalTo("active"));
            server.api(token)
                    .body("{\"url\":\"" + second.url("/new") + "\"}")
                    .patch("webhooks/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("pending_validation"));
            assertEquals("OPTIONS", second.await(1, WAIT).get(0).method());
        }
    }

    /**
     * This server runs with the defaults but for validation, so it also shows single sign-on
     * off by default: no OpenID mechanism, no link on the sign-in page, and the entry is an
     * ordinary console page that sends a stranger to the token sign-in.
     */
    @Test
    void singleSignOnIsOffUnlessConfigured() {
        String signIn = RestAssured.given()
                .redirects()
                .follow(false)
                .get(server.base().resolve("console/sso"))
                .then()
                .statusCode(302)
                .extract()
                .header("Location");
        assertTrue(signIn.endsWith("/console/sign-in.xhtml"), signIn);
        String page = RestAssured.get(server.base().resolve("console/sign-in.xhtml"))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(page.contains("Sign in to Herald") && !page.contains("single sign-on"), page);
        assertTrue(!server.log().contains("Console single sign-on with"), "no single sign-on at startup");
    }
}
