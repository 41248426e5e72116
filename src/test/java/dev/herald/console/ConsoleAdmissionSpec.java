package dev.herald.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.HeldUpload;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tenant's console pages in progress take at most the tenant's calls-at-once of an instance's
 * request threads, apart from its API calls: one page more is refused at once, and other
 * tenants' pages and the tenant's own API calls are served meanwhile. Sign-in pages, nobody's
 * yet, share one such line. The pages are held in progress for real: forms whose bodies are
 * still arriving, on their own sockets.
 */
public abstract class ConsoleAdmissionSpec {

    /** The suite's {@code herald.calls-at-once-per-tenant}: the default. */
    private static final int PAGES_AT_ONCE = 8;

    private static final String OVERVIEW = "console/overview.xhtml";
    private static final String SIGN_IN = "console/sign-in.xhtml";

    @Test
    void aTenantsConsolePagesInProgressAreBoundedAndHoldUpNoOtherTenantsPagesNorTheTenantsApiCalls() throws Exception {
        Api.Tenant busy = Api.newTenant();
        Api.Tenant other = Api.newTenant();
        ConsoleOverHttp busyConsole = ConsoleOverHttp.signedIn(busy.token());
        ConsoleOverHttp otherConsole = ConsoleOverHttp.signedIn(other.token());
        List<HeldUpload> held = new ArrayList<>();
        try {
            for (int i = 0; i < PAGES_AT_ONCE; i++) {
                held.add(HeldUpload.consoleForm(busyConsole.cookieHeader(), OVERVIEW, 8 * 1024));
            }
            // The held forms reach the guard on the server's own time: the next page is refused
            // once all of them are in progress.
            HttpResponse<String> refused = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> busyConsole.get(OVERVIEW), answer -> answer.statusCode() == 429);
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
            assertTrue(
                    refused.body().contains("This tenant already has " + PAGES_AT_ONCE + " console pages loading"),
                    refused.body());

            HttpResponse<String> othersPage = otherConsole.get(OVERVIEW);
            assertEquals(200, othersPage.statusCode());
            assertTrue(othersPage.body().contains("id=\"signOut\""), ConsoleOverHttp.abbreviated(othersPage.body()));
            busy.api().get("events").then().statusCode(200);

            for (HeldUpload upload : held) {
                // A form without its view state, refused by the guard once read: it was the guard's to hold.
                assertEquals(403, upload.finish());
            }
        } finally {
            for (HeldUpload upload : held) {
                upload.close();
            }
        }
        HttpResponse<String> afterwards = busyConsole.get(OVERVIEW);
        assertEquals(200, afterwards.statusCode(), ConsoleOverHttp.abbreviated(afterwards.body()));
    }

    @Test
    void signInPagesInProgressAreBoundedAndHoldUpNeitherSignedInPagesNorTheApi() throws Exception {
        Api.Tenant tenant = Api.newTenant();
        ConsoleOverHttp console = ConsoleOverHttp.signedIn(tenant.token());
        List<HeldUpload> held = new ArrayList<>();
        try {
            for (int i = 0; i < PAGES_AT_ONCE; i++) {
                held.add(HeldUpload.signInForm(8 * 1024));
            }
            HttpResponse<String> refused = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> new ConsoleOverHttp().get(SIGN_IN), answer -> answer.statusCode() == 429);
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
            assertTrue(
                    refused.body().contains("Herald already has " + PAGES_AT_ONCE + " sign-in pages loading"),
                    refused.body());

            assertEquals(200, console.get(OVERVIEW).statusCode());
            tenant.api().get("events").then().statusCode(200);

            for (HeldUpload upload : held) {
                assertEquals(403, upload.finish());
            }
        } finally {
            for (HeldUpload upload : held) {
                upload.close();
            }
        }
        assertEquals(200, new ConsoleOverHttp().get(SIGN_IN).statusCode());
    }
}
