package dev.herald.console;

import dev.herald.platform.PublicUrl;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The console session's cookie: never readable by scripts ({@code HttpOnly}), never sent with
 * another site's request ({@code SameSite=Strict}), and over TLS only ({@code Secure}) when
 * Herald's public URL is https: behind a load balancer that ends TLS, the request itself
 * arrives as http. Sessions are tracked by cookie alone (web.xml), never by an id in a URL.
 */
@WebListener
public class ConsoleCookies implements ServletContextListener {

    @Inject
    PublicUrl publicUrl;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setSecure("https".equals(publicUrl.base().getScheme()));
    }

    /**
     * Writes the session's cookie again, with {@code SameSite=Strict}: Payara Micro leaves the
     * attribute out of the cookie it writes whether web.xml or the API asks for it (browsers
     * then treat it as Lax). Called whenever the session id is new: when the session begins
     * and when sign-in changes it; the header replaces the one the container wrote.
     */
    static void writeSessionCookie(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        SessionCookieConfig config = request.getServletContext().getSessionCookieConfig();
        String name = config.getName() == null ? "JSESSIONID" : config.getName();
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        response.setHeader(
                "Set-Cookie",
                name + "=" + session.getId() + "; Path=" + path + "; HttpOnly; SameSite=Strict"
                        + (config.isSecure() ? "; Secure" : ""));
    }
}
