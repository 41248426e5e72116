package dev.herald.subscriptions.control;

import java.util.List;
import java.util.Map;

/** A tenant's active subscriptions as one read saw them: what a batch of its new events is matched against. */
public interface ActiveSubscriptions {

    /** How each selects events. */
    List<SubscriptionRoute> routes();

    /**
     * How to send to the subscriptions an event matched, as this read saw them, by id; one deleted
     * since is left out. Each is opened once for the read, whichever events match it.
     */
    Map<String, DeliveryTarget> targets(List<SubscriptionRoute> matched);
}
