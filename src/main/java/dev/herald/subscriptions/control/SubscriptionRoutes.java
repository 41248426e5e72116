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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final String SMALL_COLUMNS = "SELECT s.id, s.tenantId, s.version, s.status, s.consecutiveFailures,"
            + " s.secretSealed, s.previousSecretSealed, s.previousSecretExpiresAt FROM Subscription s";

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

        static Row of(Object[] columns) {
            return new Row(
                    (String) columns[0],
                    (String) columns[1],
                    ((Number) columns[2]).longValue(),
                    (SubscriptionStatus) columns[3],
                    ((Number) columns[4]).intValue(),
                    new SubscriptionSecrets.Sealed((String) columns[5], (String) columns[6], (Instant) columns[7]));
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

    /** The tenant's active subscriptions: how each selects events, and how to send to those an event matched. */
    public ActiveSubscriptions active(String tenantId) {
        List<Row> rows = em.createQuery(
                        SMALL_COLUMNS + " WHERE s.tenantId = :tenant AND s.status = :active", Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("active", SubscriptionStatus.ACTIVE)
                .getResultStream()
                .map(Row::of)
                .toList();
        Map<String, SubscriptionRoute> routes = routes(rows);
        Map<String, Row> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        return new Read(
                rows.stream()
                        .map(row -> routes.get(row.id()))
                        .filter(route -> route != null)
                        .toList(),
                byId);
    }

    /** Everything needed to deliver to a subscription, or empty once it is deleted. */
    public Optional<DeliveryTarget> target(String subscriptionId) {
        return em.createQuery(SMALL_COLUMNS + " WHERE s.id = :id", Object[].class)
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
                    .filter(id -> !opened.containsKey(id))
                    .map(rows::get)
                    .distinct()
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

    /** How the rows' subscriptions select events, by id: kept per version, the others read in a query each 1,000. */
    private Map<String, SubscriptionRoute> routes(List<Row> rows) {
        Map<String, SubscriptionRoute> routes = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Row row : rows) {
            Selection kept = selections.kept(row.key());
            if (kept != null) {
                routes.put(row.id(), kept.route());
            } else {
                unknown.add(row.id());
            }
        }
        for (List<String> ids : chunks(unknown)) {
            em.createQuery(
                            "SELECT s.id, s.version, s.eventsJson, s.filtersJson, s.ordering, s.optionsJson,"
                                    + " s.presentationJson, s.tenantId FROM Subscription s WHERE s.id IN :ids",
                            Object[].class)
                    .setParameter("ids", ids)
                    .getResultStream()
                    .forEach(columns -> {
                        Version version = new Version((String) columns[0], ((Number) columns[1]).longValue());
                        routes.put(
                                version.subscriptionId(),
                                selections
                                        .get(version, (String) columns[7], v -> selection(columns))
                                        .route());
                    });
        }
        return routes;
    }

    private static Selection selection(Object[] columns) {
        String eventsJson = (String) columns[2];
        String filtersJson = (String) columns[3];
        String ordering = (String) columns[4];
        String optionsJson = (String) columns[5];
        String presentationJson = (String) columns[6];
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
     * opened for their version, the subscriptions of versions not kept read whole in a query each 1,000.
     */
    private Map<String, DeliveryTarget> targets(List<Row> rows) {
        Map<String, SubscriptionSpec> specsById = new HashMap<>();
        List<String> unopened = new ArrayList<>();
        for (Row row : rows) {
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
                    .forEach(s -> specsById.put(s.id(), spec(s)));
        }
        Map<String, DeliveryTarget> targets = new HashMap<>();
        for (Row row : rows) {
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
