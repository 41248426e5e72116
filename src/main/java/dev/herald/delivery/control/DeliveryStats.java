package dev.herald.delivery.control;

import dev.herald.delivery.entity.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's delivery figures over the last 24 hours, for the console's overview: the attempts
 * of the deliveries created in that window by outcome, success rate and p95 latency per
 * subscription and per hour, and the queue depth. At most the newest {@link #MAX_ATTEMPTS}
 * attempts are read, so a page's cost is bounded however busy the tenant is; past that, it
 * says so.
 */
@ApplicationScoped
@Transactional
public class DeliveryStats {

    public static final int MAX_ATTEMPTS = 50_000;
    private static final Duration WINDOW = Duration.ofHours(24);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** How a set of attempts went: how many, how many answered 2xx, and the 95th percentile of their time. */
    public record Figures(long attempts, long succeeded, long p95Ms) {

        public long failed() {
            return attempts - succeeded;
        }

        /** Per cent of attempts answered 2xx, one decimal; 100 when there were none. */
        public double successRate() {
            return attempts == 0 ? 100 : Math.round(1000.0 * succeeded / attempts) / 10.0;
        }
    }

    /** One hour of the window: its start and its figures. */
    public record Hour(Instant start, Figures figures) {}

    /**
     * @param truncated       whether the window held more than {@link #MAX_ATTEMPTS} attempts (the figures cover the newest)
     * @param bySubscription  subscription id to its figures, busiest first
     * @param hours           the 24 hours, oldest first, empty ones included
     */
    public record Overview(
            Figures total, Map<String, Figures> bySubscription, List<Hour> hours, long pending, boolean truncated) {}

    public Overview last24Hours(String tenantId, Instant now) {
        Instant since = now.minus(WINDOW);
        // Driven from the tenant's own subscriptions and their deliveries' (subscription, created_at)
        // index, so the page reads this tenant's rows only, however busy the other tenants are. A
        // join, not IN (subquery): H2 read every tenant's deliveries of the window for that.
        List<Object[]> rows = em.createQuery(
                        "SELECT a.createdAt, a.responseTimeMs, a.statusCode, d.subscriptionId"
                                + " FROM Subscription s, Delivery d, DeliveryAttempt a WHERE s.tenantId = :tenant"
                                + " AND d.subscriptionId = s.id AND d.createdAt >= :since"
                                + " AND a.deliveryId = d.id AND a.createdAt >= :since ORDER BY a.createdAt DESC",
                        Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("since", since)
                .setMaxResults(MAX_ATTEMPTS + 1)
                .getResultList();
        boolean truncated = rows.size() > MAX_ATTEMPTS;
        List<Object[]> counted = truncated ? rows.subList(0, MAX_ATTEMPTS) : rows;

        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
        List<List<Object[]>> perHour = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            perHour.add(new ArrayList<>());
        }
        Map<String, List<Object[]>> perSubscription = new HashMap<>();
        for (Object[] row : counted) {
            long hour = Duration.between(firstHour, (Instant) row[0]).toHours();
            if (hour >= 0 && hour < 24) {
                perHour.get((int) hour).add(row);
            }
            perSubscription
                    .computeIfAbsent((String) row[3], id -> new ArrayList<>())
                    .add(row);
        }
        List<Hour> hours = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            hours.add(new Hour(firstHour.plus(Duration.ofHours(i)), figures(perHour.get(i))));
        }
        Map<String, Figures> bySubscription = new LinkedHashMap<>();
        perSubscription.entrySet().stream()
                .sorted((a, b) ->
                        Integer.compare(b.getValue().size(), a.getValue().size()))
                .forEach(entry -> bySubscription.put(entry.getKey(), figures(entry.getValue())));
        // On the (tenant_id, status) index: the tenant's pending deliveries only.
        long pending = em.createQuery(
                        "SELECT COUNT(d) FROM Delivery d WHERE d.status = :pending" + " AND d.tenantId = :tenant",
                        Long.class)
                .setParameter("pending", DeliveryStatus.PENDING)
                .setParameter("tenant", tenantId)
                .getSingleResult();
        return new Overview(figures(counted), bySubscription, hours, pending, truncated);
    }

    private static Figures figures(List<Object[]> rows) {
        long succeeded = rows.stream()
                .filter(row -> row[2] instanceof Integer status && status >= 200 && status < 300)
                .count();
        long[] times = rows.stream()
                .mapToLong(row -> ((Number) row[1]).longValue())
                .sorted()
                .toArray();
        long p95 = times.length == 0 ? 0 : times[(int) Math.ceil(0.95 * times.length) - 1];
        return new Figures(rows.size(), succeeded, p95);
    }
}
