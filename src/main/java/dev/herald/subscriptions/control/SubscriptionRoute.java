package dev.herald.subscriptions.control;

import dev.herald.subscriptions.control.SubscriptionSpec.Filter;
import java.util.List;

/**
 * How an active subscription selects events: its type patterns and payload filters.
 *
 * @param orderedBySubject whether events of one subject must reach it strictly in order
 * @param oneTime          whether only the first event of each subject reaches it
 */
public record SubscriptionRoute(String subscriptionId, List<String> events, List<Filter> filters,
        boolean orderedBySubject, boolean oneTime) {
}
