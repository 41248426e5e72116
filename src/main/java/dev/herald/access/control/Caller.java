package dev.herald.access.control;

import dev.herald.access.entity.Role;
import dev.herald.problems.ForbiddenProblem;
import jakarta.enterprise.context.RequestScoped;

/** Who is making the current API request: set once by the access filter. */
@RequestScoped
public class Caller {

    private String tenantId;
    private Role role;
    private String tokenId;

    public void authenticate(String tenantId, Role role, String tokenId) {
        this.tenantId = tenantId;
        this.role = role;
        this.tokenId = tokenId;
    }

    /**
     * Who acts, as recorded in governance events ({@code approved_by}, {@code updated_by}): the
     * id of the API token, never the token itself.
     */
    public String actor() {
        tenantId();
        return tokenId;
    }

    /** The tenant every object the request reads or writes must belong to. */
    public String tenantId() {
        if (tenantId == null) {
            throw new IllegalStateException("No authenticated caller in this request");
        }
        return tenantId;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public void requireAdmin(String action) {
        if (!isAdmin()) {
            throw new ForbiddenProblem("Only an admin token may " + action);
        }
    }
}
