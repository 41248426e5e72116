package dev.herald.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Console forms that Faces would take for sent although no page of this session sent them: a
 * form carried in a link (its view state in the query), and a form from a page the session no
 * longer holds. Over plain HTTP, as the server answers them.
 */
public abstract class ConsoleFormsSpec {

    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant();
    }

    /**
     * A link that fills in the sign-in form and sends it: Faces ran any request with a view state
     * as a form sent, GET included, and the sign-in form's view state is public ("stateless"), so
     * anyone's page could sign whoever followed the link in as the link's author (login CSRF).
     */
    /**
     * A form larger than any console form is refused before it is read, on the sign-in page
     * (which anyone may send to) and signed in alike; the session goes on. The container read
     * forms of up to 2 MiB into memory, and a page kept what was entered.
     */
    @Test
    void aFormLargerThanAnyConsoleFormIsRefusedBeforeItIsRead() throws Exception {
        String padding = "x".repeat(ConsoleGuard.MAX_FORM_BYTES);
        ConsoleOverHttp stranger = new ConsoleOverHttp();
        HttpResponse<String> signIn = stranger.post(
                "console/sign-in.xhtml",
                "signIn=signIn&signIn%3Atoken=" + padding + "&signIn%3Ago=&jakarta.faces.ViewState=stateless");
        assertEquals(413, signIn.statusCode(), ConsoleOverHttp.abbreviated(signIn.body()));
        assertTrue(
                signIn.body().contains("at most " + ConsoleGuard.MAX_FORM_BYTES / 1024 + " KiB"),
                ConsoleOverHttp.abbreviated(signIn.body()));
        assertFalse(stranger.holdsACookie(), "no session");

        ConsoleOverHttp person = ConsoleOverHttp.signedIn(tenant.token());
        String page = person.get("console/subscription-form.xhtml").body();
        HttpResponse<String> large = person.post(
                "console/subscription-form.xhtml",
                "form=form&form%3Aname=" + padding + "&jakarta.faces.ViewState="
                        + URLEncoder.encode(ConsoleOverHttp.viewState(page), StandardCharsets.UTF_8));
        assertEquals(413, large.statusCode(), ConsoleOverHttp.abbreviated(large.body()));
        assertTrue(person.get("console/overview.xhtml").body().contains("id=\"signOut\""), "still signed in");
        assertEquals(
                0,
                Api.as(tenant.token())
                        .get("webhooks")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Integer>path("total"));
    }

    @Test
    void aSignInCarriedByALinkIsRefusedAndSignsNobodyIn() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String link = "console/sign-in.xhtml?jakarta.faces.ViewState=stateless&signIn=signIn&signIn%3Atoken="
                + URLEncoder.encode(tenant.token(), StandardCharsets.UTF_8) + "&signIn%3Ago=";
        HttpResponse<String> followed = client.send(
                HttpRequest.newBuilder(HeraldServer.base().resolve(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, followed.statusCode(), ConsoleOverHttp.abbreviated(followed.body()));
        assertTrue(followed.headers().allValues("Set-Cookie").isEmpty(), "no session: " + followed.headers());
        HttpResponse<String> made = client.send(
                HttpRequest.newBuilder(HeraldServer.base().resolve("console/sign-in.xhtml?jakarta.faces.ViewState=x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, made.statusCode(), "an unknown view state in a link: " + made.statusCode());
    }

    /**
     * A form from a page the session no longer holds (signed in again in another tab, or too many
     * pages opened since), or sent with the sign-in form's view state: {@code 409} telling the
     * person to load the page again, nothing done, still signed in. It was a 500.
     */
    @Test
    void aFormFromAPageTheSessionNoLongerHoldsIs409AndDoesNothing() throws Exception {
        ConsoleOverHttp console = ConsoleOverHttp.signedIn(tenant.token());
        for (String viewState : new String[] {"1:2", "stateless", "-4711:0"}) {
            HttpResponse<String> sent = console.post(
                    "console/overview.xhtml",
                    "signOut=signOut&signOut%3Ago=&jakarta.faces.ViewState="
                            + URLEncoder.encode(viewState, StandardCharsets.UTF_8));
            assertEquals(409, sent.statusCode(), viewState + ": " + ConsoleOverHttp.abbreviated(sent.body()));
            assertTrue(sent.body().contains("Load the page again"), ConsoleOverHttp.abbreviated(sent.body()));
        }
        HttpResponse<String> overview = console.get("console/overview.xhtml");
        assertEquals(200, overview.statusCode());
        assertTrue(overview.body().contains("id=\"signOut\""), "still signed in");
        assertFalse(console.get("console/overview.xhtml?jakarta.faces.ViewState=1:2")
                        .statusCode()
                < 400);
    }
}
