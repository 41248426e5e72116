package dev.herald.platform;

import dev.herald.problems.InvalidInputException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
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
        return page(em, entity, tenantId, Narrowing.newestBy(time).equal(criteria), request, null, null);
    }

    /**
     * A page of all the tenant's rows, newest first, their large columns weighed in
     * {@link Bulk#room} before they are loaded.
     */
    public static <T> Page<T> page(EntityManager em, Class<T> entity, String tenantId, PageRequest request, Bulk bulk) {
        return page(em, entity, tenantId, Narrowing.newestBy("createdAt"), request, null, bulk);
    }

    /**
     * @param unnarrowedTotal how many rows the tenant has, when it is known without counting them
     *     (used only when the narrowing restricts nothing); null to count
     * @param bulk the large columns of the page's rows, weighed in {@link Bulk#room} before
     *     they are loaded (a page refused there loads nothing); null when the rows are small
     */
    public static <T> Page<T> page(
            EntityManager em,
            Class<T> entity,
            String tenantId,
            Narrowing narrowing,
            PageRequest request,
            LongSupplier unnarrowedTotal,
            Bulk bulk) {
        Page<String> ids = ids(em, entity, tenantId, narrowing, request, unnarrowedTotal);
        if (bulk != null && bulk.room() != ReadRoom.NONE && !ids.items().isEmpty()) { // NONE would weigh for nothing
            bulk.weigh(em, entity, ids.items());
        }
        return new Page<>(rowsInOrder(em, entity, ids.items()), ids.page(), ids.pageSize(), ids.total());
    }

    /**
     * The ids of a {@link #page}'s rows, newest first, for a caller that reads less of each row
     * than the whole entity (a preview of its large column).
     */
    public static Page<String> ids(
            EntityManager em,
            Class<?> entity,
            String tenantId,
            Narrowing narrowing,
            PageRequest request,
            LongSupplier unnarrowedTotal) {
        String from = " FROM " + entity.getSimpleName() + " x" + narrowing.where();
        List<String> ids = narrowing
                .bind(
                        em.createQuery(
                                "SELECT x.id" + from
                                        + newestFirst("x", "tenantId", narrowing.time, narrowing.equal.isEmpty()),
                                String.class),
                        tenantId)
                .setFirstResult(request.offset())
                .setMaxResults(request.pageSize())
                .getResultList();
        long total = unnarrowedTotal != null && narrowing.restrictsNothing()
                ? unnarrowedTotal.getAsLong()
                : narrowing
                        .bind(em.createQuery("SELECT COUNT(x)" + from, Long.class), tenantId)
                        .getSingleResult();
        return new Page<>(ids, request.page(), request.pageSize(), total);
    }

    /**
     * The large text columns of a page's rows, as a JPQL expression over {@code x} (such as
     * {@code LENGTH(x.dataJson)}), and the room their total must fit before they are loaded.
     */
    public record Bulk(String lengthOfRow, String rows, ReadRoom room) {

        void weigh(EntityManager em, Class<?> entity, List<String> ids) {
            Object[] weight = em.createQuery(
                            "SELECT SUM(" + lengthOfRow + "), MAX(" + lengthOfRow + ") FROM " + entity.getSimpleName()
                                    + " x WHERE x.id IN :ids",
                            Object[].class)
                    .setParameter("ids", ids)
                    .getSingleResult();
            if (weight[0] == null) {
                return;
            }
            long chars = ((Number) weight[0]).longValue();
            long largest = ((Number) weight[1]).longValue();
            room.take(chars, most -> tooLarge(rows, chars, largest, most));
        }

        /**
         * A page whose {@code rows} hold {@code chars} of stored text, the largest row
         * {@code largest}, beyond the {@code most} one call may read: a 400 naming a page size that
         * fits when each row is as large as this page's largest.
         */
        public static InvalidInputException tooLarge(String rows, long chars, long largest, long most) {
            return InvalidInputException.of(
                    "pageSize",
                    "this page's " + rows + " hold " + kib(chars) + " KiB of stored text, more than the "
                            + kib(most) + " KiB one call may read at once; ask for pageSize="
                            + Math.max(1, most / Math.max(1, largest)) + " or less");
        }

        private static long kib(long chars) {
            return (chars + 1023) / 1024;
        }
    }

    /**
     * What a page is narrowed to within its tenant: equalities on attributes and a range of the
     * attribute that orders it. Attribute names come from the code, values are bound.
     */
    public static final class Narrowing {
        private final String time;
        private final Map<String, Object> equal = new LinkedHashMap<>();
        private Instant since;
        private Instant until;

        private Narrowing(String time) {
            this.time = time;
        }

        /** @param time the attribute that orders the page, newest first */
        public static Narrowing newestBy(String time) {
            return new Narrowing(time);
        }

        /** Rows whose attribute equals the value; a null value does not restrict. */
        public Narrowing equal(String attribute, Object value) {
            if (value != null) {
                equal.put(attribute, value);
            }
            return this;
        }

        /** @param criteria attribute name to required value; null values do not restrict */
        public Narrowing equal(Map<String, Object> criteria) {
            criteria.forEach(this::equal);
            return this;
        }

        /** Rows from {@code since} (inclusive) to {@code until} (exclusive); null bounds do not restrict. */
        public Narrowing within(Instant since, Instant until) {
            this.since = since;
            this.until = until;
            return this;
        }

        boolean restrictsNothing() {
            return equal.isEmpty() && since == null && until == null;
        }

        String where() {
            StringBuilder where = new StringBuilder(" WHERE x.tenantId = :tenant");
            int i = 0;
            for (String attribute : equal.keySet()) {
                where.append(" AND x.").append(attribute).append(" = :p").append(i++);
            }
            if (since != null) {
                where.append(" AND x.").append(time).append(" >= :since");
            }
            if (until != null) {
                where.append(" AND x.").append(time).append(" < :until");
            }
            return where.toString();
        }

        <Q> TypedQuery<Q> bind(TypedQuery<Q> query, String tenantId) {
            query.setParameter("tenant", tenantId);
            int i = 0;
            for (Object value : equal.values()) {
                query.setParameter("p" + i++, value);
            }
            if (since != null) {
                query.setParameter("since", since);
            }
            if (until != null) {
                query.setParameter("until", until);
            }
            return query;
        }
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
     * What a list shows of the rows of a page whose ids a newest-first query chose, in that
     * order, as {@link #rowsInOrder} reads them: {@code columns} (a JPQL select list over
     * {@code x}) and a {@link Preview} of the large text column {@code large}, never the whole
     * text. {@code row} makes an item of the values (the id first, then the columns) and the preview.
     */
    public static <T> List<T> previewsInOrder(
            EntityManager em,
            Class<?> entity,
            List<String> ids,
            String columns,
            String large,
            BiFunction<Object[], Preview, T> row) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, T> rows = new HashMap<>();
        em.createQuery(
                        "SELECT x.id, SUBSTRING(" + large + ", 1, " + Preview.CHARS + "), LENGTH(" + large + "), "
                                + columns + " FROM " + entity.getSimpleName() + " x WHERE x.id IN :ids",
                        Object[].class)
                .setParameter("ids", ids)
                .getResultStream()
                .forEach(values -> rows.put(
                        (String) values[0],
                        row.apply(
                                columnsAfterId(values),
                                new Preview(
                                        (String) values[1],
                                        values[2] == null ? 0 : ((Number) values[2]).longValue()))));
        return ids.stream().map(rows::get).filter(Objects::nonNull).toList();
    }

    /** The id, then the columns asked for: the preview's two values in between left out. */
    private static Object[] columnsAfterId(Object[] values) {
        Object[] columns = new Object[values.length - 2];
        columns[0] = values[0];
        System.arraycopy(values, 3, columns, 1, values.length - 3);
        return columns;
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
}
