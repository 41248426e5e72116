package dev.herald.subscriptions.control;

import dev.herald.platform.json.Jsons;
import dev.herald.platform.memo.WeighedMemo;
import dev.herald.subscriptions.entity.Subscription;
import dev.herald.subscriptions.entity.SubscriptionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the delivery feature needs of subscriptions: which events each takes, and where and how to
 * send them. A read of a tenant's active subscriptions takes their small columns only; how each
 * selects events and what it sends with are kept per version, and read and worked out for a
 * version not kept, so a fan-out reads the settings of the subscriptions it matched, not those of
 * every subscription the tenant has (sealed headers alone may hold 80,000 characters each).
 */
@ApplicationScoped
@Transactional
public class SubscriptionRoutes {

    /** Ids bound in one IN list: well within what either database takes in one statement. */
    private static final int IDS_A_QUERY = 1_000;

    /** The columns a read takes of each subscription: what changes without a new version, and the version. */
    private static final String SMALL_COLUMNS = "s.id, s.tenantId, s.version, s.status, s.consecutiveFailures,"
            + " s.secretSealed, s.previousSecretSealed, s.previousSecretExpiresAt, s.earlierSecretSealed,"
            + " s.earlierSecretExpiresAt";

    /** The columns how a subscription selects events is worked out from, after the small ones. */
    private static final String ROUTING_COLUMNS =
            "s.eventsJson, s.filtersJson, s.ordering, s.optionsJson, s.presentationJson";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    SubscriptionSpecs specs;

    @Inject
    SubscriptionSecrets secrets;

    private record Version(String subscriptionId, long version) {}

    private record Opened(SubscriptionSpec spec, long weight) {}

    /**
     * A subscription's small columns as read: its health is counted by statements that leave its
     * version alone, so it is read each time; its secrets are opened only if it is sent to.
     */
    private record Row(
            String id,
            String tenantId,
            long version,
            SubscriptionStatus status,
            int consecutiveFailures,
            SubscriptionSecrets.Sealed secrets) {

        /** How many of a read's columns are the small ones ({@link #SMALL_COLUMNS}). */
        static final int COLUMNS = 10;

        static Row of(Object[] columns) {
            return new Row(
                    (String) columns[0],
                    (String) columns[1],
                    ((Number) columns[2]).longValue(),
                    (SubscriptionStatus) columns[3],
                    ((Number) columns[4]).intValue(),
                    new SubscriptionSecrets.Sealed(
                            (String) columns[5],
                            (String) columns[6],
                            (Instant) columns[7],
                            (String) columns[8],
                            (Instant) columns[9]));
        }

        static Row of(Subscription s) {
            return new Row(
                    s.id(),
                    s.tenantId(),
                    s.version(),
                    s.status(),
                    s.consecutiveFailures(),
                    new SubscriptionSecrets.Sealed(
                            s.secretSealed(),
                            s.previousSecretSealed(),
                            s.previousSecretExpiresAt(),
                            s.earlierSecretSealed(),
                            s.earlierSecretExpiresAt()));
        }

        Version key() {
            return new Version(id, version);
        }
    }

    /**
     * How each subscription selects events, by subscription and version: a subscription changed
     * anywhere (another instance too) has a new version. Weighed by the characters of the
     * columns it is worked out from; one heavier than 8,192 is read and parsed at each fan-out,
     * at its own tenant's cost, as are a tenant's beyond its quarter of the memo.
     */
    private final WeighedMemo<Version, Selection> selections =
            new WeighedMemo<>(10_000, 4 * 1024 * 1024, 8_192, (version, selection) -> selection.weight());

    private record Selection(SubscriptionRoute route, long weight) {}

    /**
     * Specs opened before, by subscription and version. Weighed by the characters its row stores
     * (its headers alone may hold 80,000); one heavier than 8,192 is opened for each delivery, at
     * its own tenant's cost, as are a tenant's beyond its quarter of the memo.
     */
    private final WeighedMemo<Version, Opened> openedSpecs =
            new WeighedMemo<>(10_000, 8 * 1024 * 1024, 8_192, (version, opened) -> opened.weight());

    /**
     * The tenant's active subscriptions, in the order of their ids (of their creation): how each
     * selects events, and how to send to those an event matched. In one order, so that the
     * subscriptions an event's spent filter budget leaves out are the same for every event. A subscription whose route is not kept is read again with its routing columns, and
     * taken as that second read saw it (a change between the two is then seen whole).
     */
    public ActiveSubscriptions active(String tenantId) {
        Map<String, Row> rows = new LinkedHashMap<>();
        em.createQuery(
                        "SELECT " + SMALL_COLUMNS + " FROM Subscription s WHERE s.tenantId = :tenant"
                                + " AND s.status = :active",
                        Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("active", SubscriptionStatus.ACTIVE)
                .getResultStream()
                .map(Row::of)
                .forEach(row -> rows.put(row.id(), row));
        Map<String, SubscriptionRoute> routes = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Row row : rows.values()) {
            Selection kept = selections.kept(row.key());
            if (kept != null) {
                routes.put(row.id(), kept.route());
            } else {
                unknown.add(row.id());
            }
        }
        for (List<String> ids : chunks(unknown)) {
            em.createQuery(
                            "SELECT " + SMALL_COLUMNS + ", " + ROUTING_COLUMNS
                                    + " FROM Subscription s WHERE s.id IN :ids",
                            Object[].class)
                    .setParameter("ids", ids)
                    .getResultStream()
                    .forEach(columns -> {
                        Row row = Row.of(columns);
                        rows.put(row.id(), row);
                        routes.put(
                                row.id(),
                                selections
                                        .get(row.key(), row.tenantId(), version -> selection(columns))
                                        .route());
                    });
        }
        rows.values().removeIf(row -> !routes.containsKey(row.id()) || row.status() != SubscriptionStatus.ACTIVE);
        // Sorted here: no index orders a tenant's subscriptions by id, and the database sorted them all.
        return new Read(
                rows.values().stream()
                        .map(row -> routes.get(row.id()))
                        .sorted(Comparator.comparing(SubscriptionRoute::subscriptionId))
                        .toList(),
                rows);
    }

    /** Everything needed to deliver to a subscription, or empty once it is deleted. */
    public Optional<DeliveryTarget> target(String subscriptionId) {
        return em.createQuery("SELECT " + SMALL_COLUMNS + " FROM Subscription s WHERE s.id = :id", Object[].class)
                .setParameter("id", subscriptionId)
                .getResultStream()
                .map(Row::of)
                .findFirst()
                .flatMap(row -> Optional.ofNullable(targets(List.of(row)).get(subscriptionId)));
    }

    /** One read of a tenant's active subscriptions, opening each matched one once. */
    private final class Read implements ActiveSubscriptions {

        private final List<SubscriptionRoute> routes;
        private final Map<String, Row> rows;
        private final Map<String, DeliveryTarget> opened = new HashMap<>();
        /** The subscriptions opened, or tried: one deleted since the read is not looked for again. */
        private final Set<String> tried = new HashSet<>();

        Read(List<SubscriptionRoute> routes, Map<String, Row> rows) {
            this.routes = routes;
            this.rows = rows;
        }

        @Override
        public List<SubscriptionRoute> routes() {
            return routes;
        }

        @Override
        public Map<String, DeliveryTarget> targets(List<SubscriptionRoute> matched) {
            List<Row> toOpen = matched.stream()
                    .map(SubscriptionRoute::subscriptionId)
                    .filter(tried::add)
                    .map(rows::get)
                    .toList();
            opened.putAll(SubscriptionRoutes.this.targets(toOpen));
            Map<String, DeliveryTarget> targets = new HashMap<>();
            for (SubscriptionRoute route : matched) {
                DeliveryTarget target = opened.get(route.subscriptionId());
                if (target != null) {
                    targets.put(route.subscriptionId(), target);
                }
            }
            return targets;
        }
    }

    /** How a subscription selects events, from a read of its small columns then its routing columns. */
    private static Selection selection(Object[] columns) {
        int routing = Row.COLUMNS;
        String eventsJson = (String) columns[routing];
        String filtersJson = (String) columns[routing + 1];
        String ordering = (String) columns[routing + 2];
        String optionsJson = (String) columns[routing + 3];
        String presentationJson = (String) columns[routing + 4];
        SubscriptionSpec.Options options = SubscriptionJson.options(optionsJson);
        SubscriptionRoute route = new SubscriptionRoute(
                (String) columns[0],
                Jsons.strings(eventsJson),
                SubscriptionJson.filters(filtersJson),
                "subject".equals(ordering),
                options.oneTime(),
                options.sharingUpdates(),
                SubscriptionJson.presentation(presentationJson).dataBody());
        long weight = Stream.of(eventsJson, filtersJson, ordering, optionsJson, presentationJson)
                .mapToLong(text -> text == null ? 0 : text.length())
                .sum();
        return new Selection(route, weight);
    }

    /**
     * How to send to the rows' subscriptions, by id: their secrets opened, their settings as
     * opened for their version, the subscriptions of versions not kept read whole in a query each
     * 1,000. A target is one version of its subscription: one changed since its row was read is
     * taken whole from the second read (a new URL comes with the status that awaits its
     * validation, never with the status the URL before it had).
     */
    private Map<String, DeliveryTarget> targets(List<Row> rows) {
        Map<String, Row> current = new LinkedHashMap<>();
        Map<String, SubscriptionSpec> specsById = new HashMap<>();
        List<String> unopened = new ArrayList<>();
        for (Row row : rows) {
            current.put(row.id(), row);
            Opened kept = openedSpecs.kept(row.key());
            if (kept != null) {
                specsById.put(row.id(), kept.spec());
            } else {
                unopened.add(row.id());
            }
        }
        for (List<String> ids : chunks(unopened)) {
            em.createQuery("SELECT s FROM Subscription s WHERE s.id IN :ids", Subscription.class)
                    .setParameter("ids", ids)
                    .getResultStream()
                    .forEach(s -> {
                        current.put(s.id(), Row.of(s));
                        specsById.put(s.id(), spec(s));
                    });
        }
        Map<String, DeliveryTarget> targets = new HashMap<>();
        for (Row row : current.values()) {
            SubscriptionSpec spec = specsById.get(row.id());
            if (spec != null) { // null: deleted since its row was read
                targets.put(
                        row.id(),
                        new DeliveryTarget(
                                row.id(),
                                row.tenantId(),
                                row.status(),
                                spec,
                                secrets.signingSecrets(row.id(), row.secrets()),
                                row.consecutiveFailures()));
            }
        }
        return targets;
    }

    /**
     * The subscription's settings as opened for its version: their JSON parsed and its sealed
     * headers and credentials opened once per change, not once per delivery.
     */
    private SubscriptionSpec spec(Subscription s) {
        return openedSpecs
                .get(
                        new Version(s.id(), s.version()),
                        s.tenantId(),
                        version -> new Opened(specs.of(s), s.storedChars()))
                .spec();
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int start = 0; start < ids.size(); start += IDS_A_QUERY) {
            chunks.add(ids.subList(start, Math.min(ids.size(), start + IDS_A_QUERY)));
        }
        return chunks;
    }
}
