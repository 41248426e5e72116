package dev.herald.console;

import dev.herald.access.control.AccessInput;
import dev.herald.access.control.Authenticator;
import dev.herald.access.control.Tenants;
import dev.herald.access.entity.ApiToken;
import dev.herald.access.entity.Scope;
import dev.herald.access.entity.Tenant;
import dev.herald.platform.Page;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.ForbiddenProblem;
import dev.herald.problems.NotFoundProblem;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Administration for an {@code admin} token: its tenant's tokens (issue, the new token shown
 * once; revoke) and, for the platform's admin token, every tenant (create one, its first
 * token shown once). The rules are the API's ({@link AccessInput}, {@link Tenants}), and every
 * change is audited.
 */
@Named
@ViewScoped
public class ConsoleAdministration implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleSession session;

    @Inject
    ConsoleActions actions;

    @Inject
    ConsolePages pages;

    @Inject
    OncePerRequest once;

    @Inject
    Tenants tenants;

    @Inject
    Authenticator authenticator;

    private String tenantId;
    private final ViewPage tokenPage = new ViewPage();
    private String actor;
    private List<String> scopes = new ArrayList<>();
    private String expiresAt;
    private String newTenantName;
    private String newTenantActor;

    /** The tenant whose tokens are shown: the session's own, or (platform admin only) the one the URL names. */
    public String getShownTenant() {
        if (tenantId == null || tenantId.equals(session.getTenantId())) {
            return session.getTenantId();
        }
        if (!session.isPlatformAdmin()) {
            return null;
        }
        Tenant found = ConsolePages.foundOrNull(() -> tenants.get(tenantId));
        return found == null ? null : found.id();
    }

    public Page<Tenant> getTenants() {
        return session.isPlatformAdmin()
                ? once.get("tenants", () -> tenants.list(pages.pageRequest()))
                : pages.nothing();
    }

    /** The shown tenant's tokens, paged by {@code ?tokenPage=} (the tenants have {@code ?page=}). */
    public Page<ApiToken> getTokens() {
        String shown = getShownTenant();
        return session.isAdmin() && shown != null
                ? once.get("tokens", () -> tenants.tokens(shown, tokenPage.request()))
                : pages.nothing();
    }

    public ViewPage getTokenPage() {
        return tokenPage;
    }

    /** A token's scopes as the API names them: "publish, read". */
    public String scopeNames(ApiToken token) {
        return token.scopes().stream().map(Scope::wireName).sorted().collect(Collectors.joining(", "));
    }

    public List<String> getScopeChoices() {
        return Arrays.stream(Scope.values()).map(Scope::wireName).toList();
    }

    /** Issues a token of the shown tenant; its value is shown once, on the page the change leads to. */
    public String issue() {
        String shown = getShownTenant();
        JsonArrayBuilder scopeArray = Jsons.array();
        scopes.forEach(scopeArray::add);
        JsonObjectBuilder body = Jsons.object().add("scopes", scopeArray);
        if (actor != null && !actor.isBlank()) {
            body.add("actor", actor.strip());
        }
        if (expiresAt != null && !expiresAt.isBlank()) {
            body.add("expiresAt", expiresAt.strip());
        }
        return actions.run(
                        Scope.ADMIN,
                        "POST",
                        "/tenants/" + shown + "/tokens",
                        null,
                        issued -> issued.token().id(),
                        shown,
                        () -> {
                            if (shown == null) {
                                throw new NotFoundProblem("tenant", tenantId);
                            }
                            return tenants.issue(
                                    shown,
                                    AccessInput.tokenSpec(body.build()),
                                    session.isPlatformAdmin() ? null : session.endsAt());
                        })
                .map(issued -> shownOnce(issued.plainText(), "Token issued: copy it now, it is not shown again."))
                .orElse(null);
    }

    public String revoke(String tokenId) {
        String shown = getShownTenant();
        return actions.run(Scope.ADMIN, "DELETE", "/tenants/" + shown + "/tokens/" + tokenId, tokenId, shown, () -> {
                    if (shown == null) {
                        throw new NotFoundProblem("tenant", tenantId);
                    }
                    tenants.revoke(shown, tokenId);
                    authenticator.forget(tokenId);
                    return tokenId;
                })
                .map(revoked -> {
                    ConsoleActions.tellAfterRedirect("Token " + revoked + " revoked.");
                    return "/console/administration?faces-redirect=true&includeViewParams=true";
                })
                .orElse(null);
    }

    /** Creates a tenant (platform admin only); its first token, an admin one, is shown once. */
    public String createTenant() {
        JsonObjectBuilder body = Jsons.object();
        if (newTenantName != null && !newTenantName.isBlank()) {
            body.add("name", newTenantName.strip());
        }
        if (newTenantActor != null && !newTenantActor.isBlank()) {
            body.add("actor", newTenantActor.strip());
        }
        return actions.run(
                        Scope.ADMIN,
                        "POST",
                        "/tenants",
                        null,
                        made -> made.tenant().id(),
                        null,
                        () -> {
                            if (!session.isPlatformAdmin()) {
                                throw new ForbiddenProblem(
                                        "Only the platform admin token (herald.admin-token) " + "may create tenants");
                            }
                            var wanted = AccessInput.newTenant(body.build());
                            return tenants.create(wanted.name(), wanted.firstActor());
                        })
                .map(made -> shownOnce(
                        made.firstToken().plainText(),
                        "Tenant created; its first token (admin) is below: copy it now."))
                .orElse(null);
    }

    private String shownOnce(String token, String message) {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().put("newToken", token);
        ConsoleActions.tellAfterRedirect(message);
        return "/console/administration?faces-redirect=true&includeViewParams=true";
    }

    public String getTenant() {
        return tenantId;
    }

    public void setTenant(String tenant) {
        this.tenantId = ConsolePages.given(tenant);
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes == null ? new ArrayList<>() : new ArrayList<>(scopes);
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getNewTenantName() {
        return newTenantName;
    }

    public void setNewTenantName(String newTenantName) {
        this.newTenantName = newTenantName;
    }

    public String getNewTenantActor() {
        return newTenantActor;
    }

    public void setNewTenantActor(String newTenantActor) {
        this.newTenantActor = newTenantActor;
    }
}
