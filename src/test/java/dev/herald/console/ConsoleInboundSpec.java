package dev.herald.console;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** Inbound in the console: integrations made, edited and deleted in a form; components with their versions. */
public abstract class ConsoleInboundSpec extends ConsoleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anIntegrationIsMadeEditedAndDeletedInTheFormAndABadOneStoresNothing() {
        signIn(tenant.token());
        waitFor(By.id("nav-inbound"));
        element("nav-inbound").click();
        waitFor(By.id("newIntegration"));
        element("newIntegration").click();
        waitFor(By.id("integration:save"));

        // GitHub without a name or a secret, a token it does not use and a filter line the form cannot split.
        type("integration:token", "not-for-github");
        type("integration:filters", "$.kind equals tag\njust-one-word");
        element("integration:save").click();
        waitFor(By.id("name-error"));
        assertTrue(text("secret-error").contains("is required"), text("secret-error"));
        assertTrue(text("token-error").contains("not used by this type"), text("token-error"));
        assertTrue(text("filters-error").contains("line 2"), text("filters-error"));
        browser.screenshot("integration-form");
        tenant.api().get("integrations").then().statusCode(200).body("total", equalTo(0));

        // A generic sender with a token and a filter: saved, then shown with the URL to paste.
        type("integration:name", "ci <script>window.pwned=1</script>");
        new Select(element("integration:type")).selectByValue("generic");
        type("integration:token", "gen-token-1");
        type("integration:filters", "$.tag matches ^v\\d+");
        element("integration:save").click();
        waitForText(By.id("messages"), "saved");
        String id = tenant.api()
                .get("integrations")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].type", equalTo("generic"))
                .body("items[0].filters[0].path", equalTo("$.tag"))
                .body("items[0].filters[0].value", equalTo("^v\\d+"))
                .extract()
                .path("items[0].id");
        assertTrue(text("integrations").contains("/api/v1/inbound/" + id), "the URL to paste into the sender");
        assertFalse(browser.driver().getPageSource().contains("gen-token-1"), "the token is write-only");
        assertNull(pwned(), "no script ran");

        // Edit: the form comes filled but for the token; a blank token keeps the stored one.
        element("integrations:0:edit").click();
        waitFor(By.id("integration:askDelete"));
        assertEquals(
                "ci <script>window.pwned=1</script>",
                element("integration:name").getAttribute("value"));
        assertEquals("$.tag matches ^v\\d+", element("integration:filters").getAttribute("value"));
        assertEquals("", element("integration:token").getAttribute("value"));
        type("integration:name", "ci");
        type("integration:filters", "");
        element("integration:save").click();
        waitForText(By.id("messages"), "saved");
        tenant.api()
                .get("integrations/" + id)
                .then()
                .body("name", equalTo("ci"))
                .body("filters", equalTo(List.of()));
        Api.anonymous()
                .header("X-Herald-Token", "gen-token-1")
                .body("{\"tag\":\"nightly\"}")
                .post("inbound/" + id)
                .then()
                .statusCode(200);

        // Delete asks first; then the sender's calls are refused.
        browser.open("console/integration-form.xhtml?id=" + id);
        waitFor(By.id("integration:askDelete"));
        element("integration:askDelete").click();
        waitFor(By.id("integration:delete"));
        element("integration:delete").click();
        waitForText(By.id("messages"), "deleted");
        tenant.api().get("integrations").then().body("total", equalTo(0));
        Api.anonymous()
                .header("X-Herald-Token", "gen-token-1")
                .body("{}")
                .post("inbound/" + id)
                .then()
                .statusCode(404);
        tenant.api()
                .queryParam("targetId", id)
                .get("audit")
                .then()
                .statusCode(200)
                .body(
                        "items.path",
                        equalTo(List.of(
                                "/console/integrations/" + id, "/console/integrations/" + id, "/console/integrations")))
                .body("items.status", equalTo(List.of(200, 200, 201)));

        // Another tenant's integration (or none) in the URL is "not found".
        browser.open("console/integration-form.xhtml?id=" + id);
        waitFor(By.id("notFound"));
    }

    @Test
    void aComponentIsMadeInTheFormAndAPushedTagShowsAsItsVersionAndRelease() {
        signIn(tenant.token());
        waitFor(By.id("nav-components"));
        element("nav-components").click();
        waitFor(By.id("newComponent:create"));

        // No name, and a trigger whose pattern is no regular expression: refused, nothing stored.
        type("newComponent:repository", "acme/shop");
        type("newComponent:productId", "shop");
        type("newComponent:triggers", "^v(\\d+ stable");
        element("newComponent:create").click();
        waitFor(By.id("name-error"));
        assertTrue(text("triggers-error").startsWith("triggers[0].tagPattern"), text("triggers-error"));
        tenant.api().get("components").then().body("total", equalTo(0));

        type("newComponent:name", "shop <b>api</b>");
        type("newComponent:triggers", "^v(\\d+\\.\\d+\\.\\d+)$ stable");
        element("newComponent:create").click();
        waitForText(By.id("messages"), "created");
        String component = tenant.api()
                .get("components")
                .then()
                .body("total", equalTo(1))
                .body("items[0].triggers[0].tagPattern", equalTo("^v(\\d+\\.\\d+\\.\\d+)$"))
                .body("items[0].triggers[0].channel", equalTo("stable"))
                .extract()
                .path("items[0].id");
        assertTrue(text("triggers").contains("→ stable"), text("triggers"));

        // A push of v1.2.3 to the repository becomes version 1.2.3 and a release on stable.
        String integration = tenant.api()
                .body("{\"name\":\"ci\",\"type\":\"generic\",\"token\":\"gen-token\"}")
                .post("integrations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.anonymous()
                .header("X-Herald-Token", "gen-token")
                .body("{\"repository\":\"acme/shop\",\"tag\":\"v1.2.3\"}")
                .post("inbound/" + integration)
                .then()
                .statusCode(200);
        await().atMost(WAIT)
                .until(() -> (Integer) tenant.api()
                                .get("components/" + component + "/versions")
                                .then()
                                .extract()
                                .path("total")
                        == 1);
        String release = tenant.api()
                .get("components/" + component + "/versions")
                .then()
                .body("items[0].version", equalTo("1.2.3"))
                .extract()
                .path("items[0].releaseId");
        browser.driver().navigate().refresh();
        waitFor(By.linkText(release));
        assertTrue(text("versions").contains("v1.2.3"), text("versions"));
        browser.screenshot("components");
        browser.driver().findElement(By.linkText(release)).click();
        waitForText(By.id("release"), "1.2.3");

        // Deleting the component keeps its release.
        element("nav-components").click();
        waitFor(By.id("list:components:0:delete"));
        element("list:components:0:delete").click();
        browser.driver().switchTo().alert().accept();
        waitForText(By.id("messages"), "deleted");
        tenant.api().get("components").then().body("total", equalTo(0));
        tenant.api().get("releases/" + release).then().statusCode(200);

        browser.open("console/components.xhtml?component=" + component);
        waitFor(By.id("notFound"));
    }

    /**
     * Only an integration set up with {@code govern} fires release triggers: a build bot's is shown
     * as recording versions only, and the bot may neither change nor delete one that fires them.
     */
    @Test
    void anIntegrationABuildBotSetsUpFiresNoReleaseTriggersNorMayItChangeOneThatDoes() {
        String managers = tenant.api()
                .body("{\"name\":\"registry\",\"type\":\"generic\",\"token\":\"registry-token\"}")
                .post("integrations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        signIn(issue("build-bot", "publish"));
        browser.open("console/integration-form.xhtml");
        waitFor(By.id("integration:save"));
        type("integration:name", "bot's own");
        new Select(element("integration:type")).selectByValue("generic");
        type("integration:token", "bot-token");
        element("integration:save").click();
        waitForText(By.id("messages"), "saved");
        assertTrue(text("integrations").contains("versions only"), text("integrations"));
        assertTrue(text("integrations").contains("fires them"), text("integrations"));
        browser.screenshot("inbound-release-triggers");

        browser.open("console/integration-form.xhtml?id=" + managers);
        waitFor(By.id("integration:askDelete"));
        type("integration:token", "bot-chosen-token");
        element("integration:save").click();
        waitForText(By.id("messages"), "'govern' scope");
        element("integration:askDelete").click();
        waitFor(By.id("integration:delete"));
        element("integration:delete").click();
        waitForText(By.id("messages"), "'govern' scope");
        tenant.api().get("integrations/" + managers).then().statusCode(200);
        Api.anonymous()
                .header("X-Herald-Token", "registry-token")
                .body("{\"tag\":\"nightly\"}")
                .post("inbound/" + managers)
                .then()
                .statusCode(200);
    }

    /** Release triggers create releases: a build bot's publish token may set up a component, not them. */
    @Test
    void aComponentWithReleaseTriggersNeedsTheGovernScopeInTheFormToo() {
        signIn(issue("build-bot", "publish"));
        waitFor(By.id("nav-components"));
        element("nav-components").click();
        waitFor(By.id("newComponent:create"));
        type("newComponent:name", "bot's");
        type("newComponent:repository", "acme/bot");
        type("newComponent:productId", "shop");
        type("newComponent:triggers", "^(.*)$ stable");
        element("newComponent:create").click();
        waitForText(By.id("messages"), "'govern' scope");
        tenant.api().get("components").then().body("total", equalTo(0));

        type("newComponent:triggers", "");
        element("newComponent:create").click();
        waitForText(By.id("messages"), "created");
        tenant.api().get("components").then().body("total", equalTo(1)).body("items[0].triggers", hasSize(0));
    }

    /** A row's button acts on the row shown: on page 2 as well (the page is the view's, not the request's). */
    @Test
    void aComponentDeletedOnTheSecondPageIsTheOneShownThere() {
        String oldest = null;
        String newest = null;
        for (int i = 0; i < 51; i++) {
            newest = tenant.api()
                    .body("{\"name\":\"c" + i + "\",\"repository\":\"acme/r" + i + "\",\"productId\":\"p\"}")
                    .post("components")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            oldest = oldest == null ? newest : oldest;
        }
        signIn(tenant.token());
        waitFor(By.id("nav-components"));
        browser.open("console/components.xhtml?page=2");
        waitFor(By.id("list:components:0:delete"));
        assertTrue(text("list:components").contains("acme/r0"), text("list:components"));
        element("list:components:0:delete").click();
        browser.driver().switchTo().alert().accept();
        waitForText(By.id("messages"), "deleted");
        tenant.api().get("components/" + oldest).then().statusCode(404);
        tenant.api().get("components/" + newest).then().statusCode(200);
        tenant.api().get("components").then().body("total", equalTo(50));
    }
}
