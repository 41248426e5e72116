package dev.herald.subscriptions.control;

import dev.herald.subscriptions.control.SubscriptionSpec.Filter;
import java.util.List;

/**
 * How an active subscription selects events: its type patterns and payload filters.
 *
 * @param orderedBySubject whether events of one subject must reach it strictly in order
 * @param oneTime          whether only the first event of each subject reaches it
 * @param sharingUpdates   whether a subject's {@code *.updated} events wait for its {@code *.shared} one
 * @param dataBody         whether its receiver takes the event's data alone as the body ({@link Presentation#body()})
 */
public record SubscriptionRoute(
        String subscriptionId,
        List<String> events,
        List<Filter> filters,
        boolean orderedBySubject,
        boolean oneTime,
        boolean sharingUpdates,
        boolean dataBody) {}
