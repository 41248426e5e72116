package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.events.control.EventDeliveries.DeliverySummary;
import dev.herald.platform.MigratedH2;
import dev.herald.platform.PageRequest;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.RecordedStatements;
import dev.herald.problems.NotFoundProblem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads of deliveries load what they answer, not what the tenant has accumulated. A backfill skips
 * the events its subscription already has a delivery of, chunk by chunk: it read every delivery the
 * subscription ever had into memory at each request (millions for a busy one, in the heap every
 * tenant shares). The code runs as Herald runs it (EclipseLink on the migrated schema) and H2 is
 * asked how many rows its statements read.
 */
class DeliveryQueriesTest {

    /** The subscription's history: one delivery of each of these events. */
    private static final int DELIVERED = 2_000;

    /** What each attempt of the second subscription's deliveries holds besides its answer. */
    private static final String ATTEMPT_URL = "https://e.example/" + "p".repeat(300);

    private static final String ATTEMPT_HEADERS = "{\"X-" + "n".repeat(100) + "\":\"********\"}";

    private static RecordedStatements statements;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void aSubscriptionWithALongHistory() throws Exception {
        var database = MigratedH2.inMemory("delivered" + System.nanoTime());
        try (Connection connection = database.getConnection();
                Statement setup = connection.createStatement()) {
            setup.execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'a', NOW())");
            setup.execute("INSERT INTO events (id, tenant_id, type, data_json, created_at, sequence, prev_hash, hash)"
                    + " SELECT 'evt_' || X, 'ten_a', 'build.finished', '{}', NOW(), X, 'p', 'h'"
                    + " FROM SYSTEM_RANGE(1, " + 2 * DELIVERED + ")");
            setup.execute("INSERT INTO subscriptions (id, tenant_id, url, events_json, secret_sealed, method,"
                    + " auth_type, filters_json, retry_policy_json, timeout_ms, ordering, options_json, status,"
                    + " created_at, updated_at, version) VALUES ('wh_a', 'ten_a', 'https://e.example', '[]', 's',"
                    + " 'POST', 'none', '[]', '{}', 5000, 'none', '{}', 'ACTIVE', NOW(), NOW(), 0)");
            setup.execute("INSERT INTO deliveries (id, tenant_id, event_id, subscription_id, event_type, payload,"
                    + " status, attempt_count, next_attempt_at, created_at, updated_at) SELECT 'dlv_' || X, 'ten_a',"
                    + " 'evt_' || X, 'wh_a', 'build.finished', '{}', 'SUCCEEDED', 1, NOW(), NOW(), NOW()"
                    + " FROM SYSTEM_RANGE(1, " + DELIVERED + ")");
            // Another subscription's page: three deliveries of 12, 1 and no attempts.
            setup.execute("INSERT INTO subscriptions (id, tenant_id, url, events_json, secret_sealed, method,"
                    + " auth_type, filters_json, retry_policy_json, timeout_ms, ordering, options_json, status,"
                    + " created_at, updated_at, version) VALUES ('wh_b', 'ten_a', 'https://e.example', '[]', 's',"
                    + " 'POST', 'none', '[]', '{}', 5000, 'none', '{}', 'ACTIVE', NOW(), NOW(), 0)");
            setup.execute("INSERT INTO deliveries (id, tenant_id, event_id, subscription_id, event_type, payload,"
                    + " status, attempt_count, next_attempt_at, created_at, updated_at) SELECT 'dlv_b' || X, 'ten_a',"
                    + " 'evt_' || X, 'wh_b', 'build.finished', '{}', 'FAILED', CASEWHEN(X = 1, 12, 3 - X), NOW(),"
                    + " NOW(), NOW() FROM SYSTEM_RANGE(1, 3)");
            setup.execute("INSERT INTO delivery_attempts (id, delivery_id, attempt, url, method, request_headers,"
                    + " response_time_ms, created_at) SELECT 'att_b1_' || X, 'dlv_b1', X, '" + ATTEMPT_URL + "',"
                    + " 'POST', '" + ATTEMPT_HEADERS + "', 5, NOW() FROM SYSTEM_RANGE(1, 12)");
            setup.execute("INSERT INTO delivery_attempts (id, delivery_id, attempt, url, method, request_headers,"
                    + " response_time_ms, created_at) VALUES ('att_b2_1', 'dlv_b2', 1, '" + ATTEMPT_URL + "',"
                    + " 'POST', '" + ATTEMPT_HEADERS + "', 5, NOW())");
        }
        statements = new RecordedStatements(database);
        factory = MigratedH2.persistenceUnit(statements.dataSource());
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void readsTheDeliveriesOfTheEventsAskedAboutNotTheSubscriptionsHistory() throws Exception {
        EntityManager em = factory.createEntityManager();
        try {
            DeliveryQueries queries = new DeliveryQueries();
            queries.em = em;
            // Ten events it has a delivery of, ten it has not (a chunk of a backfill).
            List<String> asked = IntStream.rangeClosed(DELIVERED - 9, DELIVERED + 10)
                    .mapToObj(i -> "evt_" + i)
                    .toList();
            statements.take();

            Set<String> delivered = queries.eventsDeliveredTo("ten_a", "wh_a", asked);

            assertEquals(Set.copyOf(asked.subList(0, 10)), delivered);
            List<RecordedStatements.Run> runs = statements.take();
            assertEquals(1, runs.size(), runs.toString());
            int read = statements.rowsRead(runs.get(0));
            // Each asked event's delivery, looked up by its event (H2 counts the entry after each
            // lookup too); the subscription's whole history is 2,000.
            assertTrue(read <= 3 * asked.size(), read + " rows read:\n" + statements.plan(runs.get(0)));
        } finally {
            em.close();
        }
    }

    /** The queue's gauge counts pending deliveries up to a bound: a backlog of millions is not walked on each scrape. */
    @Test
    void pendingDeliveriesAreCountedUpToTheBoundAsked() throws Exception {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            em.createNativeQuery("INSERT INTO deliveries (id, tenant_id, event_id, subscription_id, event_type,"
                            + " payload, status, attempt_count, next_attempt_at, created_at, updated_at)"
                            + " SELECT 'dlv_p' || X, 'ten_a', 'evt_' || X, 'wh_b', 'build.finished', '{}', 'PENDING',"
                            + " 0, NOW(), NOW(), NOW() FROM SYSTEM_RANGE(1, 50)")
                    .executeUpdate();
            em.getTransaction().commit();
            DeliveryQueries queries = new DeliveryQueries();
            queries.em = em;
            assertEquals(50, queries.pendingCount(1_000));
            statements.take();
            assertEquals(20, queries.pendingCount(20));
            List<RecordedStatements.Run> runs = statements.take();
            int read = statements.rowsRead(runs.get(0));
            // The 20 counted, by the inner query and again by the outer (H2 counts both); the
            // table's 2,003 deliveries that are not pending are not read.
            assertTrue(read <= 2 * 20 + 5, read + " rows read:\n" + statements.plan(runs.get(0)));
        } finally {
            em.getTransaction().begin();
            em.createNativeQuery("DELETE FROM deliveries WHERE id LIKE 'dlv_p%'")
                    .executeUpdate();
            em.getTransaction().commit();
            em.close();
        }
    }

    /**
     * An event's page lists its deliveries, one for each subscription it matched, and showed none
     * of their attempts, which were read too: up to ten a delivery, with their headers.
     */
    @Test
    void anEventsDeliveriesAreReadWithoutTheirAttempts() {
        EntityManager em = factory.createEntityManager();
        try {
            DeliveryQueries queries = new DeliveryQueries();
            queries.em = em;
            statements.take();

            List<DeliverySummary> deliveries = queries.forEvent("ten_a", "evt_5", 200);

            assertEquals(
                    List.of("dlv_5"),
                    deliveries.stream().map(DeliverySummary::id).toList());
            assertEquals(1, deliveries.get(0).attempts());
            assertEquals(1, statements.take().size(), "the deliveries, and no attempts");
            // The console's page lists the first ones by id (an event to a tenant's thousands of subscriptions).
            assertEquals(
                    List.of("dlv_1", "dlv_b1"),
                    queries.forEvent("ten_a", "evt_1", 200).stream()
                            .map(DeliverySummary::id)
                            .toList());
            assertEquals(
                    List.of("dlv_1"),
                    queries.forEvent("ten_a", "evt_1", 1).stream()
                            .map(DeliverySummary::id)
                            .toList());
            assertEquals(12, queries.forEvent("ten_a", "evt_1", 2).get(1).attempts());
        } finally {
            em.close();
        }
    }

    /**
     * A page of a subscription's deliveries lists each one's latest ten attempts, whose headers,
     * URLs, hops and errors are weighed against the caller's room before they are loaded (a page
     * of 200 could hold 2,000 attempts of several KiB each).
     */
    @Test
    void aSubscriptionsPageTakesRoomForItsLatestAttemptsBeforeLoadingThem() {
        EntityManager em = factory.createEntityManager();
        try {
            DeliveryQueries queries = new DeliveryQueries();
            queries.em = em;
            List<Long> taken = new ArrayList<>();

            var page = queries.forSubscription(
                    "ten_a", "wh_b", null, PageRequest.of(null, null), (chars, tooLarge) -> taken.add(chars));

            assertEquals(
                    Map.of("dlv_b1", 10, "dlv_b2", 1, "dlv_b3", 0),
                    page.items().stream()
                            .collect(Collectors.toMap(
                                    DeliveryView::id, d -> d.attempts().size())));
            assertEquals(List.of(11L * (ATTEMPT_URL.length() + ATTEMPT_HEADERS.length())), taken);
        } finally {
            em.close();
        }
    }

    @Test
    void aPageWithoutRoomForItsAttemptsLoadsNone() {
        EntityManager em = factory.createEntityManager();
        try {
            DeliveryQueries queries = new DeliveryQueries();
            queries.em = em;
            statements.take();

            assertThrows(
                    IllegalStateException.class,
                    () -> queries.forSubscription(
                            "ten_a", "wh_b", null, PageRequest.of(null, null), (chars, tooLarge) -> {
                                throw new IllegalStateException("no room for " + chars);
                            }));

            List<RecordedStatements.Run> runs = statements.take();
            assertTrue(
                    runs.stream()
                            .noneMatch(run -> run.sql().toUpperCase(Locale.ROOT).contains("RESPONSE_TIME_MS")),
                    runs.toString());
        } finally {
            em.close();
        }
    }

    /**
     * A delivery read whole is read without its attempts, weighed by its payload and at most one
     * turn of them, then a turn at a time up to the count it was read with: each turn reads its own
     * rows, not the delivery's thousand.
     */
    @Test
    void aDeliveryReadWholeIsReadATurnOfAttemptsAtATime() throws Exception {
        int attempts = 2 * DeliveryQueries.ATTEMPTS_A_TURN + 6;
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            em.createNativeQuery("INSERT INTO deliveries (id, tenant_id, event_id, subscription_id, event_type,"
                            + " payload, status, attempt_count, next_attempt_at, created_at, updated_at) VALUES"
                            + " ('dlv_c', 'ten_a', 'evt_1', 'wh_a', 'build.finished', '{\"n\":1}', 'FAILED', "
                            + attempts + ", NOW(), NOW(), NOW())")
                    .executeUpdate();
            em.createNativeQuery("INSERT INTO delivery_attempts (id, delivery_id, attempt, url, method,"
                            + " request_headers, response_body, response_time_ms, created_at) SELECT 'att_c' || X,"
                            + " 'dlv_c', X, '" + ATTEMPT_URL + "', 'POST', '" + ATTEMPT_HEADERS
                            + "', 'answer ' || X || REPEAT('.', 12000), 5,"
                            + " NOW() FROM SYSTEM_RANGE(1, " + attempts + ")")
                    .executeUpdate();
            em.getTransaction().commit();
            DeliveryQueries queries = new DeliveryQueries();
            queries.em = em;
            List<Long> taken = new ArrayList<>();

            DeliveryView delivery = queries.withoutAttempts("ten_a", "dlv_c", (chars, tooLarge) -> taken.add(chars));

            assertEquals(List.of(), delivery.attempts());
            assertEquals(attempts, delivery.attemptCount());
            assertEquals("{\"n\":1}", delivery.payload());
            assertEquals(1, taken.size());
            long oneAttempt = ATTEMPT_URL.length() + ATTEMPT_HEADERS.length() + "answer 10".length() + 12000;
            assertTrue(
                    taken.get(0) > 7 + DeliveryQueries.ATTEMPTS_A_TURN * oneAttempt
                            && taken.get(0) < 7 + attempts * oneAttempt,
                    "the payload and one turn, as large as a turn can be, not all " + attempts + " attempts: " + taken);
            assertThrows(NotFoundProblem.class, () -> queries.withoutAttempts("ten_b", "dlv_c", ReadRoom.NONE));

            statements.take();
            List<List<Integer>> turns = new ArrayList<>();
            for (int after = 0; after < attempts; ) {
                List<DeliveryView.AttemptView> turn =
                        queries.attempts("dlv_c", after, attempts, DeliveryQueries.ATTEMPTS_A_TURN);
                turns.add(turn.stream().map(DeliveryView.AttemptView::attempt).toList());
                after = turn.get(turn.size() - 1).attempt();
            }
            assertEquals(
                    List.of(
                            IntStream.rangeClosed(1, 32).boxed().toList(),
                            IntStream.rangeClosed(33, 64).boxed().toList(),
                            IntStream.rangeClosed(65, attempts).boxed().toList()),
                    turns);
            for (RecordedStatements.Run run : statements.take()) {
                int read = statements.rowsRead(run);
                assertTrue(read <= DeliveryQueries.ATTEMPTS_A_TURN + 2, read + " rows read:\n" + statements.plan(run));
            }
            assertEquals(
                    List.of(33, 34, 35),
                    queries.attempts("dlv_c", 32, 35, DeliveryQueries.ATTEMPTS_A_TURN).stream()
                            .map(DeliveryView.AttemptView::attempt)
                            .toList(),
                    "none beyond the count the delivery was read with");
            assertEquals(
                    "answer 33" + ".".repeat(12000),
                    queries.attempts("dlv_c", 32, 35, DeliveryQueries.ATTEMPTS_A_TURN)
                            .get(0)
                            .responseBody());
        } finally {
            em.getTransaction().begin();
            em.createNativeQuery("DELETE FROM delivery_attempts WHERE delivery_id = 'dlv_c'")
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM deliveries WHERE id = 'dlv_c'").executeUpdate();
            em.getTransaction().commit();
            em.close();
        }
    }
}
