package dev.herald.delivery.control;

import dev.herald.cluster.control.ClusterSettings;
import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.events.control.DeferredEvents;
import dev.herald.events.control.RaisedEvent;
import dev.herald.platform.HeraldDatabase;
import dev.herald.platform.Ids;
import dev.herald.platform.JdbcBatch;
import dev.herald.platform.JdbcInstants;
import dev.herald.platform.TenantOwned;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import dev.herald.platform.logging.LogIds;
import dev.herald.problems.ConflictException;
import dev.herald.subscriptions.control.LastAttempts;
import dev.herald.subscriptions.control.LastAttempts.LastAttempt;
import dev.herald.subscriptions.control.SubscriptionUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The durable delivery queue: claiming work under a lease, and recording what each attempt
 * came to. Every method is one short transaction; no HTTP call ever runs inside one.
 */
@ApplicationScoped
@Transactional
public class DeliveryLedger {

    private static final Logger LOG = Logger.getLogger(DeliveryLedger.class.getName());

    /**
     * The most attempts a delivery is made due again after: each redelivery or replay adds to its
     * attempts list, which a delivery's view reads whole (up to 4 KiB of answer each). Retries
     * started before it may pass it by a policy's retries (25 at most).
     */
    static final int MOST_ATTEMPTS = 1_000;

    /** The most deliveries one replay makes due again, as a backfill schedules at most 10,000 events. */
    static final int MOST_REPLAYED = 10_000;

    /** Ids bound in one statement: within every database's limit on parameters. */
    private static final int REPLAYED_A_STATEMENT = 1_000;

    /** A delivery a replay takes: of its status, since its time, not being attempted, not attempted too often. */
    private static final String REPLAYABLE = " AND d.status = :status AND d.createdAt >= :since"
            + " AND (d.claimedUntil IS NULL OR d.claimedUntil < :now) AND d.attemptCount < :most";

    /**
     * A payload of up to this many characters is read with its claim, so that the worker taking
     * the claim up reads nothing; a larger one is read by that worker. A batch of claims is at
     * most as large as the workers free to take it, so this bounds what a batch holds.
     */
    static final int PAYLOAD_READ_WITH_CLAIM = NewDeliveries.COPIED_AT_MOST; // every copy

    private static final String DUE_COLUMNS = "SELECT d.id, d.tenant_id, d.subscription_id, d.event_type,"
            + " d.attempt_count, d.ordering_key,"
            + " CASE WHEN LENGTH(d.payload) <= " + PAYLOAD_READ_WITH_CLAIM + " THEN d.payload END"
            + " FROM deliveries d WHERE ";

    /**
     * A pending delivery of an earlier event of {@code d}'s ordered subject (of the same event,
     * too: two backfills may both have queued it; the older delivery goes first). The sequence's
     * range is written out so that it is a range of the ordering index.
     */
    private static final String EARLIER_PENDING = "SELECT 1 FROM deliveries e"
            + " WHERE e.ordering_key = d.ordering_key AND e.status = 'PENDING'"
            + " AND e.event_sequence <= d.event_sequence"
            + " AND (e.event_sequence < d.event_sequence OR e.id < d.id)";

    /**
     * Due, unclaimed deliveries: a delivery of an ordered subject waits while an earlier one of
     * its subject is pending. A delivery without its event's sequence, made by an instance of an
     * older version during a rolling upgrade, neither waits nor is waited for.
     */
    private static final String DUE = "d.status = 'PENDING' AND d.next_attempt_at <= ?1"
            + " AND (d.claimed_until IS NULL OR d.claimed_until < ?1)"
            + " AND (d.ordering_key IS NULL OR NOT EXISTS (" + EARLIER_PENDING + "))";

    /** Due deliveries, never claimed, that wait for an earlier one of their subject: set aside. */
    private static final String SET_ASIDE = "UPDATE deliveries d SET next_attempt_at = ?"
            + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= ? AND d.ordering_key IS NOT NULL"
            + " AND d.claim_token IS NULL AND EXISTS (" + EARLIER_PENDING + ")";

    /** Deliveries set aside that are now their subject's first: due now. */
    private static final String TAKE_TURNS = "UPDATE deliveries d SET next_attempt_at = ?"
            + " WHERE d.status = 'PENDING' AND d.next_attempt_at = ? AND NOT EXISTS (" + EARLIER_PENDING + ")";

    /**
     * Oldest due first, up to the limit. The status leads the order, constant as it is, so that
     * H2 reads the due index in order and stops at the limit instead of sorting every due row.
     */
    private static final String DUE_FIRST = " ORDER BY d.status, d.next_attempt_at LIMIT ?2";

    private static final String LOCK = " FOR UPDATE SKIP LOCKED";

    /** PostgreSQL locks as it reads the due index, so instances claiming at once each skip to rows the others left. */
    private static String claimAsRead(String skipping) {
        return DUE_COLUMNS + DUE + skipping + DUE_FIRST + LOCK;
    }

    /**
     * H2 reads every due row of a locking query before it applies the limit (250 ms a claim
     * behind a backlog of 20,000): it chooses the rows first, then locks only those. A row that
     * changed between the choice and the lock (claimed by a worker taking up the next of an
     * ordered subject, or a redelivery; or its attempt logged as its lease ran out) is left out
     * by the claim's update, which takes only rows still due and unclaimed (the claim is then
     * short, rarely). So that rows another transaction holds locked, skipped, do not make it
     * short too, and the pump think nothing more is due, it chooses twice the limit and the
     * claim keeps the oldest up to the limit ({@code ?2} is twice it here).
     */
    private static String claimChosen(String skipping) {
        return DUE_COLUMNS + "d.id IN (SELECT d.id FROM deliveries d WHERE " + DUE + skipping + DUE_FIRST + ")"
                + " ORDER BY d.next_attempt_at" + LOCK;
    }

    private static final String INSERT_ATTEMPT = "INSERT INTO delivery_attempts (id, delivery_id, attempt, url,"
            + " redirects, method, request_headers, status_code, response_body, response_time_ms, error, created_at,"
            + " instance_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Only while the claim is still the worker's: a claim that ran out belongs to whoever took it over. */
    private static final String MOVE_ON = "UPDATE deliveries SET status = ?, attempt_count = ?, next_attempt_at = ?,"
            + " claim_token = NULL, claimed_until = NULL, last_error = ?, updated_at = ?"
            + " WHERE id = ? AND claim_token = ?";

    /**
     * How long one statement logging attempts may run, a lock wait included, before its batch
     * fails and is retried ({@link AttemptBatches}). (A worker waits a minute for its batch,
     * {@link AttemptLog}; past that its claim runs out and the delivery is attempted again.)
     */
    private static final Duration ATTEMPT_LOG_STATEMENT_BOUND = Duration.ofSeconds(10);

    /** Herald's own events about delivery: a failure to deliver them raises no further one, so no loop can start. */
    private static final java.util.Set<String> OPERATIONAL = java.util.Set.of("delivery.exhausted", "webhook.disabled");

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliveryPayloads payloads;

    @Inject
    LastAttempts lastAttempts;

    @Inject
    DeferredEvents deferredEvents;

    @Inject
    RecentTargets recentTargets;

    @Inject
    NewDeliveries newDeliveries;

    /**
     * Per subscription found not active, until when this instance last held all its pending
     * deliveries ({@link #holdAllOf}): the others the pump claimed with the one that found it
     * need not hold them all again.
     */
    private final Map<String, Instant> heldAllUntil = new ConcurrentHashMap<>();

    @Inject
    SubscriptionUsage usage;

    @Inject
    DeliverySettings settings;

    @Inject
    ClusterSettings cluster;

    @Inject
    @ConfigProperty(name = "herald.db.url")
    String databaseUrl;

    public static String newToken() {
        return UUID.randomUUID().toString();
    }

    /** Whether a delivery of this ordered subject is still pending (so a new one must queue behind it). */
    public boolean hasPending(String orderingKey) {
        newDeliveries.write(); // so that it sees the deliveries this transaction made already
        return !em.createQuery(
                        "SELECT d.id FROM Delivery d WHERE d.orderingKey = :key AND d.status = :pending", String.class)
                .setParameter("key", orderingKey)
                .setParameter("pending", DeliveryStatus.PENDING)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /**
     * Whether the subscription got (or is getting) the subject's share event: a delivery of
     * {@code shareType} about it that did not fail and was not suppressed.
     */
    public boolean hasShared(String subscriptionId, String subject, String shareType) {
        newDeliveries.write(); // so that it sees the deliveries this transaction made already
        return subject != null
                && !em.createQuery(
                                "SELECT d.id FROM Delivery d WHERE d.subscriptionId = :subscription"
                                        + " AND d.subject = :subject AND d.eventType = :type AND d.status IN :live",
                                String.class)
                        .setParameter("subscription", subscriptionId)
                        .setParameter("subject", subject)
                        .setParameter("type", shareType)
                        .setParameter("live", List.of(DeliveryStatus.PENDING, DeliveryStatus.SUCCEEDED))
                        .setMaxResults(1)
                        .getResultList()
                        .isEmpty();
    }

    /**
     * Whether a oneTime subscription already has a delivery (other than a suppressed one) of
     * this subject, or had one that was pruned with its event.
     */
    public boolean hasDelivered(String subscriptionId, String subject) {
        newDeliveries.write(); // so that it sees the deliveries this transaction made already
        return !em.createQuery(
                                "SELECT d.id FROM Delivery d WHERE d.subscriptionId = :subscription"
                                        + " AND d.subject = :subject AND d.status <> :suppressed",
                                String.class)
                        .setParameter("subscription", subscriptionId)
                        .setParameter("subject", subject)
                        .setParameter("suppressed", DeliveryStatus.SUPPRESSED)
                        .setMaxResults(1)
                        .getResultList()
                        .isEmpty()
                || !em.createNativeQuery(
                                "SELECT 1 FROM one_time_delivered WHERE subscription_id = ?1" + " AND subject = ?2")
                        .setParameter(1, subscriptionId)
                        .setParameter(2, subject)
                        .setMaxResults(1)
                        .getResultList()
                        .isEmpty();
    }

    /**
     * What a replay made due again: how many, and, when more were left than one replay takes, the
     * time to replay again from for the rest.
     */
    public record Replayed(int count, Optional<Instant> nextSince) {}

    /**
     * Makes a subscription's deliveries of one status since a time due again now, oldest first,
     * at most {@link #MOST_REPLAYED} of them, for the pump to send (those attempted
     * {@link #MOST_ATTEMPTS} times are left as they are). One statement over all of them held a
     * row lock on each of a subscription's million deliveries, in the table every tenant's
     * deliveries share, for as long as it ran. A longer replay is continued from the answer's
     * {@code nextSince}: taken again from the same {@code since}, deliveries that ended in the
     * same status would be taken again and the rest never.
     */
    public Replayed replay(String tenantId, String subscriptionId, Instant since, DeliveryStatus status) {
        Instant now = Times.now();
        List<Object[]> found = em.createQuery(
                        "SELECT d.id, d.createdAt FROM Delivery d WHERE d.tenantId = :tenant"
                                + " AND d.subscriptionId = :subscription" + REPLAYABLE + " ORDER BY d.createdAt, d.id",
                        Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("subscription", subscriptionId)
                .setParameter("status", status)
                .setParameter("since", since)
                .setParameter("now", now)
                .setParameter("most", MOST_ATTEMPTS)
                .setMaxResults(MOST_REPLAYED + 1)
                .getResultList();
        Optional<Instant> nextSince = Optional.empty();
        if (found.size() > MOST_REPLAYED) {
            // Up to the instant of the first left out, so that going on from it takes none again
            // (a backfill's deliveries share one instant); only when more than a replay takes share
            // the first instant is the rest of that millisecond left out.
            Instant first = (Instant) found.get(0)[1];
            Instant next = (Instant) found.get(MOST_REPLAYED)[1];
            Instant cut = next.equals(first) ? next.plusMillis(1) : next;
            found = found.stream()
                    .filter(row -> ((Instant) row[1]).isBefore(cut))
                    .limit(MOST_REPLAYED)
                    .toList();
            nextSince = Optional.of(cut);
        }
        List<String> ids = found.stream().map(row -> (String) row[0]).toList();
        int replayed = 0;
        for (int from = 0; from < ids.size(); from += REPLAYED_A_STATEMENT) {
            replayed += em.createQuery("UPDATE Delivery d SET d.status = :pending, d.nextAttemptAt = :now,"
                            + " d.updatedAt = :now WHERE d.id IN :ids" + REPLAYABLE)
                    .setParameter("pending", DeliveryStatus.PENDING)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + REPLAYED_A_STATEMENT)))
                    .setParameter("status", status)
                    .setParameter("since", since)
                    .setParameter("now", now)
                    .setParameter("most", MOST_ATTEMPTS)
                    .executeUpdate();
        }
        return new Replayed(replayed, nextSince);
    }

    /** Records a receiver's acknowledgement of a delivery. */
    public void acknowledge(String tenantId, String deliveryId, String externalId, String status) {
        Delivery delivery = TenantOwned.get(em, Delivery.class, "delivery", tenantId, deliveryId);
        delivery.acknowledge(Times.now(), externalId, status);
    }

    /**
     * Claims up to {@code limit} due deliveries for this instance's workers; the statement that
     * locks them also reads what their attempts need, the payload included unless it is large
     * ({@link #PAYLOAD_READ_WITH_CLAIM}).
     * Deliveries of {@code skippedTenants} (those whose backlog on this instance is full) are
     * left to wait: claimed, they would only be held back and given back again, and, due first,
     * they would fill every batch before another tenant's due retry.
     */
    public List<Claim> claimDue(int limit, Set<String> skippedTenants) {
        OffsetDateTime now = utc(Times.now());
        List<String> skipped = List.copyOf(skippedTenants);
        boolean embedded = HeraldDatabase.isEmbedded(databaseUrl);
        Query query = em.createNativeQuery(claimStatement(embedded, skipped.size()))
                .setParameter(1, now)
                .setParameter(2, embedded ? 2 * limit : limit);
        for (int i = 0; i < skipped.size(); i++) {
            query.setParameter(i + 3, skipped.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> due = query.getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        List<String> ids = due.stream().map(row -> (String) row[0]).limit(limit).toList();
        String token = newToken();
        Instant until = Times.now().plus(settings.lease());
        Set<String> ours = claimRows(ids, token, until, now.toInstant());
        return due.stream()
                .filter(row -> ours.contains((String) row[0]))
                .map(row -> new Claim(
                        (String) row[0],
                        (String) row[1],
                        token,
                        until,
                        new Claim.Work(
                                (String) row[2],
                                (String) row[3],
                                ((Number) row[4]).intValue(),
                                (String) row[5],
                                (String) row[6])))
                .toList();
    }

    /**
     * Claims for {@code token} those of the chosen deliveries still pending, due and unclaimed, and
     * answers their ids. On H2 a row may have changed between its choice and its lock (see
     * claimChosen): its attempt logged, or taken by a worker as a lease ran out; it is left out
     * rather than sent again.
     */
    Set<String> claimRows(List<String> ids, String token, Instant until, Instant now) {
        int claimed = em.createQuery("UPDATE Delivery d SET d.claimToken = :token, d.claimedUntil = :until"
                        + " WHERE d.id IN :ids AND d.status = :pending AND d.nextAttemptAt <= :now"
                        + " AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)")
                .setParameter("token", token)
                .setParameter("until", until)
                .setParameter("ids", ids)
                .setParameter("pending", DeliveryStatus.PENDING)
                .setParameter("now", now)
                .executeUpdate();
        return claimed == ids.size()
                ? Set.copyOf(ids)
                : Set.copyOf(em.createQuery(
                                "SELECT d.id FROM Delivery d WHERE d.id IN :ids AND d.claimToken = :token",
                                String.class)
                        .setParameter("ids", ids)
                        .setParameter("token", token)
                        .getResultList());
    }

    /** The claim's statement for the database (embedded: H2), skipping as many tenants as given (parameters 3 on). */
    static String claimStatement(boolean embedded, int skippedTenants) {
        String skipping = skippedTenants == 0
                ? ""
                : IntStream.range(0, skippedTenants)
                        .mapToObj(i -> "?" + (i + 3))
                        .collect(Collectors.joining(", ", " AND d.tenant_id NOT IN (", ")"));
        return embedded ? claimChosen(skipping) : claimAsRead(skipping);
    }

    /**
     * Sets aside the ordered subjects' due deliveries that wait for an earlier one, and makes due
     * those set aside that no longer do; answers how many of each. Each statement reads the due
     * (or the set-aside) deliveries once, which every claim did before; the pump runs it every few
     * seconds, each instance on its own (both statements are idempotent).
     */
    public int[] sortTurns(Instant now) {
        Connection connection = em.unwrap(Connection.class);
        return new int[] {
            update(connection, SET_ASIDE, Delivery.SET_ASIDE_UNTIL_ITS_TURN, now),
            update(connection, TAKE_TURNS, now, Delivery.SET_ASIDE_UNTIL_ITS_TURN)
        };
    }

    private static int update(Connection connection, String statement, Instant first, Instant second) {
        try (PreparedStatement update = connection.prepareStatement(statement)) {
            JdbcInstants.set(update, 1, first);
            JdbcInstants.set(update, 2, second);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("Sorting the turns of ordered subjects' deliveries", e);
        }
    }

    /** Claims the next delivery of an ordered subject once the one before it is done, if it is due. */
    public Optional<Claim> claimNextInOrder(String orderingKey) {
        Instant now = Times.now();
        List<Delivery> next = em.createQuery(
                        // The key and status lead the order, constant as they are, so that H2 reads the
                        // ordering index in order and stops at the first row instead of sorting them all.
                        "SELECT d FROM Delivery d WHERE d.orderingKey = :key AND d.status = :pending"
                                + " AND d.eventSequence IS NOT NULL"
                                + " ORDER BY d.orderingKey, d.status, d.eventSequence, d.id",
                        Delivery.class)
                .setParameter("key", orderingKey)
                .setParameter("pending", DeliveryStatus.PENDING)
                .setMaxResults(1)
                .getResultList();
        if (next.isEmpty()
                || next.get(0).nextAttemptAt().isAfter(now)
                        && !next.get(0).nextAttemptAt().equals(Delivery.SET_ASIDE_UNTIL_ITS_TURN)) {
            return Optional.empty(); // none, or its retry is not due yet
        }
        String token = newToken();
        // Due now, as well as claimed: should the claim run out, the pump takes it up.
        int claimed = em.createQuery("UPDATE Delivery d SET d.claimToken = :token, d.claimedUntil = :until,"
                        + " d.nextAttemptAt = :now WHERE d.id = :id AND d.status = :pending"
                        + " AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)")
                .setParameter("token", token)
                .setParameter("until", now.plus(settings.lease()))
                .setParameter("id", next.get(0).id())
                .setParameter("pending", DeliveryStatus.PENDING)
                .setParameter("now", now)
                .executeUpdate();
        return claimed == 1
                ? Optional.of(new Claim(next.get(0).id(), next.get(0).tenantId(), token))
                : Optional.empty();
    }

    /**
     * What the attempt needs, with the claim's lease long enough for it. A claim taken up while
     * it is young ({@link Claim#isYoung}: the longest attempt still fits in its lease) is neither
     * renewed nor its row read again: no one else can hold the delivery before the attempt
     * ends, and what was read with the claim is still what is stored; only the payload is
     * read. An older claim is renewed for a full lease and
     * the delivery read again. Empty when the claim is no longer this worker's (it ran out and
     * another took over) or the delivery is done.
     */
    public Optional<DeliveryJob> open(Claim claim) {
        Instant now = Times.now();
        if (claim.isYoung(now, settings.lease())) {
            Payload payload = payloads.forAttempt(claim.deliveryId());
            return Optional.of(
                    DeliveryJob.ofClaim(claim, payload, recentTargets.of(claim, settings.lease(), Times.now())));
        }
        Optional<Claim> renewed = renew(claim, now);
        if (renewed.isEmpty()) {
            return Optional.empty();
        }
        Delivery delivery = em.find(Delivery.class, claim.deliveryId());
        return Optional.of(new DeliveryJob(
                renewed.get(),
                delivery.eventType(),
                delivery.payload() != null ? Payload.of(delivery.payload()) : payloads.forAttempt(delivery.id()),
                delivery.attemptCount() + 1,
                delivery.orderingKey(),
                // When it was claimed may not be known (a claim of the next ordered delivery): read it now.
                recentTargets.of(delivery.subscriptionId(), now, Times.now())));
    }

    /**
     * Logs attempts and moves their deliveries on, all in this one transaction: the attempts
     * inserted and the deliveries updated in two JDBC batches. Then, for each attempt that
     * {@linkplain FinishedAttempt#hasConsequences() has consequences}, the subscription's health
     * and the operational events it calls for.
     *
     * @return per attempt, whether its delivery moved on (false: the claim was no longer its worker's)
     */
    public List<Boolean> recordAll(List<FinishedAttempt> finished) {
        Instant now = Times.now();
        Connection connection = em.unwrap(Connection.class);
        try {
            HeraldDatabase.boundStatements(connection, databaseUrl, ATTEMPT_LOG_STATEMENT_BOUND);
        } catch (SQLException e) {
            throw new PersistenceException("Bounding the attempt log's statements failed", e);
        }
        JdbcBatch.run(
                connection,
                INSERT_ATTEMPT,
                finished,
                (insert, done) -> bindAttempt(insert, done, now),
                "Recording " + finished.size() + " attempts");
        int[] moved = JdbcBatch.run(
                connection,
                MOVE_ON,
                finished,
                (update, done) -> bindMoveOn(update, done, now),
                "Moving on " + finished.size() + " deliveries");
        List<Boolean> applied = new ArrayList<>(finished.size());
        for (int i = 0; i < finished.size(); i++) {
            FinishedAttempt done = finished.get(i);
            applied.add(moved[i] != 0);
            if (moved[i] != 0 && done.hasConsequences()) {
                afterAttempt(
                        em.find(Delivery.class, done.claim().deliveryId()),
                        done.attempt().outcome(),
                        done.status(),
                        now);
            }
        }
        // After the subscription rows (health) as deleting a subscription locks them: its row, then
        // through the cascade this one, so the two never wait for each other in turn.
        SortedMap<String, LastAttempt> latest = new TreeMap<>();
        finished.forEach(done -> latest.put(
                done.subscriptionId(),
                new LastAttempt(now, done.attempt().outcome().statusCode())));
        lastAttempts.record(latest);
        return applied;
    }

    private static void bindMoveOn(PreparedStatement update, FinishedAttempt done, Instant now) throws SQLException {
        update.setString(1, done.status().name());
        update.setInt(2, done.attempt().attempt());
        JdbcInstants.set(update, 3, done.nextAttemptAt());
        update.setString(4, done.attempt().outcome().error()); // as storable as the outcome made it
        JdbcInstants.set(update, 5, now);
        update.setString(6, done.claim().deliveryId());
        update.setString(7, done.claim().token());
    }

    private void bindAttempt(PreparedStatement insert, FinishedAttempt done, Instant now) throws SQLException {
        AttemptRecord attempt = done.attempt();
        List<String> redirects = attempt.outcome().redirects();
        insert.setString(1, Ids.next("att"));
        insert.setString(2, done.claim().deliveryId());
        insert.setInt(3, attempt.attempt());
        insert.setString(4, attempt.url());
        insert.setString(5, redirects.isEmpty() ? null : Jsons.stringArray(redirects));
        insert.setString(6, attempt.method());
        insert.setString(7, attempt.requestHeaders());
        insert.setObject(8, attempt.outcome().statusCode(), Types.INTEGER);
        insert.setString(9, attempt.outcome().responseBody());
        insert.setLong(10, attempt.outcome().responseTimeMs());
        insert.setString(11, attempt.outcome().error());
        JdbcInstants.set(insert, 12, now);
        insert.setString(13, cluster.instanceId());
    }

    /**
     * The subscription's health, and the operational events a tenant can subscribe to:
     * {@code delivery.exhausted} when retries ran out, {@code webhook.disabled} when the
     * subscription was just disabled. Deferred: written in this transaction, so they commit with
     * the attempt that called for them, and recorded after it in a transaction of the tenant's
     * own, since this batch holds every tenant's attempts ({@link DeferredEvents}).
     */
    private void afterAttempt(Delivery delivery, AttemptOutcome outcome, DeliveryStatus status, Instant now) {
        boolean operational = OPERATIONAL.contains(delivery.eventType());
        LogIds ids = LogIds.tenant(delivery.tenantId())
                .andEvent(delivery.eventId())
                .andDelivery(delivery.id())
                .andSubscription(delivery.subscriptionId());
        usage.recordAttempt(
                        delivery.subscriptionId(),
                        outcome.succeeded(),
                        outcome.statusCode() != null && outcome.statusCode() == 410,
                        now)
                .ifPresent(reason -> {
                    ids.log(LOG, Level.WARNING, "Subscription " + delivery.subscriptionId() + " disabled: " + reason);
                    deferredEvents.defer(new RaisedEvent(
                            delivery.tenantId(),
                            "webhook.disabled",
                            delivery.subscriptionId(),
                            Jsons.object()
                                    .add("subscription_id", delivery.subscriptionId())
                                    .add("reason", reason)
                                    .add("disabled_at", now.toString())
                                    .build(),
                            null));
                });
        if (status == DeliveryStatus.FAILED) {
            // One line per delivery that gave up, none per attempt: what an operator looks for.
            ids.log(
                    LOG,
                    Level.INFO,
                    "Delivery " + delivery.id() + " of event " + delivery.eventId()
                            + " to subscription " + delivery.subscriptionId() + " failed after "
                            + delivery.attemptCount() + " attempt(s): " + failure(outcome));
        }
        if (status == DeliveryStatus.FAILED && outcome.retryable() && !operational) {
            deferredEvents.defer(new RaisedEvent(
                    delivery.tenantId(),
                    "delivery.exhausted",
                    delivery.id(),
                    Jsons.object()
                            .add("delivery_id", delivery.id())
                            .add("subscription_id", delivery.subscriptionId())
                            .add("event_id", delivery.eventId())
                            .add("attempts", delivery.attemptCount())
                            .build(),
                    null));
        }
    }

    private static String failure(AttemptOutcome outcome) {
        return outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : String.valueOf(outcome.error());
    }

    /** Ends a delivery without an attempt (its subscription is gone). */
    public void abandon(Claim claim, String reason) {
        em.createQuery("UPDATE Delivery d SET d.status = :failed, d.nextAttemptAt = NULL, d.claimToken = NULL,"
                        + " d.claimedUntil = NULL, d.lastError = :reason, d.updatedAt = :now"
                        + " WHERE d.id = :id AND d.claimToken = :token")
                .setParameter("failed", DeliveryStatus.FAILED)
                .setParameter("reason", reason)
                .setParameter("now", Times.now())
                .setParameter("id", claim.deliveryId())
                .setParameter("token", claim.token())
                .executeUpdate();
    }

    /**
     * Makes a delivery due again now and claims it, for a manual redelivery: one more attempt
     * under the same id, so receivers can recognise it.
     */
    public Claim redeliver(String tenantId, String deliveryId) {
        Delivery delivery = TenantOwned.get(em, Delivery.class, "delivery", tenantId, deliveryId);
        if (delivery.attemptCount() >= MOST_ATTEMPTS) {
            throw new ConflictException("Delivery " + deliveryId + " has been attempted " + delivery.attemptCount()
                    + " times; a delivery is not sent again past " + MOST_ATTEMPTS
                    + " attempts, as its view reads them all");
        }
        Optional<String> ahead = earlierPending(deliveryId);
        if (ahead.isPresent()) {
            throw new ConflictException("Delivery " + deliveryId + " waits in order behind delivery " + ahead.get()
                    + " (an earlier event of its ordered subject, or of its backfill), which is still pending;"
                    + " it goes after that one, so it is not sent again before it");
        }
        Instant now = Times.now();
        String token = newToken();
        int claimed = em.createQuery("UPDATE Delivery d SET d.status = :pending, d.nextAttemptAt = :now,"
                        + " d.claimToken = :token, d.claimedUntil = :until, d.updatedAt = :now"
                        + " WHERE d.id = :id AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)")
                .setParameter("pending", DeliveryStatus.PENDING)
                .setParameter("now", now)
                .setParameter("token", token)
                .setParameter("until", now.plus(settings.lease()))
                .setParameter("id", deliveryId)
                .executeUpdate();
        if (claimed == 0) {
            throw new ConflictException("Delivery " + deliveryId + " is being attempted right now; "
                    + "its attempts list shows the outcome");
        }
        return new Claim(deliveryId, tenantId, token);
    }

    /**
     * Renews the claim's lease for a full lease from {@code now}; empty when the claim is no
     * longer its holder's (it ran out and another took over) or the delivery is done.
     */
    public Optional<Claim> renew(Claim claim, Instant now) {
        Instant until = now.plus(settings.lease());
        int renewed = em.createQuery("UPDATE Delivery d SET d.claimedUntil = :until"
                        + " WHERE d.id = :id AND d.claimToken = :token AND d.status = :pending")
                .setParameter("until", until)
                .setParameter("id", claim.deliveryId())
                .setParameter("token", claim.token())
                .setParameter("pending", DeliveryStatus.PENDING)
                .executeUpdate();
        return renewed == 0 ? Optional.empty() : Optional.of(claim.renewedUntil(until));
    }

    /** The first pending delivery of an earlier event of the delivery's ordered subject, if any. */
    private Optional<String> earlierPending(String deliveryId) {
        @SuppressWarnings("unchecked")
        List<Object> ahead = em.createNativeQuery("SELECT e.id FROM deliveries d JOIN deliveries e"
                        + " ON e.ordering_key = d.ordering_key WHERE d.id = ?1 AND e.status = 'PENDING'"
                        + " AND e.event_sequence <= d.event_sequence"
                        + " AND (e.event_sequence < d.event_sequence OR e.id < d.id)"
                        + " ORDER BY e.event_sequence, e.id")
                .setParameter(1, deliveryId)
                .setMaxResults(1)
                .getResultList();
        return ahead.stream().map(String.class::cast).findFirst();
    }

    /**
     * Puts the claimed delivery back to wait, and with it every other pending delivery of its
     * subscription due before then and not being attempted: the subscription is not active.
     * Held one by one, a paused subscription's 10,000 pending deliveries were each claimed,
     * read and held again every hold interval, for as long as it stayed paused (333
     * transactions a second); now one statement an interval holds them all.
     */
    public void holdAllOf(String subscriptionId, Claim claim, Instant until) {
        hold(claim, until);
        Instant now = Times.now();
        Instant heldBefore = heldAllUntil.get(subscriptionId);
        if (heldBefore != null
                && heldBefore.isAfter(until.minus(settings.holdInterval().dividedBy(2)))) {
            return; // claimed with deliveries this instance held together moments ago: they are held
        }
        if (heldAllUntil.size() > ThrottledHolds.TIDY_ABOVE) {
            heldAllUntil.values().removeIf(held -> held.isBefore(now));
        }
        heldAllUntil.put(subscriptionId, until);
        em.createQuery("UPDATE Delivery d SET d.nextAttemptAt = :until WHERE d.subscriptionId = :subscription"
                        + " AND d.status = :pending AND d.nextAttemptAt < :until"
                        + " AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)")
                .setParameter("until", until)
                .setParameter("subscription", subscriptionId)
                .setParameter("pending", DeliveryStatus.PENDING)
                .setParameter("now", now)
                .executeUpdate();
    }

    /** Puts a delivery back to wait, without counting an attempt (its subscription is paused). */
    public void hold(Claim claim, Instant until) {
        em.createQuery("UPDATE Delivery d SET d.nextAttemptAt = :until, d.claimToken = NULL, d.claimedUntil = NULL"
                        + " WHERE d.id = :id AND d.claimToken = :token")
                .setParameter("until", until)
                .setParameter("id", claim.deliveryId())
                .setParameter("token", claim.token())
                .executeUpdate();
    }

    /**
     * Gives claims back unattempted, due at {@code dueAt}, for whichever instance claims
     * then; a claim that is no longer this instance's is left alone.
     */
    public void giveBack(List<Claim> claims, Instant dueAt) {
        JdbcBatch.run(
                em.unwrap(Connection.class),
                "UPDATE deliveries SET claim_token = NULL, claimed_until = NULL, next_attempt_at = ?"
                        + " WHERE id = ? AND claim_token = ?",
                claims,
                (release, claim) -> {
                    JdbcInstants.set(release, 1, dueAt);
                    release.setString(2, claim.deliveryId());
                    release.setString(3, claim.token());
                },
                "Giving back " + claims.size() + " claims");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
