package dev.herald.console;

import dev.herald.access.control.Authenticator;
import dev.herald.access.control.Authenticator.Authenticated;
import dev.herald.audit.control.AuditTrail;
import dev.herald.audit.control.AuditedCall;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Signing in with a Herald token, checked exactly as an API call checks it, and signing out.
 * The token only passes through this request: it is never stored in the session, the browser
 * or a page (the form's field is a password field that does not render its value back).
 */
@Named
@RequestScoped
public class SignIn {

    @Inject
    Authenticator authenticator;

    @Inject
    ConsoleSession session;

    @Inject
    ConsoleSettings settings;

    @Inject
    AuditTrail auditTrail;

    @Inject
    ConsoleSessions sessions;

    private String token;

    public String getToken() {
        return null;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String signIn() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Authenticator.Outcome outcome = token == null || token.isBlank()
                ? new Authenticator.Unknown()
                : authenticator.authenticate(token.trim());
        token = null;
        if (outcome instanceof Authenticator.Valid valid) {
            ExternalContext external = faces.getExternalContext();
            begin(
                    (HttpServletRequest) external.getRequest(),
                    (HttpServletResponse) external.getResponse(),
                    valid.who());
            return "/console/overview?faces-redirect=true";
        }
        String why = outcome instanceof Authenticator.Expired expired
                ? "This token expired at " + expired.expiredAt() + "."
                : "This token is not valid.";
        faces.addMessage("signIn:token", new FacesMessage(FacesMessage.SEVERITY_ERROR, why, why));
        return null;
    }

    /**
     * Begins the console session of someone whose token (or single sign-on) was just checked.
     * A new session id at sign-in: one planted before it (session fixation) is worth nothing.
     */
    void begin(HttpServletRequest request, HttpServletResponse response, Authenticated who) {
        request.getSession(true);
        request.changeSessionId();
        ConsoleCookies.writeSessionCookie(request, response);
        request.getSession().setMaxInactiveInterval((int) settings.idleTimeout().toSeconds());
        session.signIn(who);
        sessions.signedIn(who.tenantId(), request.getSession());
        audit(who.tenantId(), who.actor(), who.tokenId(), "sign-in");
    }

    /** Why single sign-on just turned someone away ({@code ?sso=…} on the way back here), in words. */
    public String getSingleSignOnRefusal() {
        String reason = FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestParameterMap()
                .get("sso");
        if (reason == null) {
            return null;
        }
        String fix =
                " Ask whoever runs Herald to map your group (herald.console.oidc.groups), or sign in with a token.";
        return switch (reason) {
            case "no-group" -> "Single sign-on knows you, but none of your groups is mapped to a Herald tenant." + fix;
            case "several-tenants" ->
                "Your groups are mapped to more than one tenant, and a console session is in one." + fix;
            case "no-tenant" -> "Your group is mapped to a tenant that does not exist." + fix;
            case "unreadable" ->
                "Single sign-on could not read your name or groups from the provider's answer;"
                        + " the reason is in Herald's log. Ask whoever runs Herald, or sign in with a token.";
            case "bad-name" ->
                "Your name at the provider cannot name a Herald actor (1 to 100 letters, digits,"
                        + " '.', '_', '@', '+' or '-'). Ask whoever runs Herald to choose another claim"
                        + " (herald.console.oidc.actor-claim), or sign in with a token.";
            default -> null;
        };
    }

    public String signOut() {
        if (session.isSignedIn()) {
            audit(session.getTenantId(), session.getActor(), session.getTokenId(), "sign-out");
        }
        FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
        return "/console/sign-in?faces-redirect=true";
    }

    /**
     * Console actions go into the tenant's audit trail like API calls: signing in and out need
     * no scope (scope {@code none}); a wrong token is not recorded, as a guessed token must not
     * fill the trail. A trail that cannot be written does not keep anyone out or in.
     */
    private void audit(String tenantId, String actor, String tokenId, String action) {
        auditTrail.recordOrLog(new AuditedCall(tenantId, actor, tokenId, "none", "POST", "/console/" + action)
                .succeeded(tokenId, HttpServletResponse.SC_SEE_OTHER));
    }
}
