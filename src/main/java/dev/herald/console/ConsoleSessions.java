package dev.herald.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The console sessions signed in to each tenant on this instance, at most
 * {@code herald.console.sessions-per-tenant}: a sign-in beyond them ends the tenant's session that
 * began longest ago. A session keeps the state of the last pages it showed (Faces keeps 25 views
 * a session) for as long as it is used, or half an hour idle, so sessions without a bound were
 * memory without a bound: measured with the README's heap, a script signing in with one tenant's
 * token 1,800 times, five pages each, filled the heap every tenant shares.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** The session attribute naming its place here; read again when the session ends. */
    private static final String PLACE = ConsoleSessions.class.getName() + ".place";

    @Inject
    ConsoleSettings settings;

    /** Each tenant's signed-in sessions by their place, the one that began longest ago first. */
    private final Map<String, LinkedHashMap<String, HttpSession>> byTenant = new HashMap<>();

    /** A session that just signed in to {@code tenantId}; ends the tenant's oldest beyond the bound. */
    void signedIn(String tenantId, HttpSession session) {
        List<HttpSession> ended = new ArrayList<>();
        synchronized (byTenant) {
            leave(session); // signed in before, to this tenant or another
            Place place = new Place(tenantId, UUID.randomUUID().toString());
            session.setAttribute(PLACE, place);
            LinkedHashMap<String, HttpSession> sessions =
                    byTenant.computeIfAbsent(tenantId, t -> new LinkedHashMap<>());
            sessions.put(place.key(), session);
            var oldest = sessions.entrySet().iterator();
            while (sessions.size() > settings.sessionsPerTenant()) {
                ended.add(oldest.next().getValue());
                oldest.remove();
            }
        }
        // Outside the lock: ending a session calls back into ended().
        ended.forEach(ConsoleSessions::invalidate);
    }

    private void ended(HttpSession session) {
        synchronized (byTenant) {
            leave(session);
        }
    }

    /** Takes the session out of its tenant's line, if it is in one (under the lock). */
    private void leave(HttpSession session) {
        if (!(session.getAttribute(PLACE) instanceof Place place)) {
            return;
        }
        LinkedHashMap<String, HttpSession> sessions = byTenant.get(place.tenantId());
        if (sessions != null && sessions.remove(place.key()) != null && sessions.isEmpty()) {
            byTenant.remove(place.tenantId());
        }
    }

    private static void invalidate(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException endedMeanwhile) {
            // it ended on its own (signed out, timed out) since it was let go of here
        }
    }

    /**
     * Where a session stands in its tenant's line (serializable: it lives in the session), by a
     * key no other session has, even one kept across a restart.
     */
    record Place(String tenantId, String key) implements java.io.Serializable {}

    /**
     * Lets go of a session when it ends, however it ends (signed out, idle, ended here); reads the
     * console's session settings at start, so that one Herald cannot use stops the deployment,
     * not a sign-in.
     */
    @WebListener
    public static class Ending implements HttpSessionListener, ServletContextListener {

        @Inject
        ConsoleSessions sessions;

        @Inject
        ConsoleSettings settings;

        @Override
        public void contextInitialized(ServletContextEvent event) {
            settings.sessionsPerTenant();
            settings.idleTimeout();
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent event) {
            sessions.ended(event.getSession());
        }
    }
}
