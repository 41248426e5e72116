package dev.herald.access.boundary;

import dev.herald.access.control.AccessSettings;
import dev.herald.access.control.Authenticator;
import dev.herald.access.control.RequestBodyRoom;
import dev.herald.platform.CallsAtOnce;
import dev.herald.problems.Problem;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Each tenant's calls take at most {@code herald.calls-at-once-per-tenant} of an instance's
 * request threads at once; its further calls wait in line without a thread (an async servlet
 * request) and run, in order, as its earlier ones end. Without it one tenant's thousand calls
 * to something that waits on that tenant alone (its hash chain's head, its audit trail's lane, a
 * database connection its other calls hold) took every request thread and every connection,
 * and other tenants' calls waited seconds for them. A tenant may have 1,024 calls waiting on an
 * instance (3,072 for all tenants together); beyond that a call is refused 429 at once.
 *
 * <p>The caller is known here by its bearer token ({@link AccessFilter} takes the outcome from
 * the request, unless the call waited for its turn: then it checks the token again). A call to an {@link OpenPath} that names a tenant's (an inbound
 * webhook to its integration, a validation link a subscription waits for) waits in a line of
 * that tenant's for that path, beside the tenant's own: a sender's burst, or anyone's who knows
 * the URL, holds up that tenant's calls to that path and no other's, and not the tenant's API
 * calls. Other calls without a valid token (wrong tokens, unknown integrations and links) share
 * one line. These lines, which anyone may fill, hold 256 calls each and 1,024 together, apart
 * from the tenants' places.
 *
 * <p>A tenant's reads ({@code GET} and {@code HEAD}) run in a line of their own, at most
 * {@code herald.reads-at-once-per-tenant} at once (two), beside its other calls. Nothing holds a
 * tenant's reads back as its chain head holds its writes, and what a read costs grows with the
 * tenant's history (a filter no index serves, a count, a far page, a verification or an export):
 * one tenant's eight reads at once over a million events kept both cores busy, and another
 * tenant's publishes took three times as long. A tenant may have 256 reads waiting (all tenants
 * 1,024), apart from its other calls' places.
 */
@WebFilter(
        urlPatterns = "/api/*",
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class CallAdmission extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The request attribute holding the {@link CheckedToken}. */
    static final String CHECKED = CallAdmission.class.getName() + ".checked";

    /**
     * The request attribute holding, for a call to an open path of a tenant's, the
     * {@link RequestBodyRoom.Holder} whose share its body takes ({@link RequestBodyGate}).
     */
    static final String OPEN_PATH_HOLDER = CallAdmission.class.getName() + ".openPathHolder";

    /** The request attribute naming the line of a call let in after waiting. */
    private static final String LET_IN = CallAdmission.class.getName() + ".letIn";

    static final int WAITING_PER_TENANT = 1024;
    static final int WAITING_OF_TENANTS = 3 * WAITING_PER_TENANT;
    /**
     * Calls no valid token names the caller of (an open path's, or none's) wait apart from the
     * tenants' calls, in 1,024 places of their own: anyone may send them, and a flood to a few
     * integrations' URLs filled the places every tenant's calls wait in.
     */
    static final int WAITING_PER_OPEN_LINE = 256;

    static final int WAITING_OF_OPEN_LINES = 4 * WAITING_PER_OPEN_LINE;

    /** A tenant's reads beyond those running: more gain nothing, as they run a few at a time. */
    static final int WAITING_READS_PER_TENANT = 256;

    static final int WAITING_READS_OF_TENANTS = 4 * WAITING_READS_PER_TENANT;

    private static final String API = "/api/v1/";
    private static final String UNAUTHENTICATED = "unauthenticated";
    private static final String PLATFORM_ADMIN = "platform admin";
    /** What a tenant's own line is named by, before its id; no open line's name starts so. */
    private static final String TENANT = "tenant ";
    /** What the line of a caller's reads is named by, before the caller's line; no other line's name starts so. */
    private static final String READS_OF = "reads of ";

    @Inject
    transient Authenticator authenticator;

    @Inject
    transient AccessSettings settings;

    @Inject
    transient Instance<OpenPath> openPaths;

    @Inject
    transient Instance<RequestContextController> requestScopes;

    /** The container's default, {@code java:comp/DefaultManagedThreadFactory}. */
    @Resource
    transient ManagedThreadFactory threadFactory;

    private transient CallsAtOnce<AsyncContext> tenantsCalls;
    private transient CallsAtOnce<AsyncContext> tenantsReads;
    private transient CallsAtOnce<AsyncContext> openCalls;
    private transient List<OpenPath> open;

    /**
     * The one thread that dispatches calls let in ({@link #letInNext}), never a container thread.
     * Payara keeps part of an async dispatch's state in thread-locals of the thread that calls
     * {@code dispatch()} and reads them again on its own pool threads. Dispatched from those
     * threads (a let-in call ending and letting in the next), a publish already suspended was
     * once dispatched again, without its place, and answered 500 (one benchmark run of six, in a
     * flood of 1,000 open publishes; the server log in docs/benchmarks.md, 2026-12-05, night).
     */
    private transient ExecutorService dispatcher;

    @Override
    public void init() {
        tenantsCalls = new CallsAtOnce<>(settings.callsAtOncePerTenant(), WAITING_PER_TENANT, WAITING_OF_TENANTS);
        tenantsReads =
                new CallsAtOnce<>(settings.readsAtOncePerTenant(), WAITING_READS_PER_TENANT, WAITING_READS_OF_TENANTS);
        openCalls = new CallsAtOnce<>(settings.callsAtOncePerTenant(), WAITING_PER_OPEN_LINE, WAITING_OF_OPEN_LINES);
        open = openPaths.stream().toList();
        dispatcher = Executors.newSingleThreadExecutor(work -> {
            Thread thread = threadFactory.newThread(work);
            thread.setName("herald-call-admission");
            return thread;
        });
    }

    @Override
    public void destroy() {
        dispatcher.shutdown();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            if (request.getAttribute(LET_IN) instanceof String line) {
                request.removeAttribute(LET_IN);
                // The container starts no CDI request scope for an async dispatch; the call needs one
                // (its Caller), fresh: it had run nothing before it waited.
                RequestContextController scope = requestScopes.get();
                scope.activate();
                try {
                    runThenLeave(line, request, response, chain);
                } finally {
                    scope.deactivate();
                    requestScopes.destroy(scope); // a dependent: kept by the Instance until destroyed
                }
            } else { // a dispatch of someone else's
                chain.doFilter(request, response);
            }
            return;
        }
        String line = line(request);
        switch (callsOf(line).enter(line, () -> waitInLine(request))) {
            case RUN -> runThenLeave(line, request, response, chain);
            case WAITING -> {
                // Let in by a call of the same line as it ends.
            }
            case FULL -> refuse(line, request, response);
        }
    }

    /** Where the line's calls wait: among the tenants' reads, the tenants' other calls (a valid token's), or the open lines'. */
    private CallsAtOnce<AsyncContext> callsOf(String line) {
        if (line.startsWith(READS_OF)) {
            return tenantsReads;
        }
        return line.startsWith(TENANT) || line.equals(PLATFORM_ADMIN) ? tenantsCalls : openCalls;
    }

    private static AsyncContext waitInLine(HttpServletRequest request) {
        // A call that waits is checked again when its turn comes: its token may have been revoked,
        // or have expired, meanwhile (the check it arrived with let every waiting call through).
        request.removeAttribute(CHECKED);
        AsyncContext waiting = request.startAsync();
        waiting.setTimeout(0); // its turn comes as its tenant's calls end; the client decides how long it waits
        return waiting;
    }

    private void runThenLeave(String line, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            letInNext(line);
        }
    }

    /** Hands this call's place to the first call waiting in its line, if any, on the {@link #dispatcher}. */
    private void letInNext(String line) {
        AsyncContext next = callsOf(line).leave(line);
        if (next != null) {
            dispatcher.execute(() -> dispatch(line, next));
        }
    }

    private void dispatch(String line, AsyncContext first) {
        AsyncContext next = first;
        while (next != null) {
            try {
                next.getRequest().setAttribute(LET_IN, line);
                next.dispatch();
                return;
            } catch (IllegalStateException ended) {
                // That request ended while it waited (its connection failed): the place passes on.
                next = callsOf(line).leave(line);
            }
        }
    }

    /**
     * A token this filter checked, kept on the request for {@link AccessFilter}, which uses the
     * outcome only for the very token it reads itself: the two read the header differently (a
     * servlet's first value, JAX-RS's values joined), and a call's access is AccessFilter's to decide.
     */
    record CheckedToken(String token, Authenticator.Outcome outcome) {}

    /**
     * The caller's line: its tenant's (or the platform admin's); for a call to an open path, that
     * path's line of the tenant it names; or the one of every other call without a valid token.
     */
    private String line(HttpServletRequest request) {
        // The path as decoded and normalized for routing, which JAX-RS's resource sees too: read
        // raw, an integration named with one letter percent-encoded (%69nt_…) was not its tenant's,
        // and its body waited in, and held, the room of calls without a credential.
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        for (OpenPath openPath : open) {
            String prefix = API + openPath.segment() + "/";
            if (path.startsWith(prefix)) {
                return openLine(openPath, path.substring(prefix.length()), request);
            }
        }
        Enumeration<String> headers = request.getHeaders("Authorization");
        String header = headers.hasMoreElements() ? headers.nextElement() : null;
        Optional<String> bearer = BearerToken.of(header);
        if (bearer.isEmpty() || headers.hasMoreElements()) {
            return UNAUTHENTICATED;
        }
        String token = bearer.get();
        Authenticator.Outcome outcome;
        try {
            outcome = authenticator.authenticate(token);
        } catch (RuntimeException unchecked) {
            // The database is out of reach, most likely: AccessFilter checks again and answers as
            // the API does (503 problem+json), which a servlet filter's exception would not.
            return UNAUTHENTICATED;
        }
        request.setAttribute(CHECKED, new CheckedToken(token, outcome));
        if (outcome instanceof Authenticator.Valid valid) {
            String caller = valid.who().tenantId() == null
                    ? PLATFORM_ADMIN
                    : TENANT + valid.who().tenantId();
            return isRead(request) ? READS_OF + caller : caller;
        }
        return UNAUTHENTICATED;
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /**
     * A call to an {@link OpenPath} carries a credential of its own (a bearer header beside it is
     * not Herald's); its line is the tenant's its path names, for that path.
     */
    private static String openLine(OpenPath open, String rest, HttpServletRequest request) {
        Optional<String> tenant;
        try {
            tenant = open.tenantOf(rest);
        } catch (RuntimeException unchecked) {
            // The database is out of reach, most likely: the call itself will say so.
            return UNAUTHENTICATED;
        }
        if (tenant.isEmpty()) {
            return UNAUTHENTICATED;
        }
        RequestBodyRoom.Holder holder = new RequestBodyRoom.Holder(
                open.segment() + " of tenant " + tenant.get(), "this tenant's calls to " + open.segment());
        request.setAttribute(OPEN_PATH_HOLDER, holder);
        return holder.key();
    }

    private static void refuse(String line, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String turn = " waiting for their turn on this instance; try again after Retry-After";
        String detail;
        if (line.equals(UNAUTHENTICATED)) {
            detail = "Herald has as many calls without a valid token waiting as it holds; try again after Retry-After";
        } else if (request.getAttribute(OPEN_PATH_HOLDER) instanceof RequestBodyRoom.Holder holder) {
            detail = "Herald already holds " + WAITING_PER_OPEN_LINE + " of " + holder.whose() + turn;
        } else if (line.startsWith(READS_OF)) {
            detail = "This tenant already has " + WAITING_READS_PER_TENANT + " reads (GET, HEAD)" + turn;
        } else {
            detail = "This tenant already has " + WAITING_PER_TENANT + " calls" + turn;
        }
        byte[] body = new Problem("too-many-requests", 429, "Too many requests", detail)
                .json()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(429);
        response.setHeader("Retry-After", "1");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
