package dev.herald.delivery.control;

import dev.herald.delivery.control.DeliveryView.AttemptView;
import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryAttempt;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.events.control.EventDeliveries.DeliverySummary;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.TenantOwned;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading deliveries and their attempt logs, always within one tenant. */
@ApplicationScoped
@Transactional
public class DeliveryQueries {

    /** How many of a delivery's attempts a list shows; the delivery read alone shows all. */
    public static final int LATEST_ATTEMPTS_LISTED = 10;

    /**
     * The most of a delivery's attempts read at once when it is read whole (its answer is written a
     * turn at a time), and the most a console page shows.
     */
    public static final int ATTEMPTS_A_TURN = 32;

    /** What an attempt read whole weighs besides its text, in characters: its numbers, times and records. */
    private static final int ATTEMPT_CHARS = 256;

    /** The most an attempt holds: a URL and three redirect hops, headers, the answer's 4 KiB, an error. */
    private static final int ATTEMPT_AT_MOST_CHARS = 16 * 1024 + ATTEMPT_CHARS;

    /** Every column of a delivery but its payload, which lists leave out. */
    private static final String SUMMARY = "SELECT d.id, d.eventId, d.subscriptionId, d.eventType, d.status,"
            + " d.attemptCount, d.nextAttemptAt, d.lastError, d.acknowledgedAt, d.externalId, d.acknowledgedStatus,"
            + " d.createdAt, d.updatedAt FROM Delivery d";

    /** The latest {@link #LATEST_ATTEMPTS_LISTED} attempts of the deliveries {@code :ids} (with {@code :latest}). */
    private static final String LATEST_ATTEMPTS = " FROM DeliveryAttempt a, Delivery d WHERE d.id = a.deliveryId"
            + " AND d.id IN :ids AND a.attempt > d.attemptCount - :latest";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliveryPayloads payloads;

    /**
     * Which of {@code eventIds} the subscription already has a delivery of: looked up by event, so
     * that the answer costs the ids asked about, not the subscription's whole history.
     */
    public Set<String> eventsDeliveredTo(String tenantId, String subscriptionId, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery(
                        "SELECT d.eventId FROM Delivery d WHERE d.eventId IN :events"
                                + " AND d.subscriptionId = :subscription AND d.tenantId = :tenant",
                        String.class)
                .setParameter("events", eventIds)
                .setParameter("subscription", subscriptionId)
                .setParameter("tenant", tenantId)
                .getResultList());
    }

    /**
     * One delivery with its payload and without its attempts, which {@link #attempts} reads a turn
     * at a time ({@link #attemptsATurn}), once {@code room} has been taken for the payload and one
     * turn of attempts: a delivery holds up to a thousand attempts of some 16 KiB each (a URL and
     * three redirect hops of 2 KiB, the answer's first 4 KiB, the headers, the error) and a payload
     * of up to 1 MiB, and its answer shows every one, read by every call of a tenant's at once.
     *
     * @return the delivery, its {@code attempts} empty whatever its {@code attemptCount}
     * @throws ConflictException when its payload and a turn hold more than one call may read at once
     */
    public DeliveryView withoutAttempts(String tenantId, String id, ReadRoom room) {
        Delivery d = TenantOwned.get(em, Delivery.class, "delivery", tenantId, id);
        Payload payload = payloadOf(d);
        weigh(d, payload, room, 0);
        return new DeliveryView(
                d.id(),
                d.eventId(),
                d.subscriptionId(),
                d.eventType(),
                d.status(),
                d.attemptCount(),
                List.of(),
                d.nextAttemptAt(),
                d.lastError(),
                d.acknowledgedAt(),
                d.externalId(),
                d.acknowledgedStatus(),
                d.createdAt(),
                d.updatedAt(),
                payload.text());
    }

    /**
     * How many attempts a turn of a delivery read whole with {@code room} holds: as many as can be
     * as large as an attempt can be within one of its batches, from 1 to {@link #ATTEMPTS_A_TURN}.
     */
    public static int attemptsATurn(ReadRoom room) {
        return (int) Math.max(1, Math.min(ATTEMPTS_A_TURN, room.batchChars() / ATTEMPT_AT_MOST_CHARS));
    }

    /**
     * The next turn of a delivery's attempts with their answers, oldest first: up to {@code most}
     * of those numbered after {@code after} and up to {@code through} (its {@code attemptCount}
     * when it was read, so that a retry made meanwhile does not show beside a count that leaves it
     * out). Fewer when retention has removed some.
     */
    public List<AttemptView> attempts(String deliveryId, int after, int through, int most) {
        return em.createQuery(
                        "SELECT a FROM DeliveryAttempt a WHERE a.deliveryId = :id AND a.attempt > :after"
                                + " AND a.attempt <= :through"
                                + " ORDER BY a.deliveryId, a.attempt", // the index's order: H2 reads only the turn
                        DeliveryAttempt.class)
                .setParameter("id", deliveryId)
                .setParameter("after", after)
                .setParameter("through", through)
                .setMaxResults(most)
                .getResultStream()
                .map(DeliveryQueries::view)
                .toList();
    }

    /**
     * Takes the room {@link #withoutAttempts} would (and an attempt's more, for a redelivery) before
     * a change that answers with the delivery read whole (a redelivery, a callback): a refusal for
     * its size then changes nothing. The answer is read with {@link ReadRoom#NONE} after it.
     */
    public void weighBeforeChange(String tenantId, String id, ReadRoom room, boolean addsAnAttempt) {
        Delivery d = TenantOwned.get(em, Delivery.class, "delivery", tenantId, id);
        weigh(d, payloadOf(d), room, addsAnAttempt ? ATTEMPT_AT_MOST_CHARS : 0);
    }

    private Payload payloadOf(Delivery d) {
        return d.payload() != null ? Payload.of(d.payload()) : payloads.forAttempt(d.id());
    }

    private void weigh(Delivery d, Payload payload, ReadRoom room, long more) {
        if (room == ReadRoom.NONE) {
            return;
        }
        long chars = payload.chars()
                + Math.min(attemptsChars(d.id()) + more, (long) attemptsATurn(room) * ATTEMPT_AT_MOST_CHARS);
        room.take(
                chars,
                most -> new ConflictException("This delivery's payload and a turn of its attempts hold "
                        + (chars + 1023) / 1024 + " KiB of stored text, more than the " + (most + 1023) / 1024
                        + " KiB one call may read at once; GET /webhooks/" + d.subscriptionId()
                        + "/deliveries lists its latest " + LATEST_ATTEMPTS_LISTED + " attempts without answers"));
    }

    /** The stored text of a delivery's attempts, and some for what each is besides its text. */
    private long attemptsChars(String deliveryId) {
        Number chars = em.createQuery(
                        "SELECT SUM(LENGTH(a.url) + LENGTH(a.requestHeaders) + COALESCE(LENGTH(a.redirects), 0)"
                                + " + COALESCE(LENGTH(a.responseBody), 0) + COALESCE(LENGTH(a.error), 0) + "
                                + ATTEMPT_CHARS + ") FROM DeliveryAttempt a WHERE a.deliveryId = :id",
                        Number.class)
                .setParameter("id", deliveryId)
                .getSingleResult();
        return chars == null ? 0 : chars.longValue();
    }

    /**
     * A subscription's deliveries, newest first, optionally of one status, as lists show them.
     *
     * @param room where the text of the page's latest attempts must fit before it is loaded
     */
    public Page<DeliveryView> forSubscription(
            String tenantId, String subscriptionId, DeliveryStatus status, PageRequest request, ReadRoom room) {
        String where = " WHERE d.tenantId = :tenant AND d.subscriptionId = :subscription"
                + (status != null ? " AND d.status = :status" : "");
        // Led by the subscription, whatever the status asked for: its index is the narrowest there is.
        Query items = em.createQuery(SUMMARY + where + Listing.newestFirst("d", "subscriptionId", "createdAt", true));
        TypedQuery<Long> total = em.createQuery("SELECT COUNT(d) FROM Delivery d" + where, Long.class);
        for (Query query : List.of(items, total)) {
            query.setParameter("tenant", tenantId).setParameter("subscription", subscriptionId);
            if (status != null) {
                query.setParameter("status", status);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = items.setFirstResult(request.offset())
                .setMaxResults(request.pageSize())
                .getResultList();
        List<String> ids = rows.stream().map(row -> (String) row[0]).toList();
        weighLatestAttempts(ids, room);
        return new Page<>(
                views(rows, latestAttempts(ids)), request.page(), request.pageSize(), total.getSingleResult());
    }

    /** A subscription's newest delivery in brief: what a list of subscriptions shows beside each. */
    public record LastDelivery(String id, DeliveryStatus status, Instant createdAt) {}

    /**
     * The newest delivery of each of these subscriptions that has had one: one newest-first
     * lookup of one row per subscription, each the top of its newest-first (subscription_id,
     * created_at, id) index, so a subscription with millions of deliveries costs what one with
     * ten does (HistoryIndexTest).
     */
    public Map<String, LastDelivery> latestOf(String tenantId, List<String> subscriptionIds) {
        Map<String, LastDelivery> latest = new HashMap<>();
        for (String subscriptionId : subscriptionIds) {
            em.createQuery(
                            "SELECT d.id, d.status, d.createdAt FROM Delivery d WHERE d.tenantId = :tenant"
                                    + " AND d.subscriptionId = :subscription"
                                    + Listing.newestFirst("d", "subscriptionId", "createdAt", true),
                            Object[].class)
                    .setParameter("tenant", tenantId)
                    .setParameter("subscription", subscriptionId)
                    .setMaxResults(1)
                    .getResultStream()
                    .findFirst()
                    .ifPresent(row -> latest.put(
                            subscriptionId,
                            new LastDelivery((String) row[0], (DeliveryStatus) row[1], (Instant) row[2])));
        }
        return latest;
    }

    /**
     * The deliveries an event caused, the first {@code atMost} by id, as its page shows them: one
     * for each subscription it matched, however many (a tenant's thousands), so only the small
     * columns shown are read, not a delivery's last error (2,000 characters) nor its attempts.
     */
    public List<DeliverySummary> forEvent(String tenantId, String eventId, int atMost) {
        return em.createQuery(
                        "SELECT d.id, d.subscriptionId, d.status, d.attemptCount, d.nextAttemptAt FROM Delivery d"
                                + " WHERE d.tenantId = :tenant AND d.eventId = :event ORDER BY d.id",
                        Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("event", eventId)
                .setMaxResults(atMost)
                .getResultStream()
                .map(row -> new DeliverySummary(
                        (String) row[0],
                        (String) row[1],
                        ((DeliveryStatus) row[2]).wireName(),
                        ((Number) row[3]).intValue(),
                        (Instant) row[4]))
                .toList();
    }

    /**
     * Deliveries not yet done, across all tenants, counted up to {@code atMost}: a backlog of
     * millions, when the figure matters most, must not make each reading a walk of millions of
     * index entries (and the scrape outlast its timeout).
     */
    public long pendingCount(int atMost) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM (SELECT 1 FROM deliveries"
                                + " WHERE status = 'PENDING' LIMIT ?1) pending")
                        .setParameter(1, atMost)
                        .getSingleResult())
                .longValue();
    }

    /**
     * When the pending delivery due first is (or was) due: one step along the due index. Read as
     * the attribute, not as MIN(), which PostgreSQL answers past the attribute's converter.
     */
    public Optional<Instant> oldestDue() {
        return em.createQuery(
                        "SELECT d.nextAttemptAt FROM Delivery d WHERE d.status = :pending"
                                + " ORDER BY d.status, d.nextAttemptAt", // the due index's order: H2 reads one row
                        Instant.class)
                .setParameter("pending", DeliveryStatus.PENDING)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** Deliveries read as {@link #SUMMARY}, each with its attempts given (none when not given). */
    private static List<DeliveryView> views(List<Object[]> rows, Map<String, List<AttemptView>> attempts) {
        return rows.stream()
                .map(row -> new DeliveryView(
                        (String) row[0],
                        (String) row[1],
                        (String) row[2],
                        (String) row[3],
                        (DeliveryStatus) row[4],
                        (Integer) row[5],
                        attempts.getOrDefault((String) row[0], List.of()),
                        (Instant) row[6],
                        (String) row[7],
                        (Instant) row[8],
                        (String) row[9],
                        (String) row[10],
                        (Instant) row[11],
                        (Instant) row[12],
                        null))
                .toList();
    }

    /**
     * Takes room for the text of the deliveries' latest attempts before they are loaded: a page of
     * 200 deliveries lists up to 2,000 attempts, each with its headers (names a tenant chose), its
     * URL and redirect hops (up to 2,048 characters each) and its error.
     */
    private void weighLatestAttempts(List<String> deliveryIds, ReadRoom room) {
        if (room == ReadRoom.NONE || deliveryIds.isEmpty()) {
            return;
        }
        List<Number> weights = em.createQuery(
                        "SELECT SUM(LENGTH(a.url) + LENGTH(a.requestHeaders) + COALESCE(LENGTH(a.redirects), 0)"
                                + " + COALESCE(LENGTH(a.error), 0))" + LATEST_ATTEMPTS + " GROUP BY a.deliveryId",
                        Number.class)
                .setParameter("ids", deliveryIds)
                .setParameter("latest", LATEST_ATTEMPTS_LISTED)
                .getResultList();
        long chars = weights.stream().mapToLong(Number::longValue).sum();
        long largest = weights.stream().mapToLong(Number::longValue).max().orElse(0);
        room.take(chars, most -> Listing.Bulk.tooLarge("deliveries' latest attempts", chars, largest, most));
    }

    /** The latest attempts of each delivery, without answers; attempts are numbered 1, 2, … per delivery. */
    private Map<String, List<AttemptView>> latestAttempts(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createQuery("SELECT a.deliveryId, a.attempt, a.url, a.redirects, a.method,"
                        + " a.requestHeaders, a.statusCode, a.responseTimeMs, a.error, a.createdAt, a.instanceId"
                        + LATEST_ATTEMPTS + " ORDER BY a.deliveryId, a.attempt")
                .setParameter("ids", deliveryIds)
                .setParameter("latest", LATEST_ATTEMPTS_LISTED)
                .getResultList();
        return rows.stream()
                .collect(Collectors.groupingBy(
                        row -> (String) row[0],
                        Collectors.mapping(
                                row -> new AttemptView(
                                        (Integer) row[1],
                                        (String) row[2],
                                        redirects((String) row[3]),
                                        (String) row[4],
                                        (String) row[5],
                                        (Integer) row[6],
                                        null,
                                        (Long) row[7],
                                        (String) row[8],
                                        (Instant) row[9],
                                        (String) row[10]),
                                Collectors.toList())));
    }

    private static AttemptView view(DeliveryAttempt a) {
        return new AttemptView(
                a.attempt(),
                a.url(),
                redirects(a.redirects()),
                a.method(),
                a.requestHeaders(),
                a.statusCode(),
                a.responseBody(),
                a.responseTimeMs(),
                a.error(),
                a.createdAt(),
                a.instanceId());
    }

    private static List<String> redirects(String json) {
        return json == null ? List.of() : Jsons.strings(json);
    }
}
