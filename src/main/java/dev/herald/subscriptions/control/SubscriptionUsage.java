package dev.herald.subscriptions.control;

import dev.herald.platform.SharedRate;
import dev.herald.subscriptions.entity.SubscriptionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What deliveries do to a subscription: they use up its quota and make or break its health.
 * Plain UPDATE statements throughout, so concurrent workers never conflict over the row.
 */
@ApplicationScoped
@Transactional
public class SubscriptionUsage {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    SubscriptionSettings settings;

    private static final SharedRate.Column RATE = new SharedRate.Column("subscriptions", "rate_next_micros");

    /**
     * Takes one delivery from the subscription's rate limit ({@code perSecond}, in bursts of up
     * to a second's worth), shared by every instance on the database.
     *
     * @return empty when the delivery may go now, else how long until it may
     */
    public Optional<Duration> takeRate(String subscriptionId, double perSecond, Instant now) {
        return SharedRate.take(em, RATE, subscriptionId, perSecond, Math.max(1, perSecond), now);
    }

    /**
     * Takes one delivery from the subscription's quota, starting a new period when the last
     * one is over; concurrent workers never overdraw it.
     *
     * @return empty when the delivery may go now, else when the next period begins
     */
    public Optional<Instant> takeQuota(String subscriptionId, SubscriptionSpec.Quota quota, Instant now) {
        em.createQuery("UPDATE Subscription s SET s.quotaUsed = 0, s.quotaPeriodStart = :now WHERE s.id = :id"
                        + " AND (s.quotaPeriodStart IS NULL OR s.quotaPeriodStart <= :periodAgo)")
                .setParameter("now", now)
                .setParameter("id", subscriptionId)
                .setParameter("periodAgo", quota.overIfBeganBy(now))
                .executeUpdate();
        int taken = em.createQuery("UPDATE Subscription s SET s.quotaUsed = s.quotaUsed + 1"
                        + " WHERE s.id = :id AND s.quotaUsed < :limit")
                .setParameter("id", subscriptionId)
                .setParameter("limit", quota.limit())
                .executeUpdate();
        if (taken == 1) {
            return Optional.empty();
        }
        Instant periodStart = em.createQuery(
                        "SELECT s.quotaPeriodStart FROM Subscription s WHERE s.id = :id", Instant.class)
                .setParameter("id", subscriptionId)
                .getSingleResult();
        return Optional.of(quota.periodEnd(periodStart));
    }

    /**
     * Tracks a subscription's health after an attempt: a success ends a run of failures; a
     * failure extends it, and disables the subscription when the receiver answered 410 Gone
     * or when it has failed without a single success for {@code herald.subscription.disable-after}.
     *
     * @return why the subscription was disabled by this very attempt, or empty
     */
    public Optional<String> recordAttempt(String subscriptionId, boolean succeeded, boolean gone, Instant now) {
        if (succeeded) {
            em.createQuery("UPDATE Subscription s SET s.failingSince = NULL, s.consecutiveFailures = 0"
                            + " WHERE s.id = :id AND s.consecutiveFailures > 0")
                    .setParameter("id", subscriptionId)
                    .executeUpdate();
            return Optional.empty();
        }
        em.createQuery("UPDATE Subscription s SET s.consecutiveFailures = s.consecutiveFailures + 1 WHERE s.id = :id")
                .setParameter("id", subscriptionId)
                .executeUpdate();
        em.createQuery("UPDATE Subscription s SET s.failingSince = :now WHERE s.id = :id AND s.failingSince IS NULL")
                .setParameter("now", now)
                .setParameter("id", subscriptionId)
                .executeUpdate();
        String reason = gone
                ? "The endpoint answered 410 Gone"
                : "Every attempt failed for " + settings.disableAfter() + " or longer";
        var disable = em.createQuery("UPDATE Subscription s SET s.status = :disabled, s.updatedAt = :now,"
                        + " s.version = s.version + 1 WHERE s.id = :id AND s.status = :active"
                        + (gone ? "" : " AND s.failingSince <= :cutoff"))
                .setParameter("disabled", SubscriptionStatus.DISABLED)
                .setParameter("now", now)
                .setParameter("id", subscriptionId)
                .setParameter("active", SubscriptionStatus.ACTIVE);
        if (!gone) {
            disable.setParameter("cutoff", now.minus(settings.disableAfter()));
        }
        int disabled = disable.executeUpdate();
        return disabled == 1 ? Optional.of(reason) : Optional.empty();
    }
}
