package dev.herald.delivery.control;

import dev.herald.subscriptions.control.SubscriptionRoute;
import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The subscriptions each event of the transaction matched before it was chained, kept until
 * its deliveries are made once it has been.
 */
@TransactionScoped
public class MatchedRoutes implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, List<SubscriptionRoute>> byEvent = new HashMap<>();
    private final Map<String, List<SubscriptionRoute>> activeByTenant = new HashMap<>();

    /**
     * The tenant's active subscriptions, read once for the events that arrive together (a
     * batch, all matched before any is chained) and read again after an event is recorded,
     * since what follows in the transaction may change them.
     */
    List<SubscriptionRoute> active(String tenantId, Function<String, List<SubscriptionRoute>> read) {
        return activeByTenant.computeIfAbsent(tenantId, read);
    }

    void put(String eventId, List<SubscriptionRoute> routes) {
        byEvent.put(eventId, routes);
    }

    /** The routes matched for the event, or null if it was not matched before it was chained. */
    List<SubscriptionRoute> take(String eventId) {
        activeByTenant.clear();
        return byEvent.remove(eventId);
    }
}
