package dev.herald.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One page of a tenant's objects of an entity with {@code tenantId} and {@code id}
 * attributes, newest first (by {@code createdAt} unless told otherwise), narrowed by equality
 * on the given attributes. Tables that grow have a newest-first index led by the tenant
 * ({@code tenant_id, <time> DESC, id DESC}, migration V18), so that a page reads its own rows.
 */
public final class Listing {

    private Listing() {}

    /** @param criteria attribute name to required value; null values do not restrict */
    public static <T> Page<T> page(
            EntityManager em, Class<T> entity, String tenantId, Map<String, Object> criteria, PageRequest request) {
        return page(em, entity, tenantId, criteria, "createdAt", request);
    }

    /** @param time the attribute that orders the page, newest first */
    public static <T> Page<T> page(
            EntityManager em,
            Class<T> entity,
            String tenantId,
            Map<String, Object> criteria,
            String time,
            PageRequest request) {
        StringBuilder where = new StringBuilder(" WHERE x.tenantId = :tenant");
        List<Object> values = new ArrayList<>();
        criteria.forEach((attribute, value) -> {
            if (value != null) {
                where.append(" AND x.").append(attribute).append(" = :p").append(values.size());
                values.add(value);
            }
        });
        String from = " FROM " + entity.getSimpleName() + " x" + where;
        List<String> ids = bind(
                        em.createQuery(
                                "SELECT x.id" + from + newestFirst("x", "tenantId", time, values.isEmpty()),
                                String.class),
                        tenantId,
                        values)
                .setFirstResult(request.offset())
                .setMaxResults(request.pageSize())
                .getResultList();
        TypedQuery<Long> total = bind(em.createQuery("SELECT COUNT(x)" + from, Long.class), tenantId, values);
        return new Page<>(rowsInOrder(em, entity, ids), request.page(), request.pageSize(), total.getSingleResult());
    }

    /**
     * A newest-first {@code ORDER BY} for a query narrowed by an equality on {@code lead} (the
     * tenant, the subscription), and on other attributes if not {@code leadOnly}. Alone, the lead
     * leads the order too, as it leads the newest-first index, so that H2 reads that index in order
     * and stops at the page. With other attributes it does not: H2 would then favour an index
     * led by it over one on those attributes (a history page of one subject read all the
     * tenant's events instead of that subject's), so it picks the narrowest index and sorts what
     * that one finds.
     */
    public static String newestFirst(String alias, String lead, String time, boolean leadOnly) {
        String order = alias + "." + time + " DESC, " + alias + ".id DESC";
        return " ORDER BY " + (leadOnly ? alias + "." + lead + ", " + order : order);
    }

    /**
     * The rows of a page whose ids a newest-first query chose, in that order, as they are now:
     * a row removed between the two reads (pruned) is left out, and one changed meanwhile (a
     * delivery's status) is shown as changed, as a list read a moment later would show it.
     * Reading the ids first is what keeps a page flat as a table grows: asked for whole rows, H2
     * takes the tenant's foreign-key index and sorts every row of the tenant; asked for ids, it
     * reads the newest-first index in order and stops at the page.
     */
    public static <T> List<T> rowsInOrder(EntityManager em, Class<T> entity, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        PersistenceUnitUtil identity = em.getEntityManagerFactory().getPersistenceUnitUtil();
        Map<Object, T> rows = em.createQuery(
                        "SELECT x FROM " + entity.getSimpleName() + " x WHERE x.id IN :ids", entity)
                .setParameter("ids", ids)
                .getResultStream()
                .collect(Collectors.toMap(identity::getIdentifier, row -> row));
        return ids.stream().map(rows::get).filter(Objects::nonNull).toList();
    }

    private static <Q> TypedQuery<Q> bind(TypedQuery<Q> query, String tenantId, List<Object> values) {
        query.setParameter("tenant", tenantId);
        for (int i = 0; i < values.size(); i++) {
            query.setParameter("p" + i, values.get(i));
        }
        return query;
    }
}
