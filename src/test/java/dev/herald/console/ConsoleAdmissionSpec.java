package dev.herald.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.it.Api;
import dev.herald.it.HeldUpload;
import dev.herald.it.HeraldServer;
import dev.herald.it.TableLock;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A tenant's console pages in progress take at most the tenant's calls-at-once of an instance's
 * request threads, apart from its API calls: one page more is refused at once, and other
 * tenants' pages and the tenant's own API calls are served meanwhile. Sign-in pages, nobody's
 * yet, share one such line. Of a tenant's pages, two are rendered at once. The pages are held in
 * progress for real: forms whose bodies are still arriving, on their own sockets, or pages whose
 * table is locked.
 */
public abstract class ConsoleAdmissionSpec {

    /** The suite's {@code herald.calls-at-once-per-tenant}: the default. */
    private static final int PAGES_AT_ONCE = 8;

    /** The suite's {@code herald.reads-at-once-per-tenant}: the default. */
    private static final int RENDERED_AT_ONCE = 2;

    /** The suite's {@code herald.console.sessions-per-tenant}: the default. */
    private static final int SESSIONS_PER_TENANT = 32;

    private static final String OVERVIEW = "console/overview.xhtml";
    /** A page of the tenant's components: no timer reads their table, which the test locks. */
    private static final String COMPONENTS = "console/components.xhtml";

    private static final String SIGN_IN = "console/sign-in.xhtml";

    /**
     * Each visit without a cookie used to leave a session on the instance, the sign-in form's
     * view state in it, for 30 idle minutes: anyone's flood of them filled the heap.
     */
    @Test
    void nobodyHoldsASessionBeforeSigningIn() throws Exception {
        for (int i = 0; i < 50; i++) {
            ConsoleOverHttp visitor = new ConsoleOverHttp();
            assertEquals(200, visitor.get(SIGN_IN).statusCode());
            HttpResponse<String> overview = visitor.get(OVERVIEW);
            assertTrue(overview.uri().getPath().endsWith(SIGN_IN), "sent to sign in: " + overview.uri());
            assertFalse(visitor.holdsACookie(), "a session for visit " + i);
        }
        ConsoleOverHttp wrongToken = new ConsoleOverHttp();
        HttpResponse<String> refused = wrongToken.signIn("hrld_" + "x".repeat(40));
        assertEquals(200, refused.statusCode());
        assertTrue(refused.body().contains("This token is not valid."), ConsoleOverHttp.abbreviated(refused.body()));
        assertFalse(wrongToken.holdsACookie(), "a session for a wrong token");

        ConsoleOverHttp signedIn = ConsoleOverHttp.signedIn(Api.newTenant().token());
        assertTrue(signedIn.holdsACookie());
        assertEquals(200, signedIn.get(OVERVIEW).statusCode());
    }

    /**
     * Each session keeps its last pages' state: a script signing in over and over with one
     * tenant's token kept a session for each, and 1,800 of them filled the README's heap. One
     * more than {@code herald.console.sessions-per-tenant} ends the tenant's session that began
     * longest ago; other tenants' sessions and the rest of its own stay signed in.
     */
    @Test
    void signingInOnceMoreThanATenantsSessionsEndsItsOldestAndNoOtherTenants() throws Exception {
        Api.Tenant busy = Api.newTenant();
        ConsoleOverHttp other = ConsoleOverHttp.signedIn(Api.newTenant().token());
        List<ConsoleOverHttp> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS_PER_TENANT + 1; i++) {
            sessions.add(ConsoleOverHttp.signedIn(busy.token()));
        }
        assertSignedOut(sessions.get(0));
        for (ConsoleOverHttp kept : List.of(sessions.get(1), sessions.get(SESSIONS_PER_TENANT))) {
            assertTrue(kept.get(OVERVIEW).body().contains("id=\"signOut\""), "still signed in");
        }
        assertTrue(other.get(OVERVIEW).body().contains("id=\"signOut\""), "another tenant's session is kept");
        // Signing in again in a session keeps one place, not two: the next one ends the second.
        sessions.get(SESSIONS_PER_TENANT).signIn(busy.token());
        ConsoleOverHttp.signedIn(busy.token());
        assertSignedOut(sessions.get(1));
        assertTrue(sessions.get(2).get(OVERVIEW).body().contains("id=\"signOut\""), "the third is kept");
    }

    private static void assertSignedOut(ConsoleOverHttp session) throws IOException, InterruptedException {
        HttpResponse<String> overview = session.get(OVERVIEW);
        assertTrue(overview.uri().getPath().endsWith(SIGN_IN), "sent to sign in again: " + overview.uri());
    }

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
            refusedOnceAllAreInProgress(
                    () -> busyConsole.get(OVERVIEW),
                    "This tenant already has " + PAGES_AT_ONCE + " console pages loading");

            HttpResponse<String> othersPage = otherConsole.get(OVERVIEW);
            assertEquals(200, othersPage.statusCode());
            assertTrue(othersPage.body().contains("id=\"signOut\""), ConsoleOverHttp.abbreviated(othersPage.body()));
            busy.api().get("events").then().statusCode(200);

            finishRefusedByTheGuard(held);
        } finally {
            close(held);
        }
        HttpResponse<String> afterwards = busyConsole.get(OVERVIEW);
        assertEquals(200, afterwards.statusCode(), ConsoleOverHttp.abbreviated(afterwards.body()));
    }

    /**
     * A console page lists the tenant's history, which may be long: of a tenant's pages, two are
     * rendered at once and the next wait their turn. Two are held for real by a lock on the table
     * they read.
     */
    @Test
    void aTenantsPagesAreRenderedTwoAtOnceAndTheNextWaitsItsTurnWhileOthersAreServed() throws Exception {
        assumeTrue(HeraldServer.onPostgres(), "the test holds a table lock in PostgreSQL");
        Api.Tenant busy = Api.newTenant();
        Api.Tenant other = Api.newTenant();
        ConsoleOverHttp busyConsole = ConsoleOverHttp.signedIn(busy.token());
        ConsoleOverHttp otherConsole = ConsoleOverHttp.signedIn(other.token());
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        CompletableFuture<HttpResponse<String>> next;
        try (TableLock components = TableLock.on("components")) {
            for (int i = 0; i < RENDERED_AT_ONCE; i++) {
                held.add(load(busyConsole, COMPONENTS));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> components.waiting() == RENDERED_AT_ONCE);
            next = load(busyConsole, OVERVIEW);

            assertEquals(200, otherConsole.get(OVERVIEW).statusCode());
            busy.api().get("events").then().statusCode(200);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());
        }
        for (CompletableFuture<HttpResponse<String>> page : held) {
            assertEquals(200, page.get(30, TimeUnit.SECONDS).statusCode());
        }
        HttpResponse<String> overview = next.get(30, TimeUnit.SECONDS);
        assertEquals(200, overview.statusCode());
        assertTrue(overview.body().contains("id=\"signOut\""), ConsoleOverHttp.abbreviated(overview.body()));
    }

    private static CompletableFuture<HttpResponse<String>> load(ConsoleOverHttp console, String page) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return console.get(page);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
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
            refusedOnceAllAreInProgress(
                    () -> new ConsoleOverHttp().get(SIGN_IN),
                    "Herald already has " + PAGES_AT_ONCE + " sign-in pages loading");

            assertEquals(200, console.get(OVERVIEW).statusCode());
            tenant.api().get("events").then().statusCode(200);

            finishRefusedByTheGuard(held);
        } finally {
            close(held);
        }
        assertEquals(200, new ConsoleOverHttp().get(SIGN_IN).statusCode());
    }

    /**
     * The held forms reach the guard on the server's own time: the next page is refused once all
     * of them are in progress, at once, with Retry-After and a sentence saying whose pages they are.
     */
    private static void refusedOnceAllAreInProgress(Callable<HttpResponse<String>> page, String sentence) {
        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(page, answer -> answer.statusCode() == 429);
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
        assertTrue(refused.body().contains(sentence), refused.body());
    }

    /** Each form, once read, lacks its view state and is refused by the guard: it was the guard's to hold. */
    private static void finishRefusedByTheGuard(List<HeldUpload> held) throws IOException {
        for (HeldUpload upload : held) {
            assertEquals(403, upload.finish());
        }
    }

    private static void close(List<HeldUpload> held) throws IOException {
        for (HeldUpload upload : held) {
            upload.close();
        }
    }
}
