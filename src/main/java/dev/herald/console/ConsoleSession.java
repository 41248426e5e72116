package dev.herald.console;

import dev.herald.access.control.Authenticator.Authenticated;
import dev.herald.access.entity.Role;
import dev.herald.access.entity.Scope;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.EnumSet;
import java.util.stream.Collectors;

/**
 * Who is signed in to the console. The session keeps the token's id, never the token itself:
 * the token is checked once at sign-in, and the guard looks its id up again on every request,
 * so revoking the token ends the session. A session begun by single sign-on has no token: it
 * carries the scopes its groups granted until its fixed end.
 */
@Named
@SessionScoped
public class ConsoleSession implements Serializable {

    private static final long serialVersionUID = 1L;

    private String tokenId;
    private String tenantId;
    private String actor;
    private EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
    private boolean platformAdmin;
    private Instant endsAt;

    void signIn(Authenticated who) {
        tokenId = who.tokenId();
        refresh(who);
    }

    /** What the token is now (its scopes never widen, but it may have expired or gone). */
    void refresh(Authenticated who) {
        tenantId = who.tenantId();
        actor = who.actor();
        scopes = EnumSet.copyOf(who.scopes());
        platformAdmin = who.role() == Role.ADMIN;
        endsAt = who.expiresAt();
    }

    /** Whether the session began by single sign-on rather than with a token. */
    boolean isSingleSignOn() {
        return ConsoleSettings.TOKEN_ID.equals(tokenId);
    }

    /** When the session must end whatever happens: its token's expiry or single sign-on's limit; null for never. */
    Instant endsAt() {
        return endsAt;
    }

    public boolean isSignedIn() {
        return tokenId != null;
    }

    public String getTokenId() {
        return tokenId;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getActor() {
        return actor;
    }

    /** The scopes as the API names them: "publish, read". */
    public String getScopeNames() {
        return scopes.stream().map(Scope::wireName).collect(Collectors.joining(", "));
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    /** Whether the token holds {@code admin}: tokens, policies and the audit trail. */
    public boolean isAdmin() {
        return scopes.contains(Scope.ADMIN);
    }

    /** Whether the token is the platform's admin token (herald.admin-token): it also sees and creates tenants. */
    public boolean isPlatformAdmin() {
        return platformAdmin;
    }

    /** Whether the session may change an area: it holds the area's scope ({@code govern}), or admin. */
    public boolean canChange(String area) {
        return Scope.fromWire(area).map(this::has).orElse(false);
    }

    /** Whether the token may read an area, by the API's rule: {@code read}, or the area's own scope. */
    public boolean canRead(String area) {
        return has(Scope.READ) || canChange(area);
    }
}
