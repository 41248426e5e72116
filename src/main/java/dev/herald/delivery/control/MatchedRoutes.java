package dev.herald.delivery.control;

import dev.herald.subscriptions.control.SubscriptionRoute;
import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscriptions each event of the transaction matched before it was chained, kept until
 * its deliveries are made once it has been.
 */
@TransactionScoped
public class MatchedRoutes implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, List<SubscriptionRoute>> byEvent = new HashMap<>();

    void put(String eventId, List<SubscriptionRoute> routes) {
        byEvent.put(eventId, routes);
    }

    /** The routes matched for the event, or null if it was not matched before it was chained. */
    List<SubscriptionRoute> take(String eventId) {
        return byEvent.remove(eventId);
    }
}
