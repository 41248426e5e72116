package dev.herald.platform;

import dev.herald.problems.NotFoundProblem;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.Optional;

/** An entity that belongs to exactly one tenant, and is invisible to every other. */
public interface TenantOwned {

    String tenantId();

    /** The tenant's object of that id, if it has one: another tenant's is as absent as a missing one. */
    static <T extends TenantOwned> Optional<T> find(EntityManager em, Class<T> type, String tenantId, String id) {
        return Optional.ofNullable(em.find(type, id))
                .filter(found -> found.tenantId().equals(tenantId));
    }

    /**
     * The id of the tenant's object whose attributes have these values, if there is one: the
     * check behind a friendly 409 for names and keys a tenant may use once.
     */
    static Optional<String> idWhere(
            EntityManager em, Class<? extends TenantOwned> type, String tenantId, Map<String, Object> values) {
        StringBuilder jpql =
                new StringBuilder("SELECT x.id FROM " + type.getSimpleName() + " x WHERE x.tenantId = :tenant");
        values.keySet()
                .forEach(attribute ->
                        jpql.append(" AND x.").append(attribute).append(" = :").append(attribute));
        var query = em.createQuery(jpql.toString(), String.class).setParameter("tenant", tenantId);
        values.forEach(query::setParameter);
        return query.setMaxResults(1).getResultStream().findFirst();
    }

    /**
     * How many of the tenant's objects have that attribute's value: the check behind a bound on
     * what a tenant may accumulate under one object (a release's artifacts, its approvals).
     *
     * @param attribute an attribute name from the calling code
     */
    static long count(
            EntityManager em, Class<? extends TenantOwned> type, String tenantId, String attribute, Object value) {
        return em.createQuery(
                        "SELECT COUNT(x) FROM " + type.getSimpleName() + " x WHERE x.tenantId = :tenant AND x."
                                + attribute + " = :value",
                        Long.class)
                .setParameter("tenant", tenantId)
                .setParameter("value", value)
                .getSingleResult();
    }

    /** As {@link #find}, or a 404 naming the {@code kind} ("release", "approval", …). */
    static <T extends TenantOwned> T get(EntityManager em, Class<T> type, String kind, String tenantId, String id) {
        return find(em, type, tenantId, id).orElseThrow(() -> new NotFoundProblem(kind, id));
    }
}
