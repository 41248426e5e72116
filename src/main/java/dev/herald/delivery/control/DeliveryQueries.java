package dev.herald.delivery.control;

import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryAttempt;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.problems.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reading deliveries and their attempt logs, always within one tenant. */
@ApplicationScoped
@Transactional
public class DeliveryQueries {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** A delivery with its attempts, oldest attempt first. */
    public record DeliveryWithAttempts(Delivery delivery, List<DeliveryAttempt> attempts) {
    }

    public DeliveryWithAttempts get(String tenantId, String id) {
        Delivery delivery = em.find(Delivery.class, id);
        if (delivery == null || !delivery.getTenantId().equals(tenantId)) {
            throw new NotFoundProblem("delivery", id);
        }
        return new DeliveryWithAttempts(delivery, attemptsOf(List.of(id)).getOrDefault(id, List.of()));
    }

    /** A subscription's deliveries, newest first, optionally of one status. */
    public Page<DeliveryWithAttempts> forSubscription(String tenantId, String subscriptionId, DeliveryStatus status,
            PageRequest request) {
        String where = " WHERE d.tenantId = :tenant AND d.subscriptionId = :subscription"
                + (status != null ? " AND d.status = :status" : "");
        TypedQuery<Delivery> items = em.createQuery("SELECT d FROM Delivery d" + where
                + " ORDER BY d.createdAt DESC, d.id DESC", Delivery.class);
        TypedQuery<Long> total = em.createQuery("SELECT COUNT(d) FROM Delivery d" + where, Long.class);
        for (TypedQuery<?> query : List.of(items, total)) {
            query.setParameter("tenant", tenantId).setParameter("subscription", subscriptionId);
            if (status != null) {
                query.setParameter("status", status);
            }
        }
        return withAttempts(items.setFirstResult(request.offset()).setMaxResults(request.pageSize()).getResultList(),
                request, total.getSingleResult());
    }

    /** The deliveries an event caused. */
    public List<DeliveryWithAttempts> forEvent(String tenantId, String eventId) {
        List<Delivery> deliveries = em.createQuery("SELECT d FROM Delivery d WHERE d.tenantId = :tenant"
                        + " AND d.eventId = :event ORDER BY d.id", Delivery.class)
                .setParameter("tenant", tenantId).setParameter("event", eventId).getResultList();
        return withAttempts(deliveries, new PageRequest(1, Math.max(1, deliveries.size())), deliveries.size()).items();
    }

    /** Deliveries not yet done, across all tenants. */
    public long pendingCount() {
        return em.createQuery("SELECT COUNT(d) FROM Delivery d WHERE d.status = :pending", Long.class)
                .setParameter("pending", DeliveryStatus.PENDING).getSingleResult();
    }

    private Page<DeliveryWithAttempts> withAttempts(List<Delivery> deliveries, PageRequest request, long total) {
        Map<String, List<DeliveryAttempt>> attempts = attemptsOf(deliveries.stream().map(Delivery::getId).toList());
        List<DeliveryWithAttempts> items = deliveries.stream()
                .map(d -> new DeliveryWithAttempts(d, attempts.getOrDefault(d.getId(), List.of()))).toList();
        return new Page<>(items, request.page(), request.pageSize(), total);
    }

    private Map<String, List<DeliveryAttempt>> attemptsOf(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT a FROM DeliveryAttempt a WHERE a.deliveryId IN :ids"
                        + " ORDER BY a.deliveryId, a.attempt", DeliveryAttempt.class)
                .setParameter("ids", deliveryIds).getResultStream()
                .collect(Collectors.groupingBy(DeliveryAttempt::getDeliveryId));
    }
}
