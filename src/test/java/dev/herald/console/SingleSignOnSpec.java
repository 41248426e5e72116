package dev.herald.console;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.HeraldServer;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * Console single sign-on with OpenID Connect, against a real (test) identity provider on the
 * port the shared server is configured with (pom.xml): the browser goes to the provider and
 * back, Herald checks the code and the ID token, and the person's groups decide the tenant
 * and scopes, as {@code HERALD_CONSOLE_OIDC_GROUPS} maps them there:
 * {@code sso-approvers=sso-it:govern,read;sso-readers=sso-it:read;elsewhere=other-tenant:read}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SingleSignOnSpec extends ConsoleTest {

    private static final String ISSUER = "herald-it";

    private MockOAuth2Server provider;
    private Api.Tenant ssoTenant;

    @BeforeAll
    void startTheProviderAndTheMappedTenant() {
        provider = new MockOAuth2Server();
        provider.start(Integer.getInteger("herald.it.oidc.port"));
        var created = Api.admin()
                .body("{\"name\":\"sso-it\"}")
                .post("tenants")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        ssoTenant = new Api.Tenant(created.getString("id"), "sso-it", created.getString("token"));
    }

    @AfterAll
    void stopTheProvider() {
        provider.shutdown();
    }

    /** The next sign-in at the provider is this person, in these groups. */
    private void nextPerson(String username, List<String> groups) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(
                ISSUER,
                username + "-subject",
                "JWT",
                List.of("herald-console"),
                Map.of("preferred_username", username, "groups", groups),
                3600));
    }

    /**
     * The mechanism keeps its state and nonce in {@code Secure} cookies (see
     * SingleSignOnMechanism), which a browser keeps over plain http only for localhost: so
     * these tests reach the server as localhost, as a production one is reached over https.
     */
    private void open(String path) {
        browser.driver()
                .get(URI.create("http://localhost:" + HeraldServer.base().getPort() + "/")
                        .resolve(path)
                        .toString());
    }

    private void signInBySingleSignOn() {
        open("console/sign-in.xhtml");
        element("sso").click();
    }

    @Test
    void aPersonInAMappedGroupWorksInItsTenantWithItsScopesUnderTheirOwnName() {
        String bot = ssoTenant
                .api()
                .body("{\"actor\":\"release-bot\",\"scopes\":[\"govern\"]}")
                .post("tenants/" + ssoTenant.id() + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        String release = Api.as(bot)
                .body("{\"productId\":\"sso-shop\",\"version\":\"1.0.0\",\"channel\":\"stable\"}")
                .post("releases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String approval = Api.as(bot)
                .body("{\"releaseId\":\"" + release + "\"}")
                .post("approvals")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        nextPerson("alice", List.of("sso-approvers", "not-mapped"));
        signInBySingleSignOn();
        waitForText(By.id("actor"), "alice");
        assertEquals("govern, read", text("scopes"));
        // Her tenant has had no attempts: no rate or latency to speak of, rather than "100 %".
        assertEquals("—", text("successRate"));
        assertEquals("—", text("p95"));
        assertTrue(browser.driver().findElements(By.id("nav-administration")).isEmpty(), "no admin scope, no link");
        browser.screenshot("sso-signed-in");

        // What she does is hers: the approval names her, and the audit trail has her sign-in and decision.
        open("console/approval.xhtml?id=" + approval);
        waitFor(By.id("decide:comment"));
        element("decide:comment").sendKeys("geprüft ✓ by sso");
        element("decide:approve").click();
        waitForText(By.id("status"), "approved");
        assertEquals("alice", text("decidedBy"));
        ssoTenant
                .api()
                .get("approvals/" + approval)
                .then()
                .statusCode(200)
                .body("decidedBy", equalTo("alice"))
                .body("comment", equalTo("geprüft ✓ by sso"));
        JsonPath trail = ssoTenant
                .api()
                .queryParam("actor", "alice")
                .get("audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                List.of("/console/approvals/" + approval + "/approve", "/console/sign-in"),
                trail.getList("items.path"),
                trail.prettify());
        assertEquals(List.of("sso", "sso"), trail.getList("items.tokenId"));

        // Signing out ends it; the next page asks again.
        element("signOut:go").click();
        waitFor(By.id("signIn:token"));
        open("console/overview.xhtml");
        waitFor(By.id("signIn:token"));
    }

    @Test
    void aPersonWhoseGroupsGrantNothingOrTwoTenantsIsTurnedAwayWithTheReason() {
        nextPerson("mallory", List.of("not-mapped"));
        signInBySingleSignOn();
        waitForText(By.id("ssoRefused"), "none of your groups is mapped");
        browser.screenshot("sso-refused");
        open("console/overview.xhtml");
        waitFor(By.id("signIn:token"));

        nextPerson("dave", List.of("sso-readers", "elsewhere"));
        signInBySingleSignOn();
        waitForText(By.id("ssoRefused"), "more than one tenant");

        // A name the trail cannot keep as an actor is refused rather than failing every write.
        nextPerson("Eve O'Brien", List.of("sso-readers"));
        signInBySingleSignOn();
        waitForText(By.id("ssoRefused"), "cannot name a Herald actor");

        // Groups mapped to a tenant that does not exist.
        nextPerson("frank", List.of("elsewhere"));
        signInBySingleSignOn();
        waitForText(By.id("ssoRefused"), "tenant that does not exist");

        // Dave's groups do grant sso-it, yet he was refused: its trail holds no sign-in of his.
        ssoTenant
                .api()
                .queryParam("actor", "mallory")
                .get("audit")
                .then()
                .statusCode(200)
                .body("items", empty());
        ssoTenant
                .api()
                .queryParam("actor", "dave")
                .get("audit")
                .then()
                .statusCode(200)
                .body("items", empty());
    }

    @Test
    void aReaderSeesButCannotChange() {
        nextPerson("rita", List.of("sso-readers"));
        signInBySingleSignOn();
        waitForText(By.id("actor"), "rita");
        assertEquals("read", text("scopes"));
        open("console/subscription-form.xhtml");
        waitFor(By.id("notAllowed"));
        assertTrue(browser.driver().findElements(By.id("form")).isEmpty(), "no form for a reader");
    }
}
