package dev.herald.platform;

import dev.herald.problems.NotFoundProblem;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/** An entity that belongs to exactly one tenant, and is invisible to every other. */
public interface TenantOwned {

    String tenantId();

    /** The tenant's object of that id, if it has one: another tenant's is as absent as a missing one. */
    static <T extends TenantOwned> Optional<T> find(EntityManager em, Class<T> type, String tenantId, String id) {
        return Optional.ofNullable(em.find(type, id)).filter(found -> found.tenantId().equals(tenantId));
    }

    /** As {@link #find}, or a 404 naming the {@code kind} ("release", "approval", …). */
    static <T extends TenantOwned> T get(EntityManager em, Class<T> type, String kind, String tenantId, String id) {
        return find(em, type, tenantId, id).orElseThrow(() -> new NotFoundProblem(kind, id));
    }
}
