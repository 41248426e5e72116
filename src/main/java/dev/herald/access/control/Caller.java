package dev.herald.access.control;

import dev.herald.access.entity.Role;
import dev.herald.problems.ForbiddenProblem;
import jakarta.enterprise.context.RequestScoped;

/** Who is making the current API request: set once by the access filter. */
@RequestScoped
public class Caller {

    private String tenantId;
    private Role role;

    public void authenticate(String tenantId, Role role) {
        this.tenantId = tenantId;
        this.role = role;
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
