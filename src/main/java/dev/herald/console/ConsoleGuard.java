package dev.herald.console;

import dev.herald.access.control.AccessSettings;
import dev.herald.access.control.Authenticator;
import dev.herald.platform.CallsAtOnce;
import dev.herald.platform.NulCharacterFilter;
import dev.herald.platform.PublicUrl;
import dev.herald.platform.Times;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The console's door. Every page but sign-in needs a signed-in session whose token is still
 * valid (looked up on every request, so a revoked or expired token ends the session at its
 * next request). A POST must come from the console's own origin and carry the form's view
 * state, the per-session secret Faces writes into each form: a forged POST from another site
 * has neither, and is refused before anything runs.
 *
 * <p>A tenant's signed-in pages run at most {@code herald.calls-at-once-per-tenant} at once on
 * an instance, apart from its API calls ({@code CallAdmission}); one more is refused at once
 * (429, {@code Retry-After: 1}) rather than waiting on a thread. A page holds a request thread
 * from here until it is written, reading its form on the way: without the bound one tenant's
 * script, or forms sent slowly, could hold all 64 of an instance's request threads, and every
 * tenant's API calls and pages would wait for them. A person's browser loads one page at a time
 * a tab (its scripts and styles are not pages). The sign-in page is nobody's yet: its calls share
 * one line of that size, so a flood of them costs sign-ins, not the API or signed-in pages. Of a
 * tenant's pages in progress, two are rendered at once ({@code herald.reads-at-once-per-tenant},
 * as its API reads, apart from them): a page lists the tenant's history, which may be long, and
 * the others wait their turn on the threads they already hold.
 *
 * <p>Nobody gets a session before a token or single sign-on is accepted: the sign-in page is
 * stateless, and no other page makes one. Each visit without a cookie made one, with the sign-in
 * form's view state in it, kept for 30 idle minutes: anyone's cookie-less flood filled the heap.
 * The sign-in form is guarded by its origin; its view state names no session.
 */
@WebFilter(urlPatterns = {"/console", "/console/*"})
public class ConsoleGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String VIEW_STATE = "jakarta.faces.ViewState";
    /** The line of the pages before signing in (sign-in, single sign-on's entry): nobody's yet, everyone's. */
    private static final String SIGNING_IN = "signing in";

    private static final String PLATFORM_ADMIN = "platform admin";

    /**
     * The largest console form taken, in bytes: the largest form (a subscription's 20 headers of
     * 4,096 characters, its filters) fills a quarter of it even where every character is one that
     * URL-encoding writes in nine bytes.
     */
    static final int MAX_FORM_BYTES = 1024 * 1024;

    @Inject
    ConsoleSession session;

    @Inject
    Authenticator authenticator;

    @Inject
    PublicUrl publicUrl;

    @Inject
    ConsoleSettings settings;

    @Inject
    AccessSettings accessSettings;

    /** Pages of each tenant, of the platform admin, and of those signing in, in progress; none wait. */
    private transient CallsAtOnce<Void> pagesAtOnce;

    /**
     * Signed-in pages being rendered, of each tenant and of the platform admin; the next wait for
     * their turn. All that wait hold a place in {@link #pagesAtOnce}, which bounds them.
     */
    private transient CallsAtOnce<CompletableFuture<Void>> rendering;

    @Override
    public void init() {
        pagesAtOnce = new CallsAtOnce<>(accessSettings.callsAtOncePerTenant(), 0, 0);
        rendering = new CallsAtOnce<>(
                accessSettings.readsAtOncePerTenant(), accessSettings.callsAtOncePerTenant(), Integer.MAX_VALUE);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if (path.equals("/console") || path.equals("/console/")) {
            response.sendRedirect(request.getContextPath() + ConsolePaths.HOME);
            return;
        }
        HttpSession existing = request.getSession(false);
        if (existing != null && existing.isNew()) {
            ConsoleCookies.writeSessionCookie(request, response); // begun by single sign-on's mechanism
        }
        if (path.equals(ConsolePaths.SIGN_IN) || singleSignOnEntry(path)) {
            admitThenServe(SIGNING_IN, request, response, chain);
            return;
        }
        // Asked of the session only when there is one: asking makes one.
        if (existing == null || !signedInWithAValidToken(request)) {
            response.sendRedirect(request.getContextPath() + ConsolePaths.SIGN_IN);
            return;
        }
        admitThenServe(
                session.isPlatformAdmin() ? PLATFORM_ADMIN : "tenant " + session.getTenantId(),
                request,
                response,
                chain);
    }

    private void admitThenServe(
            String line, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (pagesAtOnce.enter(line, () -> null) == CallsAtOnce.Entry.FULL) {
            refuse(line, response);
            return;
        }
        try {
            if (refused(request, response)) {
                return;
            }
            if (line.equals(SIGNING_IN)) {
                chain.doFilter(request, response);
            } else {
                renderInTurn(line, request, response, chain);
            }
        } catch (ServletException e) {
            if (!ExpiredForm.answered(e, request, response)) {
                throw e;
            }
        } finally {
            pagesAtOnce.leave(line);
        }
    }

    /**
     * Serves a signed-in page once one of its line's rendering places is free, waiting on its
     * thread. Taken after the checks, which read a form's body: a body still arriving holds no
     * place of the pages being rendered.
     */
    private void renderInTurn(String line, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CompletableFuture<Void> turn = new CompletableFuture<>();
        switch (rendering.enter(line, () -> turn)) {
            case RUN -> {}
            case WAITING -> turn.join(); // completed by the page whose place it takes
            case FULL -> throw new IllegalStateException("More pages of " + line + " than pagesAtOnce lets in");
        }
        try {
            chain.doFilter(request, response);
        } finally {
            CompletableFuture<Void> next = rendering.leave(line);
            if (next != null) {
                next.complete(null);
            }
        }
    }

    /**
     * Refuses what no console page may take (NUL, a form in a link, a form from elsewhere or
     * without its view state): whether it did.
     */
    private boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("POST".equals(request.getMethod()) && !withinFormLimit(request)) {
            answerWithPage(
                    response,
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "too large",
                    "A console form holds at most " + MAX_FORM_BYTES / 1024 + " KiB, with its length declared."
                            + " Go back, shorten what you entered and send it again.");
            return true;
        }
        if (holdsNul(request)) {
            response.sendError(
                    HttpServletResponse.SC_BAD_REQUEST, "A parameter holds the NUL character (%00): remove it");
            return true;
        }
        if (!"POST".equals(request.getMethod()) && request.getParameter(VIEW_STATE) != null) {
            // Faces takes any request with a view state for a form sent, whatever its method: a link
            // to the sign-in page carrying someone's token would sign whoever follows it in as them.
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "A console form is sent by POST, not in a link");
            return true;
        }
        if ("POST".equals(request.getMethod()) && !sameOrigin(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "A console form must be sent from the console");
            return true;
        }
        if ("POST".equals(request.getMethod()) && request.getParameter(VIEW_STATE) == null) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "A console form must carry its view state");
            return true;
        }
        return false;
    }

    private void refuse(String line, HttpServletResponse response) throws IOException {
        int atOnce = accessSettings.callsAtOncePerTenant();
        String whose = switch (line) {
            case SIGNING_IN -> "Herald already has " + atOnce + " sign-in pages";
            case PLATFORM_ADMIN -> "The platform admin already has " + atOnce + " console pages";
            default -> "This tenant already has " + atOnce + " console pages";
        };
        response.setHeader("Retry-After", "1");
        answerWithPage(response, 429, "busy", whose + " loading on this instance. Load this page again in a moment.");
    }

    /** A page of one sentence, answered by the guard itself (the container's error page speaks JSON). */
    private static void answerWithPage(HttpServletResponse response, int status, String title, String sentence)
            throws IOException {
        byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Herald: " + title
                        + "</title></head><body><p>" + sentence + "</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    /**
     * Whether a form declares a length the console takes, before any of it is read: the container
     * reads forms of up to 2 MiB into memory, and a page keeps what was entered (25 pages a
     * session), so the sign-in form, which anyone may send, cost a few MiB each while parsed, and a
     * signed-in person's pages held tens of MiB.
     */
    private static boolean withinFormLimit(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return length >= 0 && length <= MAX_FORM_BYTES;
    }

    /**
     * NUL in a parameter of a link or a form: pages pass them on to queries and services, and
     * PostgreSQL text cannot hold NUL (a server error there); the API refuses it with the same test.
     */
    private static boolean holdsNul(HttpServletRequest request) {
        return request.getParameterMap().entrySet().stream()
                .anyMatch(parameter -> NulCharacterFilter.holdsNul(parameter.getKey(), List.of(parameter.getValue())));
    }

    /** Single sign-on's entry, which the container guards, when it is on; off, it is a page like any other. */
    private boolean singleSignOnEntry(String path) {
        return path.equals(ConsolePaths.SINGLE_SIGN_ON) && settings.isSingleSignOnEnabled();
    }

    private boolean signedInWithAValidToken(HttpServletRequest request) {
        if (!session.isSignedIn()) {
            return false;
        }
        if (session.isSingleSignOn()) {
            if (Times.now().isBefore(session.endsAt())) {
                return true;
            }
        } else if (authenticator.current(session.getTokenId()) instanceof Authenticator.Valid valid) {
            session.refresh(valid.who());
            return true;
        }
        request.getSession().invalidate();
        return false;
    }

    /**
     * The Origin a browser sends with every POST names the page's site. It must be this
     * server as the browser reached it, or its public URL (behind a proxy the two differ).
     */
    private boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true; // not a browser's cross-site form: the view state still has to match
        }
        URI base = publicUrl.base();
        String publicOrigin = base.getScheme() + "://" + base.getAuthority();
        String reached = request.getScheme() + "://" + request.getHeader("Host");
        return origin.equals(publicOrigin) || origin.equals(reached);
    }
}
