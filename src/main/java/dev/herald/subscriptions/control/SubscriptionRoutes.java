package dev.herald.subscriptions.control;

import dev.herald.platform.json.Jsons;
import dev.herald.platform.memo.WeighedMemo;
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

    private record Version(String subscriptionId, long version) {}

    private record Opened(SubscriptionSpec spec, long weight) {}

    /**
     * Specs opened before, by subscription and version: a subscription changed anywhere (another
     * instance too) has a new version. Weighed by the characters its row stores (its headers
     * alone may hold 80,000); one heavier than 8,192 is opened for each delivery, at its own
     * tenant's cost.
     */
    private final WeighedMemo<Version, Opened> openedSpecs =
            new WeighedMemo<>(10_000, 8 * 1024 * 1024, 8_192, (version, opened) -> opened.weight());

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

    /**
     * Everything needed to deliver to a subscription, or empty once it is deleted. Within the
     * transaction that read the tenant's {@link #active} subscriptions, a subscription among them
     * is taken from what that read, not read again.
     */
    public Optional<DeliveryTarget> target(String subscriptionId) {
        Subscription s = em.find(Subscription.class, subscriptionId);
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryTarget(
                s.id(), s.tenantId(), s.status(), spec(s), secrets.signingSecrets(s), s.consecutiveFailures()));
    }

    /**
     * The subscription's settings as opened for its version: their JSON parsed and its sealed
     * headers and credentials opened once per change, not once per delivery.
     */
    private SubscriptionSpec spec(Subscription s) {
        return openedSpecs
                .get(new Version(s.id(), s.version()), version -> new Opened(specs.of(s), s.storedChars()))
                .spec();
    }
}
