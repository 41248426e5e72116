package dev.herald.access.entity;

/** What a token may do beyond its own tenant's objects. */
public enum Role {
    /** Manages its own tenant's objects. */
    TENANT,
    /** Also manages tenants; the bootstrap token has it. */
    ADMIN;

    public String wireName() {
        return name().toLowerCase();
    }
}
