package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.catalog.control.EventCatalog;
import dev.herald.catalog.control.EventType;
import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.events.control.EventArriving;
import dev.herald.events.control.HashChain;
import dev.herald.events.control.RecordedEvent;
import dev.herald.platform.OneTransaction;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import dev.herald.platform.text.TextComparison;
import dev.herald.subscriptions.control.ActiveSubscriptions;
import dev.herald.subscriptions.control.DeliveryTarget;
import dev.herald.subscriptions.control.SubscriptionRoute;
import dev.herald.subscriptions.control.SubscriptionRoutes;
import dev.herald.subscriptions.control.SubscriptionSpec.Filter;
import dev.herald.subscriptions.entity.SubscriptionStatus;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.json.JsonObject;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fan-out without a server: which subscriptions an event reaches, and which of its deliveries
 * go at once, wait behind their subject, or are suppressed. The ledger, the routes and the
 * catalog are stand-ins holding what the database would.
 */
class FanOutTest {

    private static final String TENANT = "ten_1";
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final List<SubscriptionRoute> active = new ArrayList<>();
    private final List<Delivery> added = new ArrayList<>();
    private final List<DeliveriesScheduled> fired = new ArrayList<>();
    private final Set<String> pendingKeys = new HashSet<>();
    private final Set<String> delivered = new HashSet<>();
    private final Set<String> shared = new HashSet<>();
    private final Set<String> knownTypes = new HashSet<>();
    private FanOut fanOut;
    private long sequence;
    private long turnedOn;
    private int reads;

    @BeforeEach
    void wire() {
        fanOut = new FanOut();
        fanOut.routes = new SubscriptionRoutes() {
            @Override
            public ActiveSubscriptions active(String tenantId) {
                reads++;
                List<SubscriptionRoute> routes = List.copyOf(active);
                return new ActiveSubscriptions() {
                    @Override
                    public List<SubscriptionRoute> routes() {
                        return routes;
                    }

                    @Override
                    public Map<String, DeliveryTarget> targets(List<SubscriptionRoute> matched) {
                        return matched.stream()
                                .collect(Collectors.toMap(
                                        SubscriptionRoute::subscriptionId,
                                        route -> new DeliveryTarget(
                                                route.subscriptionId(),
                                                TENANT,
                                                SubscriptionStatus.ACTIVE,
                                                null,
                                                List.of("whsec_1"),
                                                0)));
                    }
                };
            }
        };
        fanOut.newDeliveries = new NewDeliveries() {
            @Override
            void add(Delivery delivery) {
                added.add(delivery);
            }

            @Override
            Payloads.Kept keep(String body, boolean dataBody) {
                return Payloads.Kept.copied(body);
            }
        };
        fanOut.ledger = new DeliveryLedger() {
            @Override
            public boolean hasPending(String orderingKey) {
                return pendingKeys.contains(orderingKey);
            }

            @Override
            public boolean hasDelivered(String subscriptionId, String subject) {
                return delivered.contains(subscriptionId + "|" + subject);
            }

            @Override
            public boolean hasShared(String subscriptionId, String subject, String shareType) {
                return shared.contains(subscriptionId + "|" + subject + "|" + shareType);
            }
        };
        fanOut.settings = new DeliverySettings() {
            @Override
            public Duration lease() {
                return LEASE;
            }
        };
        fanOut.catalog = new EventCatalog() {
            @Override
            public boolean isKnown(String tenantId, String name) {
                return knownTypes.contains(name);
            }

            /** A fan-out asks whether a type exists, never for its schema (up to 1 MiB, parsed). */
            @Override
            public Optional<EventType> find(String tenantId, String name) {
                throw new AssertionError("a schema read at fan-out: " + name);
            }
        };
        fanOut.matched = new MatchedRoutes();
        fanOut.matched.transaction = new OneTransaction();
        fanOut.scheduled = new Recording();
        fanOut.chain = new HashChain() {
            @Override
            public long subscriptionsTurnedOn(String tenantId) {
                return turnedOn;
            }

            @Override
            public long subscriptionsTurnedOnAsHeld(String tenantId) {
                return turnedOn;
            }
        };
    }

    /**
     * A subscription turned on after an event was matched and before it was chained (its publish
     * waiting for the chain head, which turning one on takes and counts under) is matched once the
     * event is recorded, its filters on the whole payload; one turned on and counted before the
     * match is not matched twice.
     */
    @Test
    void aSubscriptionTurnedOnWhileTheEventWaitedForTheChainHeadIsMatchedOnceItIsRecorded() {
        active.add(route("wh_before", List.of("build.*"), List.of()));
        turnedOn = 1;
        String id = "evt_" + (++sequence);
        JsonObject body = Jsons.object().add("status", "failed").build();
        fanOut.onArriving(new EventArriving(id, TENANT, "build.finished", "b-1", body));
        active.add(route("wh_late", List.of("build.*"), List.of()));
        active.add(route("wh_late_other_type", List.of("deployment.*"), List.of()));
        active.add(route(
                "wh_late_filtered",
                List.of("*"),
                List.of(new Filter("data.status", TextComparison.EQUALS, "success"))));
        turnedOn = 4;

        fanOut.onRecorded(recorded(id, "build.finished", "b-1", body, true));

        assertEquals(
                List.of("wh_before", "wh_late"),
                added.stream().map(Delivery::subscriptionId).toList());
        assertEquals(2, fired.get(0).claims().size(), "both go at once");

        // Nothing turned on meanwhile: the event's match stands, and no subscription is read again.
        added.clear();
        reads = 0;
        publish("build.finished", "b-2", Map.of());
        assertEquals(1, reads, "the match's read alone");
        assertEquals(
                List.of("wh_before", "wh_late"),
                added.stream().map(Delivery::subscriptionId).toList());
    }

    @Test
    void anEventReachesEverySubscriptionWhoseTypesAndFiltersMatchAndGoesAtOnce() {
        active.add(route("wh_all", List.of("*"), List.of()));
        active.add(route("wh_builds", List.of("build.*"), List.of()));
        active.add(route("wh_deploys", List.of("deployment.*"), List.of()));
        active.add(route(
                "wh_failed", List.of("build.*"), List.of(new Filter("data.status", TextComparison.EQUALS, "failed"))));

        publish("build.finished", "b-1", Map.of("status", "success"));

        assertEquals(
                List.of("wh_all", "wh_builds"),
                added.stream().map(Delivery::subscriptionId).toList());
        assertEquals(1, fired.size(), "one notice for the transaction's claims");
        assertEquals(2, fired.get(0).claims().size());
        for (Delivery delivery : added) {
            assertEquals(DeliveryStatus.PENDING, delivery.status());
            JsonObject payload =
                    Jsons.reader(new java.io.StringReader(delivery.payload())).readObject();
            assertEquals(delivery.id(), payload.getString("id"), "the payload's id is the delivery's");
            assertEquals("build.finished", payload.getString("event"));
        }
    }

    @Test
    void eachClaimCarriesThePayloadStoredWithItsDeliveryUnlessItIsLarge() {
        active.add(route("wh_a", List.of("*"), List.of()));
        active.add(route("wh_b", List.of("*"), List.of()));

        publish("build.finished", "b-1", Map.of("status", "success"));
        publish("build.finished", "b-2", Map.of("log", "x".repeat(9000)));

        List<Claim> claims = fired.stream().flatMap(f -> f.claims().stream()).toList();
        assertEquals(4, claims.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(added.get(i).id(), claims.get(i).deliveryId());
            assertEquals(added.get(i).payload(), claims.get(i).work().payload());
        }
        assertEquals(
                java.util.Arrays.asList(null, null),
                claims.subList(2, 4).stream().map(c -> c.work().payload()).toList(),
                "a payload over 8 KiB is read when its claim is taken up, not carried");
    }

    @Test
    void eachClaimCarriesItsSubscriptionAsReadToMatchTheEvent() {
        active.add(route("wh_a", List.of("*"), List.of()));
        active.add(route("wh_b", List.of("*"), List.of()));
        Instant beforeTheRead = Times.now();

        publish("build.finished", "b-1", Map.of("status", "success"));

        List<Claim> claims = fired.get(0).claims();
        for (Claim claim : claims) {
            SubscriptionAsRead carried = claim.work().subscription();
            assertEquals(claim.work().subscriptionId(), carried.target().subscriptionId());
            assertTrue(
                    !carried.readAt().isBefore(beforeTheRead)
                            && !carried.readAt().isAfter(claim.claimedAt(LEASE)),
                    "the time the read began, before the claim: what it saw was stored by then");
        }
    }

    @Test
    void everyDeliveryOfAWideFanOutCarriesItsPayload() {
        for (int i = 0; i < 300; i++) {
            active.add(route("wh_" + i, List.of("*"), List.of()));
        }

        publish("build.finished", "b-1", Map.of("status", "success"));

        List<Claim> claims = fired.get(0).claims();
        assertEquals(300, claims.size(), "every delivery is claimed at once");
        assertTrue(
                claims.stream().allMatch(c -> c.work().payload() != null),
                "more than the workers take at once: the workers' queue, not the fan-out, bounds what waits");
    }

    @Test
    void nothingMatchesNothingIsScheduled() {
        active.add(route("wh_deploys", List.of("deployment.*"), List.of()));

        publish("build.finished", "b-1", Map.of("status", "success"));

        assertEquals(List.of(), added);
        assertEquals(List.of(), fired);
    }

    @Test
    void anOrderedSubjectWaitsBehindItsPendingDeliveryAndOthersDoNot() {
        active.add(new SubscriptionRoute("wh_ordered", List.of("*"), List.of(), true, false, false, false));
        pendingKeys.add("wh_ordered|rel_1");

        publish("release.created", "rel_1", Map.of());
        publish("release.created", "rel_2", Map.of());

        assertEquals(
                List.of("wh_ordered|rel_1", "wh_ordered|rel_2"),
                added.stream().map(Delivery::orderingKey).toList());
        assertEquals(2, fired.size());
        assertEquals(List.of(), fired.get(0).claims(), "rel_1's delivery waits its turn");
        assertEquals(Set.of("wh_ordered|rel_1"), fired.get(0).waitingSubjects(), "looked at again once committed");
        assertEquals(added.get(1).id(), fired.get(1).claims().get(0).deliveryId(), "rel_2's is claimed");
        assertEquals(Set.of(), fired.get(1).waitingSubjects());
    }

    @Test
    void aOneTimeSubscriptionGetsTheFirstEventOfASubjectOnly() {
        active.add(new SubscriptionRoute("wh_once", List.of("*"), List.of(), false, true, false, false));
        delivered.add("wh_once|rel_1");

        publish("release.created", "rel_1", Map.of());
        publish("release.created", "rel_2", Map.of());

        assertEquals(DeliveryStatus.SUPPRESSED, added.get(0).status());
        assertTrue(added.get(0).lastError().startsWith("oneTime"), added.get(0).lastError());
        assertEquals(DeliveryStatus.PENDING, added.get(1).status());
    }

    @Test
    void updatesOfASubjectThatWasNotSharedAreSuppressedWhereSharingIsAsked() {
        active.add(new SubscriptionRoute("wh_shared", List.of("*"), List.of(), false, false, true, false));
        knownTypes.add("incident.shared");
        shared.add("wh_shared|inc_1|incident.shared");

        publish("incident.updated", "inc_1", Map.of());
        publish("incident.updated", "inc_2", Map.of());
        publish("incident.created", "inc_2", Map.of());

        assertEquals(DeliveryStatus.PENDING, added.get(0).status());
        assertEquals(DeliveryStatus.SUPPRESSED, added.get(1).status());
        assertTrue(
                added.get(1).lastError().contains("incident.shared"),
                added.get(1).lastError());
        assertEquals(DeliveryStatus.PENDING, added.get(2).status(), "only updates wait for a share");
    }

    @Test
    void anUpdateWhoseShareTypeTheTenantLacksIsNotHeldBack() {
        active.add(new SubscriptionRoute("wh_shared", List.of("*"), List.of(), false, false, true, false));

        publish("policy.updated", "pol_1", Map.of());

        assertEquals(DeliveryStatus.PENDING, added.get(0).status());
    }

    @Test
    void anEventChainedWithoutBeingMatchedFirstIsAnError() {
        RecordedEvent unmatched =
                recorded("evt_x", "build.finished", "b-1", Jsons.object().build(), true);
        assertThrows(IllegalStateException.class, () -> fanOut.onRecorded(unmatched));
    }

    @Test
    void anEventRecordedWithoutFanOutMakesNoDelivery() {
        active.add(route("wh_all", List.of("*"), List.of()));
        fanOut.onRecorded(
                recorded("evt_test", "build.finished", "b-1", Jsons.object().build(), false));
        assertEquals(List.of(), added);
        assertNull(fanOut.matched.take("evt_test"));
    }

    private void publish(String type, String subject, Map<String, String> data) {
        var json = Jsons.object();
        data.forEach(json::add);
        JsonObject body = json.build();
        String id = "evt_" + (++sequence);
        fanOut.onArriving(new EventArriving(id, TENANT, type, subject, body));
        fanOut.onRecorded(recorded(id, type, subject, body, true));
    }

    private RecordedEvent recorded(String id, String type, String subject, JsonObject data, boolean fanOut) {
        return new RecordedEvent(
                id, TENANT, type, subject, data, Instant.parse("2026-12-03T00:00:00Z"), sequence, false, fanOut);
    }

    private static SubscriptionRoute route(String id, List<String> events, List<Filter> filters) {
        return new SubscriptionRoute(id, events, filters, false, false, false, false);
    }

    /** The CDI event the fan-out fires after it has claimed deliveries, recorded instead of observed. */
    private final class Recording implements Event<DeliveriesScheduled> {

        @Override
        public void fire(DeliveriesScheduled event) {
            fired.add(event);
        }

        @Override
        public <U extends DeliveriesScheduled> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends DeliveriesScheduled> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<DeliveriesScheduled> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends DeliveriesScheduled> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends DeliveriesScheduled> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
