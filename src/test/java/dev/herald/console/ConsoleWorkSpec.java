package dev.herald.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The console as the people who run Herald use it (issue 12): a subscription made in the form,
 * its deliveries and attempts, redeliver, rotate, test and delete; the history verified and
 * exported; a release's timeline; an inbound receipt. Hostile text shows as text throughout.
 */
public abstract class ConsoleWorkSpec extends ConsoleTest {

    private static final String HOSTILE = "<script>window.pwned=4</script>";
    private static final Duration WAIT = Duration.ofSeconds(30);

    Receiver receiver;

    @BeforeEach
    void startAReceiver() {
        receiver = Receiver.start();
        receiver.respond(request -> Receiver.Reply.ok().withBody(HOSTILE + "received"));
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.close();
    }

    /**
     * Filters set through the API whose values the form's lines would not hold bare (spaces at
     * the ends, a line break, nothing) are shown as JSON strings, and saving an unrelated change
     * keeps them as they were: " beta" came back as "beta", and a line break failed every save.
     */
    @Test
    void savingASubscriptionInTheFormKeepsFiltersItsLinesWouldNotHoldBare() {
        String id = tenant.api()
                .body("{\"url\":\"https://93.184.216.34/in\",\"events\":[\"release.*\"],\"filters\":["
                        + "{\"field\":\"data.channel\",\"operator\":\"equals\",\"value\":\" beta\"},"
                        + "{\"field\":\"data.note\",\"operator\":\"contains\",\"value\":\"two\\nlines\"},"
                        + "{\"field\":\"data.tag\",\"operator\":\"equals\",\"value\":\"\"}]}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        List<Map<String, Object>> stored =
                tenant.api().get("webhooks/" + id).then().extract().path("filters");
        signIn(tenant.token());
        waitFor(By.id("who"));
        browser.open("console/subscription-form.xhtml?id=" + id);
        waitFor(By.id("form:filters"));
        assertEquals(
                "data.channel equals \" beta\"\ndata.note contains \"two\\nlines\"\ndata.tag equals \"\"",
                element("form:filters").getAttribute("value"));
        type("form:timeout", "7000");
        element("form:save").click();
        waitForText(By.id("messages"), "Subscription saved.");
        assertEquals(
                7000, (int) tenant.api().get("webhooks/" + id).then().extract().path("timeout"));
        assertEquals(stored, tenant.api().get("webhooks/" + id).then().extract().path("filters"));
    }

    @Test
    void aSubscriptionIsMadeInTheFormAndABadOneShowsItsErrorsBesideTheFieldsAndStoresNothing() {
        signIn(tenant.token());
        waitFor(By.id("nav-subscriptions"));
        element("nav-subscriptions").click();
        waitFor(By.id("new"));
        element("new").click();
        waitFor(By.id("form:name"));

        type("form:name", "deploy hook");
        type("form:timeout", "5");
        type("form:maxRetries", "99");
        type("form:headers", "no colon here");
        type("form:filters", "data.channel");
        type("form:rateLimit", "fast");
        element("form:save").click();
        waitFor(By.id("url-error"));
        assertTrue(text("url-error").contains("url is required"), text("url-error"));
        assertTrue(text("name-error").contains("letters, digits"), text("name-error"));
        assertTrue(text("events-error").contains("at least one"), text("events-error"));
        assertTrue(text("timeout-error").contains("from 100 to 120000"), text("timeout-error"));
        assertTrue(
                text("retryPolicy-error").contains("retryPolicy.maxRetries must be from 0 to 25"),
                text("retryPolicy-error"));
        assertTrue(text("headers-error").contains("line 1 must read 'Name: value'"), text("headers-error"));
        assertTrue(text("filters-error").contains("line 1"), text("filters-error"));
        assertTrue(text("options-rateLimit-error").contains("rateLimit"), text("options-rateLimit-error"));
        assertEquals("5", element("form:timeout").getAttribute("value"), "what was typed stays");
        browser.screenshot("subscription-form-errors");
        tenant.api().get("webhooks").then().statusCode(200).body("total", equalTo(0));

        // Right in shape, refused by the control's rule (the URL's scheme): shown beside the URL too.
        type("form:name", "deploy-hook");
        type("form:url", "ftp://nowhere.example/in");
        new Select(element("form:events")).selectByVisibleText("release.*");
        type("form:morePatterns", "incident.*");
        type("form:timeout", "5000");
        type("form:maxRetries", "2");
        type("form:headers", "X-Team: platform");
        type("form:filters", "");
        type("form:rateLimit", "");
        new Select(element("form:authType")).selectByVisibleText("bearer");
        type("form:token", "tok-never-shown");
        element("form:save").click();
        waitForText(By.id("url-error"), "must be an absolute http:// or https:// URL");
        assertTrue(browser.driver().findElements(By.id("name-error")).isEmpty(), "a fixed field shows no error");
        tenant.api().get("webhooks").then().statusCode(200).body("total", equalTo(0));

        type("form:url", receiver.url("/hook"));
        type("form:token", "tok-never-shown");
        element("form:save").click();
        waitFor(By.id("secretValue"));
        String id = browser.driver().getCurrentUrl().replaceAll(".*[?&]id=([^&]+).*", "$1");
        assertTrue(text("secretValue").startsWith("whsec_"), "the new secret is shown once");
        assertEquals("active", text("status"));
        assertFalse(browser.driver().getPageSource().contains("tok-never-shown"), "credentials are write-only");
        browser.screenshot("subscription-created");
        JsonPath stored = tenant.api()
                .get("webhooks/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of("release.*", "incident.*"), stored.getList("events"));
        assertEquals("bearer", stored.getString("authType"));
        assertEquals(2, stored.getInt("retryPolicy.maxRetries"));
        assertEquals(5000, stored.getInt("timeout"));
        assertEquals(
                text("secretValue"),
                tenant.api().get("webhooks/" + id + "/secret").then().extract().path("secret"));

        // Edited: the header's masked value and the blank token keep what is stored.
        element("act:edit").click();
        waitFor(By.id("form:headers"));
        assertEquals("X-Team: ********", element("form:headers").getAttribute("value"));
        type("form:timeout", "7000");
        new Select(element("form:preset")).selectByVisibleText("bigpanda");
        element("form:save").click();
        waitForText(By.id("messages"), "Subscription saved.");
        assertEquals(
                7000, (int) tenant.api().get("webhooks/" + id).then().extract().path("timeout"));
        assertEquals(
                "bigpanda", tenant.api().get("webhooks/" + id).then().extract().path("presentation.preset"));
        tenant.api()
                .body("{\"type\":\"incident.shared\",\"subject\":\"inc-1\",\"data\":{\"incident_id\":\"inc-1\","
                        + "\"title\":\"t\",\"severity\":\"high\"}}")
                .post("events")
                .then()
                .statusCode(202);
        Receiver.Request delivered = receiver.await(1, WAIT).get(0);
        assertEquals("platform", delivered.header("X-Team"));
        assertEquals("Bearer tok-never-shown", delivered.header("Authorization"));
        assertEquals("inc-1", new JsonPath(delivered.body()).getString("incident_id"), "the incident object alone");
        assertNull(delivered.header("X-Herald-Signature"));

        // A presentation tuned through the API survives an edit in the console that leaves its style alone.
        tenant.api()
                .body("{\"presentation\":{\"preset\":\"bigpanda\",\"timestampForm\":\"unix\"}}")
                .patch("webhooks/" + id)
                .then()
                .statusCode(200);
        browser.open("console/subscription-form.xhtml?id=" + id);
        waitFor(By.id("form:preset"));
        assertEquals(
                "bigpanda",
                new Select(element("form:preset")).getFirstSelectedOption().getText());
        type("form:timeout", "8000");
        element("form:save").click();
        waitForText(By.id("messages"), "Subscription saved.");
        JsonPath edited = tenant.api().get("webhooks/" + id).then().extract().jsonPath();
        assertEquals(8000, edited.getInt("timeout"));
        assertEquals("unix", edited.getString("presentation.timestampForm"));

        // Deactivated elsewhere while the form was open: saving it is refused, not the deactivation undone.
        browser.open("console/subscription-form.xhtml?id=" + id);
        waitFor(By.id("form:timeout"));
        tenant.api().post("webhooks/" + id + "/deactivate").then().statusCode(200);
        type("form:timeout", "9000");
        element("form:save").click();
        waitForText(By.id("messages"), "changed since this form was loaded");
        JsonPath kept = tenant.api().get("webhooks/" + id).then().extract().jsonPath();
        assertEquals("inactive", kept.getString("status"));
        assertEquals(8000, kept.getInt("timeout"));
    }

    /**
     * A delivery's page shows its attempts a page at a time, the latest first: a delivery has up to
     * a thousand, each with its answer's first 4 KiB, and the page read them all at every request.
     */
    @Test
    void aDeliverysAttemptsArePagedLatestFirst() {
        tenant.api()
                .body("{\"name\":\"paged\",\"url\":\"" + receiver.url("/paged") + "\",\"events\":[\"build.started\"]}")
                .post("webhooks")
                .then()
                .statusCode(201);
        tenant.api()
                .body("{\"type\":\"build.started\",\"data\":{\"build_id\":\"paged\"}}")
                .post("events")
                .then()
                .statusCode(202);
        String delivery = receiver.await(1, WAIT).get(0).header("webhook-id");
        int attempts = 40;
        for (int sent = 2; sent <= attempts; sent++) {
            tenant.redeliver(delivery);
            receiver.await(sent, WAIT);
        }
        await().atMost(WAIT)
                .until(() -> tenant.api()
                                .get("deliveries/" + delivery)
                                .then()
                                .extract()
                                .<Integer>path("attemptCount")
                        == attempts);
        signIn(tenant.token());
        waitFor(By.id("who"));

        browser.open("console/delivery.xhtml?id=" + delivery);
        waitForText(By.id("attemptsShown"), "Attempts 9 to 40 of 40");
        assertEquals(
                32,
                browser.driver().findElements(By.cssSelector("section.attempt")).size());
        waitFor(By.id("attempt-40"));
        assertTrue(browser.driver().findElements(By.id("attempt-8")).isEmpty(), "older attempts on the next page");
        assertTrue(browser.driver().findElements(By.id("newerAttempts")).isEmpty(), "none newer than the latest");
        element("olderAttempts").click();
        waitForText(By.id("attemptsShown"), "Attempts 1 to 8 of 40");
        waitFor(By.id("attempt-1"));
        assertEquals(
                8,
                browser.driver().findElements(By.cssSelector("section.attempt")).size());
        assertTrue(browser.driver().findElements(By.id("olderAttempts")).isEmpty(), "none older than the first");
        browser.screenshot("delivery-older-attempts");
        element("newerAttempts").click();
        waitForText(By.id("attemptsShown"), "Attempts 9 to 40 of 40");

        browser.open("console/delivery.xhtml?id=" + delivery + "&page=2147483647");
        waitForText(By.id("attemptPager"), "No attempt on this page");
        element("newerAttempts").click();
        waitForText(By.id("attemptsShown"), "Attempts 9 to 40 of 40");
        browser.open("console/delivery.xhtml?id=" + delivery + "&page=-3");
        waitForText(By.id("attemptsShown"), "Attempts 9 to 40 of 40");
    }

    @Test
    void aDeliveryIsFollowedRedeliveredAndItsSubscriptionRotatedTestedAndDeleted() {
        String id = tenant.api()
                .body("{\"name\":\"ops\",\"url\":\"" + receiver.url("/in") + "\",\"events\":[\"incident.*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        tenant.api()
                .body("{\"type\":\"incident.shared\",\"subject\":\"inc-1\",\"data\":{\"incident_id\":\"inc-1\","
                        + "\"title\":\"" + HOSTILE.replace("\"", "\\\"") + "\",\"severity\":\"high\"}}")
                .post("events")
                .then()
                .statusCode(202);
        receiver.await(1, WAIT);
        signIn(tenant.token());
        waitFor(By.id("who"));

        // The list shows each subscription's last delivery, linked.
        await().atMost(WAIT)
                .until(() -> "succeeded"
                        .equals(tenant.api()
                                .get("webhooks/" + id + "/deliveries")
                                .then()
                                .extract()
                                .path("items[0].status")));
        browser.open("console/subscriptions.xhtml");
        waitForText(By.id("subscriptions:0:last"), "succeeded · ");

        // Its deliveries filtered by status, as a bookmarkable URL.
        browser.open("console/subscription.xhtml?id=" + id + "&status=failed");
        waitForText(By.id("deliveries"), "No deliveries yet.");
        browser.open("console/subscription.xhtml?id=" + id + "&status=succeeded");
        waitFor(By.cssSelector("#deliveries a"));
        browser.driver().findElement(By.cssSelector("#deliveries a")).click();
        waitForText(By.id("status"), "succeeded");
        waitFor(By.id("attempt-1"));
        assertTrue(text("attempt-1").contains(HOSTILE + "received"), "the receiver's answer, as text");
        assertTrue(text("attempt-1").contains("HTTP 200"));
        assertTrue(text("attempt-1").toLowerCase().contains("webhook-signature"), "the request's headers");
        assertFalse(
                text("attempt-1")
                        .contains(tenant.api()
                                .get("webhooks/" + id + "/secret")
                                .then()
                                .extract()
                                .<String>path("secret")),
                "no secret among them");
        assertTrue(text("payload").contains(HOSTILE));
        assertNull(pwned(), "no script ran");
        browser.screenshot("delivery");

        element("act:redeliver").click();
        waitFor(By.id("attempt-2"));
        waitForText(By.id("attemptCount"), "2");
        assertEquals(2, receiver.await(2, WAIT).size());
        String delivery = browser.driver().getCurrentUrl().replaceAll(".*[?&]id=([^&]+).*", "$1");
        tenant.api().get("deliveries/" + delivery).then().body("attempts.size()", equalTo(2));

        element("subscription").click();
        waitFor(By.id("act:rotate"));
        // Replay and backfill, read by the API's rule: without a time refused, nothing changed.
        element("act:replay").click();
        waitForText(By.id("messages"), "since is required");
        type("act:replaySince", java.time.Instant.now().minusSeconds(3600).toString());
        new Select(element("act:replayStatus")).selectByVisibleText("succeeded");
        element("act:replay").click();
        waitForText(By.id("messages"), "1 deliveries replayed.");
        assertEquals(3, receiver.await(3, WAIT).size());
        type("act:backfillSince", java.time.Instant.now().minusSeconds(3600).toString());
        type("act:backfillTypes", "incident.*");
        element("act:backfill").click();
        waitForText(By.id("messages"), "events scheduled for delivery");
        element("act:rotate").click();
        waitFor(By.id("secretValue"));
        assertEquals(
                text("secretValue"),
                tenant.api().get("webhooks/" + id + "/secret").then().extract().path("secret"),
                "the new secret is the one shown");
        String rotated = text("secretValue");
        element("act:reveal").click();
        waitFor(By.id("revealedValue"));
        assertEquals(rotated, text("revealedValue"));

        element("act:test").click();
        waitFor(By.id("testOutcome"));
        assertEquals("Delivered", text("testOutcome"));
        assertEquals(HOSTILE + "received", text("testResponse"));
        assertNull(pwned(), "no script ran");
        assertEquals(
                1, receiver.requests(r -> r.body().contains("webhook.ping")).size());
        browser.screenshot("subscription");

        element("act:deactivate").click();
        waitForText(By.id("status"), "inactive");
        element("act:askDelete").click();
        waitFor(By.id("act:delete"));
        element("act:delete").click();
        waitForText(By.id("messages"), "deleted");
        tenant.api().get("webhooks/" + id).then().statusCode(404);

        // Another tenant's subscription is not found here, exactly like a missing one.
        Tenant other = Api.newTenant();
        String othersId = other.api()
                .body("{\"name\":\"theirs\",\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"incident.*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        browser.open("console/subscription.xhtml?id=" + othersId);
        waitFor(By.id("notFound"));
        assertFalse(browser.driver().getPageSource().contains("theirs"));
        browser.open("console/subscription-form.xhtml?id=" + othersId);
        waitFor(By.id("notFound"));

        List<String> audited = tenant.api()
                .queryParam("targetId", id)
                .get("audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.path");
        assertTrue(
                audited.containsAll(List.of(
                        "/console/webhooks/" + id + "/rotate-secret",
                        "/console/webhooks/" + id + "/test",
                        "/console/webhooks/" + id + "/secret",
                        "/console/webhooks/" + id + "/replay",
                        "/console/webhooks/" + id)),
                audited.toString());
    }

    @Test
    void theHistoryIsVerifiedAndExportedAndAnEventShowsItsDeliveries() {
        String subscription = tenant.api()
                .body("{\"url\":\"" + receiver.url("/in") + "\",\"events\":[\"*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (int i = 0; i < 3; i++) {
            tenant.api()
                    .body("{\"type\":\"incident.shared\",\"subject\":\"inc-" + i + "\",\"data\":{"
                            + "\"incident_id\":\"inc-" + i + "\",\"title\":\"t\",\"severity\":\"low\"}}")
                    .post("events")
                    .then()
                    .statusCode(202);
        }
        signIn(tenant.token());
        waitFor(By.id("nav-history"));
        element("nav-history").click();
        waitFor(By.id("chain:verify"));
        element("chain:verify").click();
        waitFor(By.id("verdict"));
        assertEquals("The chain is intact", text("verdict"));
        int recorded = tenant.api().get("events").then().extract().path("total");
        assertTrue(text("chain:verification").contains(recorded + " events checked"), text("chain:verification"));
        browser.screenshot("history-verified");

        String export = given().baseUri(HeraldServer.base().toString())
                .cookie(
                        "JSESSIONID",
                        browser.driver().manage().getCookieNamed("JSESSIONID").getValue())
                .get("console/history.jsonl")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> lines = export.lines().toList();
        assertEquals(recorded, lines.size(), export);
        assertTrue(lines.get(2).contains("\"hash\""), lines.get(2));
        given().baseUri(HeraldServer.base().toString())
                .redirects()
                .follow(false)
                .get("console/history.jsonl")
                .then()
                .statusCode(302);

        // Filtered by subject and time: the form's GET is a bookmarkable URL; a time it cannot read says so.
        type("filter-subject", "inc-1");
        type("filter-since", "2020-01-01T00:00:00Z");
        element("filter-go").click();
        waitForText(By.cssSelector(".pager span"), "1 in all");
        assertTrue(text("events").contains("inc-1") && !text("events").contains("inc-2"), text("events"));
        assertTrue(
                browser.driver().getCurrentUrl().contains("subject=inc-1"),
                browser.driver().getCurrentUrl());
        browser.open("console/history.xhtml?since=yesterday&subject=inc-1");
        waitFor(By.id("filterError"));
        assertTrue(text("filterError").startsWith("'since' must be an ISO-8601 UTC time"), text("filterError"));
        browser.open("console/history.xhtml?until=%2B300000-01-01T00:00:00Z");
        waitForText(By.id("filterError"), "'until' must be");
        browser.open("console/history.xhtml?subject=inc-1&until=2020-01-01T00:00:00Z");
        waitForText(By.cssSelector(".pager span"), "0 in all");

        browser.open("console/history.xhtml?type=incident.shared");
        waitFor(By.cssSelector("#events tbody tr a"));
        browser.driver().findElement(By.cssSelector("#events tbody tr a")).click();
        waitFor(By.id("deliveries"));
        assertEquals("incident.shared", text("type"));
        assertTrue(text("deliveries").contains(subscription), text("deliveries"));
    }

    @Test
    void theOverviewShowsTheLast24HoursAndWhatFails() {
        receiver.respond(
                request -> request.path().startsWith("/fail") ? Receiver.Reply.status(500) : Receiver.Reply.ok());
        String steady = tenant.api()
                .body("{\"name\":\"steady\",\"url\":\"" + receiver.url("/ok") + "\",\"events\":[\"incident.*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        tenant.api()
                .body("{\"name\":\"flaky\",\"url\":\"" + receiver.url("/fail")
                        + "\",\"events\":[\"incident.*\"],\"retryPolicy\":{\"maxRetries\":0}}")
                .post("webhooks")
                .then()
                .statusCode(201);
        for (int i = 0; i < 3; i++) {
            tenant.api()
                    .body("{\"type\":\"incident.shared\",\"subject\":\"inc-" + i + "\",\"data\":{"
                            + "\"incident_id\":\"inc-" + i + "\",\"title\":\"t\",\"severity\":\"low\"}}")
                    .post("events")
                    .then()
                    .statusCode(202);
        }
        receiver.await(6, WAIT);
        await().atMost(WAIT)
                .until(() -> tenant.api()
                                .get("webhooks")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("items.health.consecutiveFailures", Integer.class)
                                .contains(3)
                        && (int) tenant.api()
                                        .queryParam("status", "succeeded")
                                        .get("webhooks/" + steady + "/deliveries")
                                        .then()
                                        .extract()
                                        .path("total")
                                == 3);
        signIn(tenant.token());
        waitFor(By.id("attempts24h"));
        assertEquals("2", text("subscriptionCount"));
        assertEquals("6", text("attempts24h"));
        assertEquals("3", text("failed24h"));
        assertEquals("50.0 %", text("successRate"));
        assertTrue(text("bySubscription").contains("steady")
                && text("bySubscription").contains("flaky"));
        assertTrue(text("troubled").contains("flaky") && !text("troubled").contains("steady"), text("troubled"));
        assertEquals(
                24, browser.driver().findElements(By.cssSelector("#chart rect")).size());
        assertEquals(
                1,
                browser.driver()
                        .findElements(By.cssSelector("#chart rect.failing"))
                        .size());
        browser.screenshot("overview");
    }

    @Test
    void anAdminIssuesAndRevokesTokensAndThePlatformAdminCreatesATenant() {
        signIn(tenant.token());
        waitFor(By.id("nav-administration"));
        element("nav-administration").click();
        waitFor(By.id("issue:go"));
        assertTrue(browser.driver().findElements(By.id("tenants")).isEmpty(), "a tenant's admin sees no tenants");

        // A bad actor is refused with the API's message, and nothing is issued.
        type("issue:actor", "release bot!");
        element("issue:go").click();
        waitForText(By.id("messages"), "actor must be 1 to 100 letters");
        tenant.api().get("tenants/" + tenant.id() + "/tokens").then().body("total", equalTo(1));

        type("issue:actor", "release-bot");
        browser.driver().findElement(By.cssSelector("input[value='publish']")).click();
        element("issue:go").click();
        waitFor(By.id("tokenValue"));
        String issued = text("tokenValue");
        assertTrue(issued.startsWith("hrld_"), issued);
        Api.as(issued).get("events").then().statusCode(200);
        Api.as(issued).get("webhooks").then().statusCode(403);
        assertTrue(text("tokens:list").contains("release-bot"));
        browser.screenshot("administration");
        browser.driver().navigate().refresh();
        waitFor(By.id("tokens:list"));
        assertTrue(browser.driver().findElements(By.id("tokenValue")).isEmpty(), "a token is shown only once");

        browser.driver()
                .findElement(By.xpath("//tr[td[contains(., 'release-bot')]]//button"))
                .click();
        waitForText(By.id("messages"), "revoked");
        Api.as(issued).get("events").then().statusCode(401);

        // Another tenant's tokens are not found for a tenant's admin.
        browser.open("console/administration.xhtml?tenant=" + Api.newTenant().id());
        waitFor(By.id("notFound"));

        // The platform's admin token sees every tenant and creates one, its first token shown once.
        element("signOut:go").click();
        waitFor(By.id("signIn:token"));
        signIn(HeraldServer.ADMIN_TOKEN);
        waitFor(By.id("nav-administration"));
        element("nav-administration").click();
        waitFor(By.id("newTenant:create"));
        String name = "console-" + System.nanoTime();
        type("newTenant:name", name);
        element("newTenant:create").click();
        waitFor(By.id("tokenValue"));
        Api.as(text("tokenValue")).get("webhooks").then().statusCode(200);
        assertTrue(text("messages").contains("Tenant created"));

        // A token the platform admin issues in a tenant is in that tenant's trail too, named by
        // its id (the API's entry names the token it created, too).
        browser.open("console/administration.xhtml?tenant=" + tenant.id());
        waitFor(By.id("issue:go"));
        type("issue:actor", "ops-bot");
        browser.driver().findElement(By.cssSelector("input[value='read']")).click();
        element("issue:go").click();
        waitFor(By.id("tokenValue"));
        String opsBot = tenant.api()
                .get("tenants/" + tenant.id() + "/tokens?pageSize=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("items.find { it.actor == 'ops-bot' }.id");
        tenant.api()
                .get("audit?outcome=succeeded&targetId=" + opsBot)
                .then()
                .statusCode(200)
                .body("items.path", equalTo(List.of("/console/tenants/" + tenant.id() + "/tokens")))
                .body("items.status", equalTo(List.of(201)));
    }

    @Test
    void aTenantsTokensArePagedOnTheirOwn() {
        for (int i = 0; i < 50; i++) {
            issue("bot-" + i, "read");
        }
        signIn(tenant.token());
        waitFor(By.id("nav-administration"));
        element("nav-administration").click();
        waitFor(By.id("tokenPager"));
        assertEquals(
                50,
                browser.driver()
                        .findElements(By.cssSelector("[id='tokens:list'] tbody tr"))
                        .size());
        assertTrue(text("tokenPager").contains("51 in all"), text("tokenPager"));
        element("nextTokens").click();
        waitForText(By.id("tokenPager"), "Page 2");
        assertEquals(
                1,
                browser.driver()
                        .findElements(By.cssSelector("[id='tokens:list'] tbody tr"))
                        .size());
        assertTrue(
                browser.driver().getCurrentUrl().contains("tokenPage=2"),
                browser.driver().getCurrentUrl());
    }

    @Test
    void anInboundReceiptIsShownWithItsRawBodyAsTextALargeOnePreviewed() {
        String id = tenant.api()
                .body("{\"name\":\"ci\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .post("integrations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.anonymous()
                .header("X-Herald-Token", "gen-token")
                .body("{\"event\":\"build\",\"note\":\"" + HOSTILE.replace("\"", "\\\"") + "\"}")
                .post("inbound/" + id)
                .then()
                .statusCode(200);
        String large = "{\"event\":\"build\",\"note\":\"" + "z".repeat(3_000) + "\"}";
        Api.anonymous()
                .header("X-Herald-Token", "gen-token")
                .body(large)
                .post("inbound/" + id)
                .then()
                .statusCode(200);
        await().atMost(WAIT)
                .until(() -> !"processing"
                        .equals(tenant.api()
                                .get("integrations/" + id + "/receipts")
                                .then()
                                .extract()
                                .path("items[0].outcome")));
        signIn(tenant.token());
        waitFor(By.id("nav-inbound"));
        element("nav-inbound").click();
        waitFor(By.linkText("ci"));
        assertTrue(text("integrations").contains("/api/v1/inbound/" + id), "the URL to paste into the sender");
        browser.driver().findElement(By.linkText("ci")).click();
        waitFor(By.id("receipts"));
        assertTrue(text("receipts").contains(HOSTILE), text("receipts"));
        assertTrue(text("receipts").contains("processed"), text("receipts"));
        assertTrue(
                text("receipts")
                        .contains(large.length() + " characters in all: GET /api/v1/integrations/" + id
                                + "/receipts answers the whole body"),
                text("receipts"));
        assertTrue(text("receipts").contains("z".repeat(900) + "…"), "the body's first 1,000 characters");
        assertFalse(text("receipts").contains("z".repeat(1_000)), "the list shows no more of the body");
        assertNull(pwned(), "no script ran");
        browser.screenshot("inbound");
    }
}
