package dev.herald.access.boundary;

import dev.herald.access.entity.Tenant;
import java.time.Instant;

/**
 * A tenant as the API shows it. {@code token} is present only in the answer that created
 * the tenant: it is stored hashed and cannot be shown again.
 */
public record TenantOut(String id, String name, Instant createdAt, String token) {

    static TenantOut of(Tenant tenant) {
        return new TenantOut(tenant.id(), tenant.name(), tenant.createdAt(), null);
    }

    static TenantOut withToken(Tenant tenant, String token) {
        return new TenantOut(tenant.id(), tenant.name(), tenant.createdAt(), token);
    }
}
