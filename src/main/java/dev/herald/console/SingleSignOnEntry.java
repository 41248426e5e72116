package dev.herald.console;

import dev.herald.access.control.AccessInput;
import dev.herald.access.control.Authenticator.Authenticated;
import dev.herald.access.control.Tenants;
import dev.herald.access.entity.Role;
import dev.herald.access.entity.Tenant;
import dev.herald.platform.Times;
import dev.herald.platform.logging.LogIds;
import dev.herald.platform.text.Texts;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.JwtClaims;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity.TransportGuarantee;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where single sign-on lands ({@code /console/sso}). The path is under a security constraint,
 * so the OpenID mechanism sends an unknown browser to the provider and, when it comes back
 * with a code, checks it (state, nonce, signature, audience, expiry) before this servlet
 * runs. The servlet then turns the person's groups into a tenant and scopes and begins a
 * console session as a token sign-in would, under the person's name as actor.
 */
public class SingleSignOnEntry extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SingleSignOnEntry.class.getName());

    @Inject
    transient OpenIdContext openId;

    @Inject
    transient ConsoleSettings settings;

    @Inject
    transient Tenants tenants;

    @Inject
    transient SignIn signIn;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String actor = null;
        String refusal;
        String why;
        try {
            JwtClaims claims = openId.getIdentityToken().getJwtClaims();
            actor = claims.getStringClaim(settings.getActorClaim())
                    .filter(name -> !name.isBlank())
                    .orElse(openId.getSubject());
            List<String> groups = claims.getArrayStringClaim(settings.getGroupsClaim());
            if (groups.isEmpty()) {
                groups = openId.getClaims().getArrayStringClaim(settings.getGroupsClaim());
            }
            GroupGrants.Decision decision = settings.grants().decide(groups);
            if (!AccessInput.isActor(actor)) {
                refusal = "bad-name"; // the trail and the events keep the actor: it must fit them
            } else if (decision instanceof GroupGrants.Granted granted) {
                Optional<Tenant> tenant = tenants.findByName(granted.tenantName());
                if (tenant.isPresent()) {
                    signIn.begin(
                            request,
                            response,
                            new Authenticated(
                                    ConsoleSettings.TOKEN_ID,
                                    tenant.get().id(),
                                    Role.TENANT,
                                    actor,
                                    granted.scopes(),
                                    Times.now().plus(settings.maxSession())));
                    moveOnFromHere(response, request.getContextPath() + ConsolePaths.HOME);
                    return;
                }
                refusal = "no-tenant";
            } else {
                refusal = decision instanceof GroupGrants.NoGroup ? "no-group" : "several-tenants";
            }
            why = decision.toString();
        } catch (RuntimeException unreadable) {
            // A claim of another type than the mapping expects (a number as the name, an object
            // as the groups), or no database: refused like the rest, and the login dropped too.
            refusal = "unreadable";
            why = unreadable.toString();
        }
        String name = Texts.forLog(actor, 100);
        String reason = refusal + ", " + Texts.forLog(why, 300);
        LogIds.none().log(LOG, Level.INFO, "Single sign-on of " + name + " refused (" + reason + ")");
        // The container keeps the provider's login in the session: drop it, so that the next
        // try (after the groups were fixed, or as someone else) asks the provider again.
        request.getSession().invalidate();
        response.sendRedirect(request.getContextPath() + ConsolePaths.SIGN_IN + "?sso=" + refusal);
    }

    /**
     * Sends the browser on from a page of Herald's own. A redirect would continue the navigation
     * the provider's page began, across sites when the provider is on another one (acme.okta.com
     * and herald.acme.com), and a browser withholds the session's {@code SameSite=Strict} cookie
     * on it: every sign-in landed on the sign-in page again. A navigation this page starts is
     * Herald's, on Herald's site.
     */
    private static void moveOnFromHere(HttpServletResponse response, String path) throws IOException {
        byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
                        + "<meta http-equiv=\"refresh\" content=\"0;url=" + path + "\"><title>Herald: signed in</title>"
                        + "</head><body><p>Signed in. <a href=\"" + path
                        + "\">Go to the console</a>.</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    /**
     * Puts the entry and its constraint in place only when single sign-on is configured;
     * otherwise the path stays an ordinary console page, which needs a token sign-in. A
     * group mapping it cannot read stops the deployment with the reason.
     */
    @WebListener
    public static class Registration implements ServletContextListener {

        @Inject
        ConsoleSettings settings;

        @Override
        public void contextInitialized(ServletContextEvent event) {
            if (!settings.isSingleSignOnEnabled()) {
                return;
            }
            // Every setting read now, so that one Herald cannot use stops the deployment, not a sign-in.
            GroupGrants grants = settings.grants();
            settings.getGroupsClaim();
            settings.getActorClaim();
            settings.maxSession();
            if (grants.isEmpty()) {
                LogIds.none()
                        .log(
                                LOG,
                                Level.WARNING,
                                "Single sign-on is on, but herald.console.oidc.groups maps no group: nobody can sign in with it");
            }
            ServletRegistration.Dynamic entry =
                    event.getServletContext().addServlet("SingleSignOn", SingleSignOnEntry.class);
            entry.addMapping(ConsolePaths.SINGLE_SIGN_ON);
            // "**": any authenticated caller; who gets in, and with what, the groups decide above.
            entry.setServletSecurity(
                    new ServletSecurityElement(new HttpConstraintElement(TransportGuarantee.NONE, "**")));
            LogIds.none()
                    .log(
                            LOG,
                            Level.INFO,
                            "Console single sign-on with " + settings.getProviderUri() + " for the groups "
                                    + grants.groups());
        }
    }
}
