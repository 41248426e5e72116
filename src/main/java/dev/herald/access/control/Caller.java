package dev.herald.access.control;

import dev.herald.access.control.Authenticator.Authenticated;
import dev.herald.access.entity.Role;
import dev.herald.access.entity.Scope;
import dev.herald.problems.ForbiddenProblem;
import java.util.Optional;

/** Who is making the current API request: set once by the access filter; one a request ({@link RequestCallers}). */
public class Caller {

    private Authenticated who;
    private Scope neededScope;

    public void authenticate(Authenticated token) {
        this.who = token;
    }

    public boolean isAuthenticated() {
        return who != null;
    }

    /** The token's actor, as governance events ({@code approved_by}) and the audit trail name it. */
    public String actor() {
        return who().actor();
    }

    public String tokenId() {
        return who().tokenId();
    }

    /** The tenant every object the request reads or writes must belong to. */
    public String tenantId() {
        return who().tenantId();
    }

    /** The caller when there is one (the inbound and validation endpoints have none). */
    public Optional<Authenticated> current() {
        return Optional.ofNullable(who);
    }

    /** The bootstrap admin token's role: manages tenants, and every tenant's tokens. */
    public boolean isPlatformAdmin() {
        return who().role() == Role.ADMIN;
    }

    public void requirePlatformAdmin(String action) {
        if (!isPlatformAdmin()) {
            throw new ForbiddenProblem("Only the platform admin token (herald.admin-token) may " + action);
        }
    }

    /** Notes the scope the call needs, once the scope filter has found it on the resource. */
    public void needs(Scope scope) {
        this.neededScope = scope;
    }

    /** The scope the call needed, for the audit trail; empty before authorization ran (or without a caller). */
    public Optional<Scope> neededScope() {
        return Optional.ofNullable(neededScope);
    }

    /** True when the token holds the scope, or {@code admin}, which holds them all. */
    public boolean has(Scope scope) {
        return who().scopes().contains(scope) || who().scopes().contains(Scope.ADMIN);
    }

    private Authenticated who() {
        if (who == null) {
            throw new IllegalStateException("No authenticated caller in this request");
        }
        return who;
    }
}
