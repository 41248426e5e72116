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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

    /** Bounds {@link #openedSpecs}: beyond it they are opened afresh. */
    private static final int OPENED_AT_MOST = 10_000;

    private record OpenedSpec(long version, SubscriptionSpec spec) {}

    /** By subscription id; a subscription changed anywhere (another instance too) has a new version. */
    private final Map<String, OpenedSpec> openedSpecs = new ConcurrentHashMap<>();

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
        OpenedSpec opened = openedSpecs.get(s.id());
        if (opened == null || opened.version() != s.version()) {
            opened = new OpenedSpec(s.version(), specs.of(s));
            if (openedSpecs.size() >= OPENED_AT_MOST) {
                // A tenant with more subscriptions than this costs the others a parse each, no more.
                openedSpecs.clear();
            }
            openedSpecs.put(s.id(), opened);
        }
        return opened.spec();
    }
}
