package dev.herald.subscriptions.control;

import java.util.List;
import java.util.Map;

/** A tenant's active subscriptions as one read saw them: what a batch of its new events is matched against. */
public interface ActiveSubscriptions {

    /** How each selects events. */
    List<SubscriptionRoute> routes();

    /**
     * How to send to the subscriptions an event matched, by id, each as one version of it (the
     * read's, or a later one if it changed since); one deleted since is left out. Each is opened
     * once for the read, whichever events match it.
     */
    Map<String, DeliveryTarget> targets(List<SubscriptionRoute> matched);
}
