package dev.herald.console;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Governance in the console beyond approvals: policies (admin), licenses and artifacts (govern). */
public abstract class ConsoleGovernanceSpec extends ConsoleTest {

    @Test
    void anAdminWritesEditsAndDeletesPolicies() {
        signIn(tenant.token());
        waitFor(By.id("nav-policies"));
        element("nav-policies").click();
        waitFor(By.id("policy:save"));

        // No name: refused beside the field with the API's message, nothing stored.
        element("policy:requireApproval").click();
        element("policy:save").click();
        waitFor(By.id("name-error"));
        assertTrue(text("name-error").startsWith("name "), text("name-error"));
        tenant.api().get("policies").then().statusCode(200).body("total", equalTo(0));

        type("policy:name", "hotfixes <b>now</b>");
        element("policy:save").click();
        waitForText(By.id("messages"), "saved");
        String id = tenant.api()
                .get("policies")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].name", equalTo("hotfixes <b>now</b>"))
                .body("items[0].rules.requireApproval", equalTo(false))
                .body("items[0].rules.separationOfDuties", equalTo(true))
                .extract()
                .path("items[0].id");
        browser.screenshot("policies");

        // Edit: the form comes filled; turning four eyes off is saved as the API's PUT would.
        browser.driver().findElement(By.linkText("hotfixes <b>now</b>")).click();
        waitFor(By.id("policy:new"));
        assertEquals("hotfixes <b>now</b>", element("policy:name").getAttribute("value"));
        assertTrue(!element("policy:requireApproval").isSelected()
                && element("policy:separationOfDuties").isSelected());
        element("policy:separationOfDuties").click();
        element("policy:save").click();
        waitForText(By.id("messages"), "saved");
        tenant.api().get("policies/" + id).then().statusCode(200).body("rules.separationOfDuties", equalTo(false));

        element("list:policies:0:delete").click();
        waitForText(By.id("messages"), "deleted");
        tenant.api().get("policies").then().statusCode(200).body("total", equalTo(0));
        tenant.api()
                .queryParam("targetId", id)
                .get("audit")
                .then()
                .statusCode(200)
                .body("items.method", equalTo(List.of("DELETE", "PUT", "POST")))
                .body(
                        "items.path",
                        equalTo(List.of("/console/policies/" + id, "/console/policies/" + id, "/console/policies")));

        // Another tenant's policy id in the URL is "not found".
        String othersPolicy = Api.newTenant()
                .api()
                .body("{\"name\":\"theirs\",\"rules\":{\"requireApproval\":true}}")
                .post("policies")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        browser.open("console/policies.xhtml?id=" + othersPolicy);
        waitFor(By.id("notFound"));
    }

    @Test
    void licensesAreIssuedAndRevokedWithGovernAndOnlySeenWithRead() {
        String govern = issue("lena", "govern");
        signIn(govern);
        waitFor(By.id("nav-licenses"));
        assertTrue(browser.driver().findElements(By.id("nav-policies")).isEmpty(), "policies are admin's");
        element("nav-licenses").click();
        waitFor(By.id("issue:go"));

        type("issue:productId", "shop-api");
        type("issue:licensee", "ACME <script>window.pwned=1</script>");
        type("issue:expiresAt", "2001-01-01T00:00:00Z");
        element("issue:go").click();
        waitFor(By.id("expiresAt-error"));
        assertEquals("expiresAt must be in the future", text("expiresAt-error"));
        tenant.api().get("licenses").then().statusCode(200).body("total", equalTo(0));

        type(
                "issue:expiresAt",
                Instant.now()
                        .plus(30, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        element("issue:go").click();
        waitForText(By.id("messages"), "issued");
        String id = tenant.api()
                .get("licenses")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("active"))
                .extract()
                .path("items[0].id");
        assertTrue(text("list:licenses").contains("ACME <script>window.pwned=1</script>"));
        browser.screenshot("licenses");

        element("list:licenses:0:revoke").click();
        waitForText(By.id("messages"), "revoked");
        tenant.api().get("licenses/" + id).then().statusCode(200).body("status", equalTo("revoked"));
        browser.open("console/licenses.xhtml?status=active");
        waitForText(By.id("list:licenses"), "No licenses.");
        assertEquals(null, pwned(), "no script ran");

        // A read token sees the list, not the form or the buttons.
        element("signOut:go").click();
        waitFor(By.id("signIn:token"));
        signIn(issue("rory", "read"));
        waitFor(By.id("nav-licenses"));
        browser.open("console/licenses.xhtml");
        waitForText(By.id("list:licenses"), "shop-api");
        assertTrue(browser.driver().findElements(By.id("issue:go")).isEmpty(), "no form for read");
    }

    @Test
    void anArtifactIsVerifiedOnItsReleasesPage() {
        String release = tenant.api()
                .body("{\"productId\":\"shop\",\"version\":\"3.1.0\",\"channel\":\"stable\"}")
                .post("releases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String artifact = tenant.api()
                .body("{\"releaseId\":\"" + release + "\",\"name\":\"registry.example.com/shop:3.1.0\","
                        + "\"digest\":\"sha256:" + "ab".repeat(32) + "\",\"platform\":\"linux\",\"arch\":\"amd64\"}")
                .post("artifacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        signIn(tenant.token());
        waitFor(By.id("actor"));
        browser.open("console/release.xhtml?id=" + release);
        waitFor(By.id("artifacts:list:0:verify"));
        element("artifacts:list:0:verify").click();
        waitForText(By.id("messages"), "verified");
        assertTrue(
                browser.driver().findElements(By.id("artifacts:list:0:verify")).isEmpty(), "verified once");
        assertTrue(text("timeline").contains("artifact.verified"), text("timeline"));
        browser.screenshot("release-artifacts");
        tenant.api().get("artifacts/" + artifact).then().statusCode(200).body("status", equalTo("verified"));
    }

    @Test
    void aReleasesPageShowsTheFirst200EventsOfItsTimelineAndSaysWhereTheRestAre() {
        String release = tenant.draftRelease();
        StringBuilder batch = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 200; i++) { // with release.created, one more than the page shows
            batch.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"build.started\",\"subject\":\"" + release + "\",\"data\":{\"build_id\":\"b-")
                    .append(i)
                    .append("\"}}");
        }
        tenant.api()
                .body(batch.append("]}").toString())
                .post("events/batch")
                .then()
                .statusCode(202);

        signIn(tenant.token());
        waitFor(By.id("actor"));
        browser.open("console/release.xhtml?id=" + release);
        waitFor(By.id("timelineCut"));
        assertTrue(text("timelineCut").startsWith("The first 200 events are shown"), text("timelineCut"));
        assertTrue(text("timeline").contains("release.created"), "oldest first");
        assertTrue(text("timeline").contains("b-198") && !text("timeline").contains("b-199"), "200 events shown");
        browser.driver().findElement(By.linkText("the history")).click();
        waitFor(By.id("events"));
        assertTrue(text("events").contains("b-199"), "the history pages through the release's events");
    }
}
