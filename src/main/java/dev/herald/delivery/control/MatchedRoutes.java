package dev.herald.delivery.control;

import dev.herald.platform.Times;
import dev.herald.platform.TransactionLocals;
import dev.herald.platform.text.FilterWork;
import dev.herald.subscriptions.control.ActiveSubscriptions;
import dev.herald.subscriptions.control.DeliveryTarget;
import dev.herald.subscriptions.control.SubscriptionRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The subscriptions each event of the transaction matched before it was chained, kept until
 * its deliveries are made once it has been.
 */
@ApplicationScoped
public class MatchedRoutes {

    private static final Object MATCHES = new Object();

    @Inject
    TransactionLocals transaction;

    /**
     * A tenant's active subscriptions, when the read of them began, and how many of the tenant's
     * subscriptions had been turned on by then ({@code HashChain#subscriptionsTurnedOn}).
     */
    record Active(ActiveSubscriptions subscriptions, Instant readAt, long turnedOn) {}

    /**
     * What an event matched.
     *
     * @param tooCostly the subscriptions among them whose filters were too costly to run on it
     * @param work what is left of the event's filter work, for the filters checked once it is chained
     * @param targets the subscriptions matched, as read to match them, by id
     * @param matchedAgainst the read of the tenant's subscriptions the event was matched against
     */
    record Matched(
            List<SubscriptionRoute> routes,
            Set<String> tooCostly,
            FilterWork work,
            Map<String, DeliveryTarget> targets,
            Active matchedAgainst) {

        /** The subscription as read to match the event; null if it was deleted before it could be opened. */
        SubscriptionAsRead asRead(String subscriptionId) {
            DeliveryTarget target = targets.get(subscriptionId);
            return target == null ? null : new SubscriptionAsRead(target, matchedAgainst.readAt());
        }
    }

    /** What one transaction keeps. */
    private record Matches(Map<String, Matched> byEvent, Map<String, Active> activeByTenant) {}

    /**
     * The tenant's active subscriptions, read once for the events that arrive together (a
     * batch, all matched before any is chained) and read again after an event is recorded,
     * since what follows in the transaction may change them.
     */
    Active active(String tenantId, Function<String, ActiveSubscriptions> read, ToLongFunction<String> turnedOn) {
        return matches().activeByTenant().computeIfAbsent(tenantId, tenant -> {
            Instant readAt = Times.now(); // before the read: what it sees was stored by then
            long turnedOnBefore = turnedOn.applyAsLong(tenant); // likewise: a later one is matched again
            return new Active(read.apply(tenant), readAt, turnedOnBefore);
        });
    }

    void put(String eventId, Matched matched) {
        matches().byEvent().put(eventId, matched);
    }

    /** What the event matched, or null if it was not matched before it was chained. */
    Matched take(String eventId) {
        Matches matches = matches();
        matches.activeByTenant().clear();
        return matches.byEvent().remove(eventId);
    }

    private Matches matches() {
        return transaction.get(MATCHES, () -> new Matches(new HashMap<>(), new HashMap<>()));
    }
}
