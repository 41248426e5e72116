package dev.herald.delivery.control;

import dev.herald.catalog.control.EventCatalog;
import dev.herald.delivery.entity.Delivery;
import dev.herald.events.control.EventArriving;
import dev.herald.events.control.EventsRecorded;
import dev.herald.events.control.HashChain;
import dev.herald.events.control.RecordedEvent;
import dev.herald.platform.Ids;
import dev.herald.platform.Times;
import dev.herald.platform.text.FilterVerdict;
import dev.herald.platform.text.FilterWork;
import dev.herald.subscriptions.control.DeliveryTarget;
import dev.herald.subscriptions.control.SubscriptionRoute;
import dev.herald.subscriptions.control.SubscriptionRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a recorded event into one delivery per matching active subscription, in the
 * transaction that recorded the event. The subscriptions are matched before the event is
 * chained ({@link EventArriving}), so that tenants' filters never run under the chain head's
 * lock. Each delivery is claimed at once for dispatch right after commit, unless it must
 * queue behind an earlier delivery of its ordered subject.
 */
@ApplicationScoped
public class FanOut {

    /**
     * The largest payload a new claim carries to its worker (characters); a larger one is read
     * when the claim is taken up. Until commit the claim shares the string with the delivery
     * being stored; after it, the workers' queue keeps payloads within its budget
     * ({@link Dispatcher#submit}).
     */
    private static final int MAX_CARRIED_PAYLOAD = 8 * 1024;

    @Inject
    SubscriptionRoutes routes;

    @Inject
    DeliveryLedger ledger;

    @Inject
    NewDeliveries newDeliveries;

    @Inject
    DeliverySettings settings;

    @Inject
    Event<DeliveriesScheduled> scheduled;

    @Inject
    MatchedRoutes matched;

    @Inject
    HashChain chain;

    @Inject
    EventCatalog catalog;

    /**
     * Matches the event, and takes each subscription it matched as opened in this transaction (once
     * for all the events arriving together), for its delivery's worker to send with.
     */
    void onArriving(@Observes EventArriving event) {
        JsonObject known = Payloads.beforeChaining(event);
        MatchedRoutes.Active active = matched.active(event.tenantId(), routes::active, chain::subscriptionsTurnedOn);
        FilterWork work = FilterWork.perEvent();
        List<SubscriptionRoute> hits = new ArrayList<>();
        Set<String> tooCostly = new HashSet<>();
        // In the order of the subscriptions' ids: a spent budget leaves out the same ones each time.
        for (SubscriptionRoute route : active.subscriptions().routes()) {
            if (!EventMatcher.typeMatches(route.events(), event.type())) {
                continue;
            }
            FilterVerdict verdict = EventMatcher.filtersPassBeforeChaining(route.filters(), known, work);
            if (verdict != FilterVerdict.FAILS) {
                hits.add(route); // too costly to match: its delivery is written suppressed, to say so
            }
            if (verdict == FilterVerdict.TOO_COSTLY) {
                tooCostly.add(route.subscriptionId());
            }
        }
        Map<String, DeliveryTarget> targets = active.subscriptions().targets(hits);
        matched.put(event.id(), new MatchedRoutes.Matched(hits, tooCostly, work, targets, active));
    }

    void onRecorded(@Observes RecordedEvent event) {
        if (!event.fanOut()) {
            return;
        }
        MatchedRoutes.Matched matches = matched.take(event.id());
        if (matches == null) {
            throw new IllegalStateException("Event " + event.id() + " was chained without being matched first");
        }
        List<SubscriptionRoute> turnedOnSince = turnedOnSinceMatched(event, matches);
        List<SubscriptionRoute> matchedRoutes = turnedOnSince.isEmpty()
                ? matches.routes()
                : Stream.concat(matches.routes().stream(), turnedOnSince.stream())
                        .toList();
        Instant now = Times.now();
        List<Claim> immediate = new ArrayList<>();
        Set<String> waiting = new LinkedHashSet<>();
        SuppressedByOptions options = SuppressedByOptions.of(
                ledger,
                catalog,
                event.tenantId(),
                event.type(),
                matchedRoutes.stream().anyMatch(SubscriptionRoute::sharingUpdates));
        for (SubscriptionRoute route : matchedRoutes) {
            String deliveryId = Ids.next("dlv");
            JsonObject payload = Payloads.of(deliveryId, event);
            FilterVerdict after = turnedOnSince.contains(route)
                    ? EventMatcher.filtersPass(route.filters(), payload, matches.work())
                    : EventMatcher.filtersPassAfterChaining(route.filters(), payload, matches.work());
            if (after == FilterVerdict.FAILS) {
                continue;
            }
            FilterVerdict verdict =
                    matches.tooCostly().contains(route.subscriptionId()) ? FilterVerdict.TOO_COSTLY : after;
            String body = Payloads.body(payload, route.dataBody());
            Payloads.Kept kept = newDeliveries.keep(body, route.dataBody());
            String orderingKey = route.orderedBySubject() && event.subject() != null
                    ? route.subscriptionId() + "|" + event.subject()
                    : null;
            Delivery delivery = new Delivery(
                    deliveryId,
                    event.tenantId(),
                    event.id(),
                    route.subscriptionId(),
                    event.type(),
                    kept.copy(),
                    kept.form(),
                    event.subject(),
                    orderingKey,
                    event.sequence(),
                    now);
            Optional<String> suppressed = verdict == FilterVerdict.TOO_COSTLY
                    ? Optional.of(EventMatcher.TOO_COSTLY_TO_MATCH)
                    : options.why(route.subscriptionId(), route.oneTime(), route.sharingUpdates(), event.subject());
            if (suppressed.isPresent()) {
                delivery.suppress(suppressed.get());
            } else if (orderingKey == null || !ledger.hasPending(orderingKey)) {
                // It carries its subscription as matched: its worker then need not read it (a
                // sixteenth of Herald's CPU under single publishes on PostgreSQL was that read).
                String carried = body.length() <= MAX_CARRIED_PAYLOAD ? body : null;
                Claim claim = new Claim(
                        deliveryId,
                        event.tenantId(),
                        DeliveryLedger.newToken(),
                        now.plus(settings.lease()),
                        new Claim.Work(
                                route.subscriptionId(),
                                event.type(),
                                0,
                                orderingKey,
                                carried,
                                matches.asRead(route.subscriptionId())));
                delivery.claim(claim.token(), claim.leasedUntil());
                immediate.add(claim);
            } else {
                delivery.setAsideUntilItsTurn(); // a new event's: every pending one of its subject is earlier
                waiting.add(orderingKey);
            }
            newDeliveries.add(delivery);
        }
        if (!immediate.isEmpty() || !waiting.isEmpty()) {
            scheduled.fire(new DeliveriesScheduled(immediate, waiting));
        }
    }

    /**
     * The subscriptions of the event's tenant turned on after its match read them and before its
     * publish took the chain head, which they count under ({@code HashChain#countSubscriptionTurnedOn}):
     * matched now by type, their filters once the payload is made. Empty, without a statement,
     * when none was (the count as matched is the head's own, which this transaction holds).
     */
    private List<SubscriptionRoute> turnedOnSinceMatched(RecordedEvent event, MatchedRoutes.Matched matches) {
        MatchedRoutes.Active before = matches.matchedAgainst();
        if (chain.subscriptionsTurnedOnAsHeld(event.tenantId()) == before.turnedOn()) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        before.subscriptions().routes().forEach(route -> seen.add(route.subscriptionId()));
        return routes.active(event.tenantId()).routes().stream()
                .filter(route -> !seen.contains(route.subscriptionId())
                        && EventMatcher.typeMatches(route.events(), event.type()))
                .toList();
    }

    /** The deliveries of all the events just recorded, written together. */
    void onAllRecorded(@Observes EventsRecorded events) {
        newDeliveries.write();
    }
}
