package dev.herald.delivery.control;

import dev.herald.platform.TransactionLocals;
import dev.herald.subscriptions.control.SubscriptionRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The subscriptions each event of the transaction matched before it was chained, kept until
 * its deliveries are made once it has been.
 */
@ApplicationScoped
public class MatchedRoutes {

    private static final Object MATCHES = new Object();

    @Inject
    TransactionLocals transaction;

    /** What one transaction keeps. */
    private record Matches(
            Map<String, List<SubscriptionRoute>> byEvent, Map<String, List<SubscriptionRoute>> activeByTenant) {}

    /**
     * The tenant's active subscriptions, read once for the events that arrive together (a
     * batch, all matched before any is chained) and read again after an event is recorded,
     * since what follows in the transaction may change them.
     */
    List<SubscriptionRoute> active(String tenantId, Function<String, List<SubscriptionRoute>> read) {
        return matches().activeByTenant().computeIfAbsent(tenantId, read);
    }

    void put(String eventId, List<SubscriptionRoute> routes) {
        matches().byEvent().put(eventId, routes);
    }

    /** The routes matched for the event, or null if it was not matched before it was chained. */
    List<SubscriptionRoute> take(String eventId) {
        Matches matches = matches();
        matches.activeByTenant().clear();
        return matches.byEvent().remove(eventId);
    }

    private Matches matches() {
        return transaction.get(MATCHES, () -> new Matches(new HashMap<>(), new HashMap<>()));
    }
}
