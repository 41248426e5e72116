package dev.herald.subscriptions.control;

import dev.herald.platform.json.Jsons;
import dev.herald.subscriptions.entity.Subscription;
import dev.herald.subscriptions.entity.SubscriptionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** What the delivery feature needs of subscriptions: which events each takes, and where and how to send them. */
@ApplicationScoped
@Transactional
public class SubscriptionRoutes {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    SubscriptionSpecs specs;

    @Inject
    SubscriptionSecrets secrets;

    /** How each active subscription of a tenant selects events: what a new event is matched against. */
    public List<SubscriptionRoute> active(String tenantId) {
        return em.createQuery(
                        "SELECT s FROM Subscription s WHERE s.tenantId = :tenant AND s.status = :active",
                        Subscription.class)
                .setParameter("tenant", tenantId)
                .setParameter("active", SubscriptionStatus.ACTIVE)
                .getResultStream()
                .map(s -> {
                    SubscriptionSpec.Options options = SubscriptionJson.options(s.optionsJson());
                    return new SubscriptionRoute(
                            s.id(),
                            Jsons.strings(s.eventsJson()),
                            SubscriptionJson.filters(s.filtersJson()),
                            "subject".equals(s.ordering()),
                            options.oneTime(),
                            options.sharingUpdates(),
                            SubscriptionJson.presentation(s.presentationJson()).dataBody());
                })
                .toList();
    }

    /** Everything needed to deliver to a subscription, or empty once it is deleted. */
    public Optional<DeliveryTarget> target(String subscriptionId) {
        Subscription s = em.find(Subscription.class, subscriptionId);
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryTarget(
                s.id(), s.tenantId(), s.status(), specs.of(s), secrets.signingSecrets(s), s.consecutiveFailures()));
    }
}
