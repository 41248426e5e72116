package dev.herald.delivery.control;

import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryAttempt;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.Ids;
import dev.herald.events.control.RaisedEvent;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.ConflictException;
import dev.herald.problems.NotFoundProblem;
import dev.herald.subscriptions.control.SubscriptionUsage;
import dev.herald.subscriptions.control.Subscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable delivery queue: claiming work under a lease, and recording what each attempt
 * came to. Every method is one short transaction; no HTTP call ever runs inside one.
 */
@ApplicationScoped
@Transactional
public class DeliveryLedger {

    /**
     * Due, unclaimed deliveries, oldest due first, skipping rows other instances hold locked;
     * a delivery of an ordered subject waits while an earlier one of that subject is pending.
     */
    private static final String DUE = "SELECT d.id, d.tenant_id FROM deliveries d"
            + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?1"
            + " AND (d.claimed_until IS NULL OR d.claimed_until < ?1)"
            + " AND (d.ordering_key IS NULL OR NOT EXISTS (SELECT 1 FROM deliveries e"
            + "      WHERE e.ordering_key = d.ordering_key AND e.status = 'PENDING' AND e.id < d.id))"
            + " ORDER BY d.next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED";

    /** Herald's own events about delivery: a failure to deliver them raises no further one, so no loop can start. */
    private static final java.util.Set<String> OPERATIONAL = java.util.Set.of("delivery.exhausted", "webhook.disabled");

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    jakarta.enterprise.event.Event<RaisedEvent> raised;

    @Inject
    Subscriptions subscriptions;

    @Inject
    SubscriptionUsage usage;

    @Inject
    DeliverySettings settings;

    public static String newToken() {
        return UUID.randomUUID().toString();
    }

    /** Whether a delivery of this ordered subject is still pending (so a new one must queue behind it). */
    public boolean hasPending(String orderingKey) {
        return !em.createQuery("SELECT d.id FROM Delivery d WHERE d.orderingKey = :key AND d.status = :pending",
                        String.class)
                .setParameter("key", orderingKey).setParameter("pending", DeliveryStatus.PENDING)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /**
     * Whether a oneTime subscription already has a delivery (other than a suppressed one) of
     * this subject, or had one that was pruned with its event.
     */
    public boolean hasDelivered(String subscriptionId, String subject) {
        return !em.createQuery("SELECT d.id FROM Delivery d WHERE d.subscriptionId = :subscription"
                        + " AND d.subject = :subject AND d.status <> :suppressed", String.class)
                .setParameter("subscription", subscriptionId).setParameter("subject", subject)
                .setParameter("suppressed", DeliveryStatus.SUPPRESSED)
                .setMaxResults(1).getResultList().isEmpty()
                || !em.createNativeQuery("SELECT 1 FROM one_time_delivered WHERE subscription_id = ?1"
                        + " AND subject = ?2")
                .setParameter(1, subscriptionId).setParameter(2, subject)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /**
     * Makes a subscription's deliveries of one status since a time due again now, for the
     * pump to send; answers how many.
     */
    public int replay(String tenantId, String subscriptionId, Instant since, DeliveryStatus status) {
        Instant now = Times.now();
        return em.createQuery("UPDATE Delivery d SET d.status = :pending, d.nextAttemptAt = :now, d.updatedAt = :now"
                        + " WHERE d.tenantId = :tenant AND d.subscriptionId = :subscription AND d.status = :status"
                        + " AND d.createdAt >= :since AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)")
                .setParameter("pending", DeliveryStatus.PENDING).setParameter("now", now)
                .setParameter("tenant", tenantId).setParameter("subscription", subscriptionId)
                .setParameter("status", status).setParameter("since", since)
                .executeUpdate();
    }

    /** Records a receiver's acknowledgement of a delivery. */
    public void acknowledge(String tenantId, String deliveryId, String externalId, String status) {
        Delivery delivery = em.find(Delivery.class, deliveryId);
        if (delivery == null || !delivery.getTenantId().equals(tenantId)) {
            throw new NotFoundProblem("delivery", deliveryId);
        }
        delivery.acknowledge(Times.now(), externalId, status);
    }

    public void add(Delivery delivery) {
        em.persist(delivery);
    }

    /** Claims up to {@code limit} due deliveries for this instance's workers. */
    public List<Claim> claimDue(int limit) {
        OffsetDateTime now = utc(Times.now());
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery(DUE).setParameter(1, now).setParameter(2, limit).getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        List<String> ids = due.stream().map(row -> (String) row[0]).toList();
        String token = newToken();
        em.createQuery("UPDATE Delivery d SET d.claimToken = :token, d.claimedUntil = :until WHERE d.id IN :ids")
                .setParameter("token", token)
                .setParameter("until", Times.now().plus(settings.lease()))
                .setParameter("ids", ids)
                .executeUpdate();
        return due.stream().map(row -> new Claim((String) row[0], (String) row[1], token)).toList();
    }

    /** Claims the next delivery of an ordered subject once the one before it is done, if it is due. */
    public Optional<Claim> claimNextInOrder(String orderingKey) {
        Instant now = Times.now();
        List<Delivery> next = em.createQuery("SELECT d FROM Delivery d WHERE d.orderingKey = :key"
                        + " AND d.status = :pending ORDER BY d.id", Delivery.class)
                .setParameter("key", orderingKey).setParameter("pending", DeliveryStatus.PENDING)
                .setMaxResults(1).getResultList();
        if (next.isEmpty() || next.get(0).getNextAttemptAt().isAfter(now)) {
            return Optional.empty();
        }
        String token = newToken();
        int claimed = em.createQuery("UPDATE Delivery d SET d.claimToken = :token, d.claimedUntil = :until"
                        + " WHERE d.id = :id AND d.status = :pending"
                        + " AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)")
                .setParameter("token", token).setParameter("until", now.plus(settings.lease()))
                .setParameter("id", next.get(0).getId()).setParameter("pending", DeliveryStatus.PENDING)
                .setParameter("now", now)
                .executeUpdate();
        return claimed == 1 ? Optional.of(new Claim(next.get(0).getId(), next.get(0).getTenantId(), token))
                : Optional.empty();
    }

    /**
     * Renews the claim for a full lease and reads what the attempt needs. Empty when the claim
     * is no longer this worker's (it ran out and another took over) or the delivery is done.
     */
    public Optional<DeliveryJob> open(Claim claim) {
        int renewed = em.createQuery("UPDATE Delivery d SET d.claimedUntil = :until"
                        + " WHERE d.id = :id AND d.claimToken = :token AND d.status = :pending")
                .setParameter("until", Times.now().plus(settings.lease()))
                .setParameter("id", claim.deliveryId()).setParameter("token", claim.token())
                .setParameter("pending", DeliveryStatus.PENDING)
                .executeUpdate();
        if (renewed == 0) {
            return Optional.empty();
        }
        Delivery delivery = em.find(Delivery.class, claim.deliveryId());
        return Optional.of(new DeliveryJob(claim, delivery.getEventType(), delivery.getPayload(),
                delivery.getAttemptCount() + 1, delivery.getOrderingKey(),
                subscriptions.deliveryTarget(delivery.getSubscriptionId())));
    }

    /**
     * Logs an attempt and moves the delivery on: {@code nextAttemptAt} null means done
     * ({@code status} succeeded or failed), otherwise it waits until then; then tracks the
     * subscription's health.
     */
    public void record(Claim claim, AttemptRecord attempt, DeliveryStatus status, Instant nextAttemptAt,
            boolean subscriptionWasHealthy) {
        Instant now = Times.now();
        List<String> redirects = attempt.outcome().redirects();
        em.persist(new DeliveryAttempt(Ids.next("att"), claim.deliveryId(), attempt.attempt(), attempt.url(),
                redirects.isEmpty() ? null : Jsons.stringArray(redirects), attempt.method(), attempt.requestHeaders(),
                attempt.outcome().statusCode(),
                attempt.outcome().responseBody(), attempt.outcome().responseTimeMs(), attempt.outcome().error(),
                now));
        // A null time is written as a literal: PostgreSQL refuses a null bound without its type.
        var update = em.createQuery("UPDATE Delivery d SET d.status = :status, d.attemptCount = :attempts,"
                        + (nextAttemptAt == null ? " d.nextAttemptAt = NULL," : " d.nextAttemptAt = :next,")
                        + " d.claimToken = NULL, d.claimedUntil = NULL,"
                        + " d.lastError = :error, d.updatedAt = :now WHERE d.id = :id AND d.claimToken = :token")
                .setParameter("status", status).setParameter("attempts", attempt.attempt())
                .setParameter("error", truncate(attempt.outcome().error()))
                .setParameter("now", now).setParameter("id", claim.deliveryId()).setParameter("token", claim.token());
        if (nextAttemptAt != null) {
            update.setParameter("next", nextAttemptAt);
        }
        // A success to a subscription without failures changes nothing more: the common case stays two statements.
        if (update.executeUpdate() == 1 && !(attempt.outcome().succeeded() && subscriptionWasHealthy)) {
            afterAttempt(em.find(Delivery.class, claim.deliveryId()), attempt.outcome(), status, now);
        }
    }

    /**
     * The subscription's health, and the operational events a tenant can subscribe to:
     * {@code delivery.exhausted} when retries ran out, {@code webhook.disabled} when the
     * subscription was just disabled. Raised in this transaction, like every event.
     */
    private void afterAttempt(Delivery delivery, AttemptOutcome outcome, DeliveryStatus status, Instant now) {
        boolean operational = OPERATIONAL.contains(delivery.getEventType());
        usage.recordAttempt(delivery.getSubscriptionId(), outcome.succeeded(),
                        outcome.statusCode() != null && outcome.statusCode() == 410, now)
                .ifPresent(reason -> raised.fire(new RaisedEvent(delivery.getTenantId(), "webhook.disabled",
                        delivery.getSubscriptionId(), Jsons.object()
                                .add("subscription_id", delivery.getSubscriptionId())
                                .add("reason", reason)
                                .add("disabled_at", now.toString()).build(), null)));
        if (status == DeliveryStatus.FAILED && outcome.retryable() && !operational) {
            raised.fire(new RaisedEvent(delivery.getTenantId(), "delivery.exhausted", delivery.getId(), Jsons.object()
                    .add("delivery_id", delivery.getId())
                    .add("subscription_id", delivery.getSubscriptionId())
                    .add("event_id", delivery.getEventId())
                    .add("attempts", delivery.getAttemptCount()).build(), null));
        }
    }

    /** Ends a delivery without an attempt (its subscription is gone). */
    public void abandon(Claim claim, String reason) {
        em.createQuery("UPDATE Delivery d SET d.status = :failed, d.nextAttemptAt = NULL, d.claimToken = NULL,"
                        + " d.claimedUntil = NULL, d.lastError = :reason, d.updatedAt = :now"
                        + " WHERE d.id = :id AND d.claimToken = :token")
                .setParameter("failed", DeliveryStatus.FAILED).setParameter("reason", reason)
                .setParameter("now", Times.now()).setParameter("id", claim.deliveryId())
                .setParameter("token", claim.token())
                .executeUpdate();
    }

    /**
     * Makes a delivery due again now and claims it, for a manual redelivery: one more attempt
     * under the same id, so receivers can recognise it.
     */
    public Claim redeliver(String tenantId, String deliveryId) {
        Delivery delivery = em.find(Delivery.class, deliveryId);
        if (delivery == null || !delivery.getTenantId().equals(tenantId)) {
            throw new NotFoundProblem("delivery", deliveryId);
        }
        Instant now = Times.now();
        String token = newToken();
        int claimed = em.createQuery("UPDATE Delivery d SET d.status = :pending, d.nextAttemptAt = :now,"
                        + " d.claimToken = :token, d.claimedUntil = :until, d.updatedAt = :now"
                        + " WHERE d.id = :id AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)")
                .setParameter("pending", DeliveryStatus.PENDING).setParameter("now", now)
                .setParameter("token", token).setParameter("until", now.plus(settings.lease()))
                .setParameter("id", deliveryId)
                .executeUpdate();
        if (claimed == 0) {
            throw new ConflictException("Delivery " + deliveryId + " is being attempted right now; "
                    + "its attempts list shows the outcome");
        }
        return new Claim(deliveryId, tenantId, token);
    }

    /** Puts a delivery back to wait, without counting an attempt (its subscription is paused). */
    public void hold(Claim claim, Instant until) {
        em.createQuery("UPDATE Delivery d SET d.nextAttemptAt = :until, d.claimToken = NULL, d.claimedUntil = NULL"
                        + " WHERE d.id = :id AND d.claimToken = :token")
                .setParameter("until", until).setParameter("id", claim.deliveryId())
                .setParameter("token", claim.token())
                .executeUpdate();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
