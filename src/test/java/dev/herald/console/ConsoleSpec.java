package dev.herald.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;

/** The admin console (issue 12) in a real browser: signing in and out, and what it refuses. */
public abstract class ConsoleSpec extends ConsoleTest {

    @Test
    void aPersonSignsInWithATokenSeesTheirTenantAndSignsOut() {
        browser.open("console");
        waitFor(By.id("signIn:token"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/console/sign-in.xhtml"), "a guest is sent to sign in");
        browser.screenshot("sign-in");

        signIn(tenant.token());
        waitFor(By.id("who"));
        assertEquals("admin", browser.driver().findElement(By.id("who")).getText());
        assertEquals(tenant.id(), browser.driver().findElement(By.id("tenant")).getText());
        assertFalse(browser.driver().getPageSource().contains(tenant.token()), "the token is in no page");
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
        assertEquals("Strict", session.getSameSite());
        assertFalse(session.getValue().contains(tenant.token()));
        browser.screenshot("signed-in");

        browser.driver().findElement(By.id("signOut:go")).click();
        waitFor(By.id("signIn:token"));
        browser.open("console/overview.xhtml");
        waitFor(By.id("signIn:token"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/console/sign-in.xhtml"), "signed out");
    }

    @Test
    void aWrongTokenIsRefused() {
        signIn("hrld_this-is-not-a-token");
        waitFor(By.id("signIn:tokenMessage"));
        assertTrue(browser.driver()
                .findElement(By.id("signIn:tokenMessage"))
                .getText()
                .contains("not valid"));
        assertTrue(browser.driver().getCurrentUrl().contains("/console/sign-in.xhtml"));
        browser.screenshot("sign-in-refused");
        browser.open("console/overview.xhtml");
        waitFor(By.id("signIn:token"));
    }

    @Test
    void revokingATokenEndsItsConsoleSessionAtTheNextRequest() {
        var issued = tenant.api()
                .body("{\"actor\":\"operator\",\"scopes\":[\"read\"]}")
                .post("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        signIn(issued.getString("token"));
        waitFor(By.id("who"));
        assertEquals("operator", browser.driver().findElement(By.id("who")).getText());

        tenant.api()
                .delete("tenants/" + tenant.id() + "/tokens/" + issued.getString("id"))
                .then()
                .statusCode(204);
        browser.open("console/subscriptions.xhtml");
        waitFor(By.id("signIn:token"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/console/sign-in.xhtml"), "the session ended");
    }

    @Test
    void aTokenSeesOnlyWhatItsScopesLetItRead() {
        tenant.api()
                .body("{\"url\":\"https://93.184.216.34/in\",\"events\":[\"release.*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201);
        String publisher = tenant.api()
                .body("{\"actor\":\"ci\",\"scopes\":[\"publish\"]}")
                .post("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        signIn(publisher);
        waitFor(By.id("who"));
        browser.open("console/subscriptions.xhtml");
        waitFor(By.id("notAllowed"));
        assertTrue(browser.driver().findElement(By.id("notAllowed")).getText().contains("read or subscribe"));
        assertFalse(browser.driver().getPageSource().contains("93.184.216.34"), "no subscription is shown");
        browser.open("console/history.xhtml");
        waitFor(By.id("events"));
        assertTrue(browser.driver().findElements(By.id("notAllowed")).isEmpty(), "publish reads the history");
    }

    @Test
    void aForgedPostIsRefused() {
        signIn(tenant.token());
        waitFor(By.id("who"));
        String session = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
        String base = HeraldServer.base().toString();
        // Without the form's view state, even with the session cookie: refused, and still signed in after.
        given().baseUri(base)
                .cookie("JSESSIONID", session)
                .contentType("application/x-www-form-urlencoded")
                .formParam("signOut", "signOut")
                .formParam("signOut:go", "")
                .post("console/overview.xhtml")
                .then()
                .statusCode(403);
        // From another site: refused whatever it carries.
        given().baseUri(base)
                .cookie("JSESSIONID", session)
                .header("Origin", "https://evil.example")
                .contentType("application/x-www-form-urlencoded")
                .formParam("jakarta.faces.ViewState", "1:2")
                .formParam("signOut", "signOut")
                .formParam("signOut:go", "")
                .post("console/overview.xhtml")
                .then()
                .statusCode(403);
        browser.open("console/overview.xhtml");
        waitFor(By.id("who"));
    }

    @Test
    void scriptInAPayloadIsShownAsText() {
        tenant.api()
                .body("{\"type\":\"incident.shared\",\"subject\":\"inc-<script>1</script>\",\"data\":{"
                        + "\"incident_id\":\"inc-1\",\"title\":\"<b>down</b>\",\"severity\":\"high\","
                        + "\"note\":\"<script>window.pwned=1</script><img src=x onerror=window.pwned=2>\","
                        + "\"link\":\"javascript:window.pwned=3\"}}")
                .post("events")
                .then()
                .statusCode(202);
        tenant.api()
                .body("{\"name\":\"escape-check\",\"url\":\"https://93.184.216.34/in\","
                        + "\"events\":[\"incident.*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201);
        signIn(tenant.token());
        waitFor(By.id("who"));
        browser.open("console/history.xhtml");
        waitFor(By.id("events"));
        String text = browser.driver().findElement(By.id("events")).getText();
        assertTrue(text.contains("<script>window.pwned=1</script>"), text);
        assertTrue(text.contains("inc-<script>1</script>"), text);
        assertNull(((JavascriptExecutor) browser.driver()).executeScript("return window.pwned;"), "no script ran");
        browser.screenshot("history");

        browser.open("console/subscriptions.xhtml");
        waitFor(By.id("subscriptions"));
        assertTrue(
                browser.driver().findElement(By.id("subscriptions")).getText().contains("escape-check"));
        assertNull(((JavascriptExecutor) browser.driver()).executeScript("return window.pwned;"));
        browser.screenshot("subscriptions");
    }

    @Test
    void aLargePayloadIsListedAsAPreviewAndShownWholeOnTheEventsPage() {
        String note = "y".repeat(5_000);
        String id = tenant.api()
                .body("{\"type\":\"incident.shared\",\"subject\":\"inc-large\",\"data\":{"
                        + "\"incident_id\":\"inc-large\",\"title\":\"large\",\"severity\":\"low\","
                        + "\"note\":\"" + note + "\"}}")
                .post("events")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        signIn(tenant.token());
        waitFor(By.id("who"));
        browser.open("console/history.xhtml?subject=inc-large");
        waitFor(By.id("events"));
        String listed = browser.driver().findElement(By.id("events")).getText();
        assertTrue(listed.contains("y".repeat(500) + "…"), listed);
        assertFalse(listed.contains("y".repeat(1_000)), "the list shows the payload's first 1,000 characters only");
        browser.screenshot("history-preview");

        // Stored as canonical JSON: the note and 70 characters of keys and other values.
        browser.driver()
                .findElement(By.linkText(note.length() + 70 + " characters in all: the whole payload"))
                .click();
        waitFor(By.id("payload"));
        assertTrue(browser.driver().getCurrentUrl().contains(id));
        assertTrue(browser.driver().findElement(By.id("payload")).getText().contains(note));
    }

    /** An event to a tenant's hundreds of subscriptions lists its first 200 deliveries and says where the rest are. */
    @Test
    void anEventsPageListsItsFirst200DeliveriesAndSaysWhereTheRestAre() {
        try (Receiver receiver = Receiver.start()) {
            for (int i = 0; i < 201; i++) {
                tenant.api()
                        .body("{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"build.started\"]}")
                        .post("webhooks")
                        .then()
                        .statusCode(201);
            }
            String id = tenant.api()
                    .body("{\"type\":\"build.started\",\"data\":{\"build_id\":\"wide\"}}")
                    .post("events")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");
            tenant.api().get("events/" + id).then().body("deliveries.size()", equalTo(201));
            signIn(tenant.token());
            waitFor(By.id("who"));
            browser.open("console/event.xhtml?id=" + id);
            waitFor(By.id("more-deliveries"));
            assertEquals(
                    200,
                    browser.driver()
                            .findElements(By.cssSelector("[id$='deliveries_data'] > tr"))
                            .size());
            assertTrue(text("more-deliveries").contains("first 200 deliveries are shown"), text("more-deliveries"));
            browser.screenshot("event-many-deliveries");
        }
    }

    @Test
    void theSessionCookieIsNotSecureOverPlainHttpAndPagesAreNotCached() {
        String page = given().baseUri(HeraldServer.base().toString())
                .get("console/sign-in.xhtml")
                .then()
                .statusCode(200)
                .header("Set-Cookie", nullValue()) // nobody's session before signing in
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .extract()
                .asString();
        given().baseUri(HeraldServer.base().toString())
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("signIn", "signIn")
                .formParam("signIn:token", Api.newTenant().token())
                .formParam("signIn:go", "")
                .formParam("jakarta.faces.ViewState", ConsoleOverHttp.viewState(page))
                .post("console/sign-in.xhtml")
                .then()
                .statusCode(302)
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Strict"))
                .header("Set-Cookie", not(containsString("Secure")));
    }

    @Test
    void anAdminSeesWhoDidWhatAndOthersDoNot() {
        String alice = issue("alice", "subscribe");
        String bob = issue("bob", "read");
        Api.as(alice)
                .body("{\"name\":\"audited\",\"url\":\"https://93.184.216.34/in\",\"events\":[\"release.*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201);
        Api.as(bob)
                .body("{\"url\":\"https://93.184.216.34/in\",\"events\":[\"*\"]}")
                .post("webhooks")
                .then()
                .statusCode(403);
        Api.as(alice)
                .delete("webhooks/<img src=x onerror=window.pwned=1>")
                .then()
                .statusCode(404);

        signIn(tenant.token());
        waitFor(By.id("nav-audit"));
        browser.driver().findElement(By.id("nav-audit")).click();
        waitFor(By.id("entries"));
        String trail = browser.driver().findElement(By.id("entries")).getText();
        // Newest first: the admin's sign-in, alice's refused delete (markup shown as text), bob's refusal, alice's
        // create.
        int signIn = trail.indexOf("POST /console/sign-in");
        int delete = trail.indexOf("DELETE /webhooks/<img src=x onerror=window.pwned=1>");
        int refused = trail.indexOf("bob");
        int created = trail.lastIndexOf("succeeded (201)");
        assertTrue(signIn >= 0 && signIn < delete && delete < refused && refused < created, trail);
        assertTrue(trail.contains("denied (403)") && trail.contains("rejected (404)"), trail);
        assertTrue(trail.contains("needs a token with the 'subscribe' scope"), "the refusal says why: " + trail);
        assertNull(((JavascriptExecutor) browser.driver()).executeScript("return window.pwned;"), "no script ran");
        browser.screenshot("audit");

        browser.driver().findElement(By.linkText("bob")).click();
        waitFor(By.id("filter-actor"));
        String bobs = browser.driver().findElement(By.id("entries")).getText();
        assertTrue(bobs.contains("bob") && !bobs.contains("alice") && !bobs.contains("/console/"), bobs);
        assertTrue(browser.driver().getCurrentUrl().contains("actor=bob"), "a filtered view is a bookmarkable URL");
        browser.open("console/audit.xhtml?outcome=denied");
        waitFor(By.id("entries"));
        String denied = browser.driver().findElement(By.id("entries")).getText();
        assertTrue(denied.contains("denied (403)") && !denied.contains("succeeded"), denied);
        browser.open("console/audit.xhtml?page=2147483647&outcome=nonsense&actor=" + "x".repeat(500));
        waitFor(By.id("entries"));

        browser.driver().findElement(By.id("signOut:go")).click();
        waitFor(By.id("signIn:token"));
        var own = tenant.api()
                .queryParam("actor", "admin")
                .get("audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("/console/sign-out", own.getString("items[0].path"));
        assertEquals("/console/sign-in", own.getString("items[1].path"));

        signIn(bob);
        waitFor(By.id("who"));
        assertTrue(browser.driver().findElements(By.id("nav-audit")).isEmpty(), "no audit link for a read token");
        browser.open("console/audit.xhtml");
        waitFor(By.id("notAllowed"));
        assertFalse(browser.driver().findElement(By.id("entries")).getText().contains("alice"), "nothing is listed");
    }

    @Test
    void anApprovalIsDecidedInTheConsoleWithFourEyes() {
        String bob = issue("bob", "govern");
        String carol = issue("carol", "govern");
        String release = Api.as(bob)
                .body("{\"productId\":\"shop\",\"version\":\"2.0.0\",\"channel\":\"stable\"}")
                .post("releases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String approval = Api.as(bob)
                .body("{\"releaseId\":\"" + release + "\"}")
                .post("approvals")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // The requester may not decide: refused with the rule's reason, and nothing changes.
        signIn(bob);
        waitFor(By.id("nav-approvals"));
        browser.driver().findElement(By.id("nav-approvals")).click();
        waitFor(By.id("approvals"));
        browser.screenshot("approvals");
        browser.driver().findElement(By.linkText(approval)).click();
        waitFor(By.id("decide:comment"));
        browser.driver().findElement(By.id("decide:comment")).sendKeys("mine, so fine");
        browser.driver().findElement(By.id("decide:approve")).click();
        waitForText(By.id("messages"), "another actor must decide it");
        tenant.api().get("approvals/" + approval).then().statusCode(200).body("status", equalTo("pending"));
        browser.driver().findElement(By.id("signOut:go")).click();
        waitFor(By.id("signIn:token"));

        // Another actor approves, with a comment that is shown as text.
        signIn(carol);
        waitFor(By.id("who"));
        browser.open("console/approval.xhtml?id=" + approval);
        waitFor(By.id("decide:comment"));
        // A comment past the API's limit is refused by the same rule, and nothing changes.
        browser.driver().findElement(By.id("decide:comment")).sendKeys("x".repeat(2001));
        browser.driver().findElement(By.id("decide:approve")).click();
        waitForText(By.id("messages"), "must be 1 to 2000 characters");
        tenant.api().get("approvals/" + approval).then().statusCode(200).body("status", equalTo("pending"));
        browser.driver().findElement(By.id("decide:comment")).clear();
        browser.driver().findElement(By.id("decide:comment")).sendKeys("<script>window.pwned=1</script> checked");
        browser.driver().findElement(By.id("decide:approve")).click();
        waitForText(By.id("status"), "approved");
        assertEquals("carol", browser.driver().findElement(By.id("decidedBy")).getText());
        assertEquals(
                "<script>window.pwned=1</script> checked",
                browser.driver().findElement(By.id("comment")).getText());
        assertTrue(browser.driver().findElement(By.id("messages")).getText().contains("Approved."));
        assertTrue(
                browser.driver().findElements(By.id("decide:approve")).isEmpty(), "a decided approval has no buttons");
        assertNull(((JavascriptExecutor) browser.driver()).executeScript("return window.pwned;"), "no script ran");
        browser.screenshot("approval");
        tenant.api()
                .get("approvals/" + approval)
                .then()
                .statusCode(200)
                .body("status", equalTo("approved"))
                .body("decidedBy", equalTo("carol"))
                .body("comment", equalTo("<script>window.pwned=1</script> checked"));
        tenant.api().get("releases/" + release).then().body("status", equalTo("approved"));

        // The release's page shows its timeline: created, approval requested, approved (the comment as
        // text), and a large event published about it, previewed.
        tenant.api()
                .body("{\"type\":\"incident.shared\",\"subject\":\"" + release + "\",\"data\":{"
                        + "\"incident_id\":\"inc-r\",\"title\":\"r\",\"severity\":\"low\",\"note\":\""
                        + "w".repeat(3_000) + "\"}}")
                .post("events")
                .then()
                .statusCode(202);
        element("release").click();
        waitFor(By.id("timeline"));
        assertEquals("approved", text("status"));
        String timeline = text("timeline");
        assertTrue(
                timeline.indexOf("release.created") < timeline.indexOf("approval.requested")
                        && timeline.indexOf("approval.requested") < timeline.indexOf("approval.approved")
                        && timeline.contains("release.approved"),
                timeline);
        assertTrue(timeline.contains("<script>window.pwned=1</script> checked"), timeline);
        assertTrue(timeline.contains("w".repeat(900) + "…") && !timeline.contains("w".repeat(1_000)), timeline);
        assertTrue(timeline.contains("characters in all: the whole payload"), timeline);
        assertTrue(browser.driver().findElements(By.id("timelineCut")).isEmpty(), "the whole timeline is shown");
        assertTrue(text("approvals").contains("carol"));
        assertNull(pwned(), "no script ran");
        browser.screenshot("release");

        // Another tenant's approval is not found here, exactly like a missing one.
        Tenant other = Api.newTenant();
        String otherRelease = other.api()
                .body("{\"productId\":\"x\",\"version\":\"1\",\"channel\":\"c\"}")
                .post("releases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String othersApproval = other.api()
                .body("{\"releaseId\":\"" + otherRelease + "\"}")
                .post("approvals")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        browser.open("console/approval.xhtml?id=" + othersApproval);
        waitFor(By.id("notFound"));
        assertFalse(browser.driver().getPageSource().contains(otherRelease), "nothing of the other tenant is shown");

        var trail = tenant.api()
                .queryParam("targetId", approval)
                .get("audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                "carol POST /console/approvals/" + approval + "/approve succeeded",
                trail.getString("items[0].actor") + " " + trail.getString("items[0].method") + " "
                        + trail.getString("items[0].path") + " " + trail.getString("items[0].outcome"));
        assertEquals("carol rejected", trail.getString("items[1].actor") + " " + trail.getString("items[1].outcome"));
        assertEquals("bob denied", trail.getString("items[2].actor") + " " + trail.getString("items[2].outcome"));
    }
}
