package dev.herald.access.control;

/** A tenant was created (and written) in the current transaction: features that keep per-tenant rows start theirs. */
public record TenantCreated(String tenantId) {}
