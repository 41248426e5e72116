package dev.herald.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.HeraldServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console over plain HTTP, as a browser without scripts uses it: a client that keeps the
 * session cookie, signed in through the sign-in form. For checks of the server's answers, not
 * of the rendering (those drive Chromium).
 */
final class ConsoleOverHttp {

    private static final Pattern VIEW_STATE =
            Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    /** HTTP/1.1, as browsers speak plain HTTP (Java's client would offer an upgrade to HTTP/2). */
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** A browser without a session yet: {@link #signedIn} signs one in. */
    ConsoleOverHttp() {}

    /** A new session signed in with {@code token}. */
    static ConsoleOverHttp signedIn(String token) throws IOException, InterruptedException {
        ConsoleOverHttp console = new ConsoleOverHttp();
        HttpResponse<String> signedIn = console.signIn(token);
        assertTrue(signedIn.body().contains("id=\"signOut\""), "signed in: " + abbreviated(signedIn.body()));
        return console;
    }

    /** Loads the sign-in page and sends its form with {@code token}: the page the answer leads to. */
    HttpResponse<String> signIn(String token) throws IOException, InterruptedException {
        String form = "signIn=signIn&signIn%3Atoken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&signIn%3Ago=&jakarta.faces.ViewState="
                + URLEncoder.encode(viewState(get("console/sign-in.xhtml").body()), StandardCharsets.UTF_8);
        return client.send(
                HttpRequest.newBuilder(page("console/sign-in.xhtml"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The view state of the form on a page (the sign-in form's is {@code stateless}). */
    static String viewState(String page) {
        Matcher viewState = VIEW_STATE.matcher(page);
        assertTrue(viewState.find(), "the form has its view state");
        return viewState.group(1);
    }

    /** Whether the server gave this client any cookie (a session's). */
    boolean holdsACookie() {
        return !cookies.getCookieStore().getCookies().isEmpty();
    }

    /** GETs a path below the server's base (such as {@code console/overview.xhtml}) in this session. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(page(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a form (its fields already encoded) to a path below the server's base, in this session. */
    HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(page(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The Cookie header this client sends with a page, for a request made outside it: every
     * cookie it holds, as it would send them (after signing in it may hold more than one
     * session cookie, the one from before sign-in changed the session's id among them).
     */
    String cookieHeader() throws IOException {
        List<String> header =
                cookies.get(page("console/overview.xhtml"), Map.of()).getOrDefault("Cookie", List.of());
        assertTrue(!header.isEmpty(), "the client holds a session cookie");
        return String.join("; ", header);
    }

    static String abbreviated(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static URI page(String path) {
        return HeraldServer.base().resolve(path);
    }
}
