package dev.herald.events.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.audit.control.AuditTrail;
import dev.herald.audit.entity.AuditEntry;
import dev.herald.delivery.control.DeliveryQueries;
import dev.herald.delivery.control.DeliveryView;
import dev.herald.governance.release.entity.Release;
import dev.herald.platform.Listing;
import dev.herald.platform.MigratedH2;
import dev.herald.platform.PageRequest;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.RecordedStatements;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Newest-first lists that grow with the history read only their page on H2, whatever the
 * history's length: a tenant's events ({@link EventLog#list}) and audit trail, a subscription's
 * deliveries and the newest of them, and the other lists of a tenant's objects (releases here).
 * The code runs as Herald runs it (EclipseLink on the migrated schema) and H2 is asked how many
 * rows each statement it issued read.
 */
class HistoryIndexTest {

    private static final int ROWS = 2_000;
    /** Page 3 of 20: a statement reading its page in index order reads 60 rows and one to see the end. */
    private static final int READ_FOR_PAGE_3 = 61;
    /** The ids of the newest three rows of each list (its rows are numbered alike). */
    private static final List<String> NEWEST_THREE = List.of("evt_02000", "evt_01999", "evt_01998");

    private static RecordedStatements statements;
    private static EntityManagerFactory factory;
    private EntityManager em;

    @BeforeAll
    static void aLongHistory() throws Exception {
        var database = MigratedH2.inMemory(
                "history" + System.nanoTime(),
                "INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'a', NOW())",
                "INSERT INTO event_chain_heads (tenant_id, sequence, hash) VALUES ('ten_a', 2001, '0')");
        try (Connection connection = database.getConnection()) {
            insert(
                    connection,
                    "INSERT INTO events (id, tenant_id, type, data_json, created_at, sequence, prev_hash, hash)"
                            + " VALUES (?, 'ten_a', 'build.started', '{}', ?, ?, '0', '0')");
            insert(
                    connection,
                    "INSERT INTO audit_entries (id, recorded_at, tenant_id, actor, token_id, scope, method, path,"
                            + " status, outcome) VALUES (?, ?, 'ten_a', 'bot', 'tok_1', 'publish', 'POST', '/events', ?,"
                            + " 'recorded')");
            insert(
                    connection,
                    "INSERT INTO deliveries (id, created_at, attempt_count, tenant_id, event_id, subscription_id,"
                            + " event_type, payload, status, updated_at) VALUES (?, ?, ?, 'ten_a', 'evt_00001', 'wh_1',"
                            + " 'build.started', '{}', 'SUCCEEDED', NOW())");
            connection
                    .createStatement()
                    .execute("INSERT INTO events (id, tenant_id, type, subject, data_json, created_at, sequence,"
                            + " prev_hash, hash) VALUES ('evr_1', 'ten_a', 'build.started', 'rare', '{}', TIMESTAMP WITH"
                            + " TIME ZONE '2025-06-01 00:00:00Z', 10001, '0', '0')");
            connection
                    .createStatement()
                    .execute("INSERT INTO releases (id, tenant_id, product_id, version, channel, status, created_at,"
                            + " updated_at, row_version) SELECT id, tenant_id, 'shop', id, 'stable', 'DRAFT',"
                            + " created_at, created_at, 0 FROM events");
        }
        statements = new RecordedStatements(database);
        factory = MigratedH2.persistenceUnit(statements.dataSource());
    }

    /** Rows 1 to 2,000 with ids in that order; pairs share a time, so the id decides between them. */
    private static void insert(Connection connection, String statement) throws Exception {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (PreparedStatement insert = connection.prepareStatement(statement)) {
            for (int i = 1; i <= ROWS; i++) {
                insert.setString(1, "evt_%05d".formatted(i));
                insert.setTimestamp(2, Timestamp.from(start.plusMillis(i / 2)));
                insert.setInt(3, i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @BeforeEach
    void entityManager() {
        em = factory.createEntityManager();
        statements.take();
    }

    @AfterEach
    void closeEntityManager() {
        em.close();
    }

    @Test
    void aPageOfATenantsHistoryReadsOnlyItsRows() throws Exception {
        EventLog log = inject(new EventLog());
        EventLog.Query everything = new EventLog.Query(null, null, null, null);

        assertEquals(
                ROWS + 1,
                log.list("ten_a", everything, new PageRequest(3, 20), ReadRoom.NONE)
                        .total());
        // Counted from the chain, not by a COUNT: every statement reads its page at most.
        assertEveryStatementReadsAtMost(READ_FOR_PAGE_3, true);
        assertEquals(
                NEWEST_THREE,
                log.list("ten_a", everything, new PageRequest(1, 3), ReadRoom.NONE).items().stream()
                        .map(RecordedEvent::id)
                        .toList());
    }

    /**
     * A backfill's history comes in chunks of at most {@link dev.herald.platform.ReadRoom#BATCH_CHARS} of data: ten
     * events of a million characters are handed over four, four and two, in order.
     */
    @Test
    void aHistoryOfLargeEventsIsHandedOverInChunksThatFitTheirBudget() throws Exception {
        try (Connection connection = statements.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO events (id, tenant_id, type, data_json, created_at, sequence, prev_hash, hash)"
                                + " VALUES (?, 'ten_big', 'build.started', ?, ?, ?, '0', '0')")) {
            connection
                    .createStatement()
                    .execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_big', 'big', NOW())");
            String data = "{\"log\":\"" + "x".repeat(1_000_000 - 10) + "\"}";
            for (int i = 1; i <= 10; i++) {
                insert.setString(1, "evb_%02d".formatted(i));
                insert.setString(2, data);
                insert.setTimestamp(
                        3, Timestamp.from(Instant.parse("2026-02-01T00:00:00Z").plusSeconds(i)));
                insert.setInt(4, i);
                insert.executeUpdate();
            }
        }
        EventLog log = inject(new EventLog());
        List<List<String>> chunks = new java.util.ArrayList<>();

        em.getTransaction().begin();
        log.history(
                "ten_big",
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"),
                10_000,
                ReadRoom.BATCH_CHARS,
                chunk -> chunks.add(chunk.stream().map(RecordedEvent::id).toList()));
        em.getTransaction().rollback();

        assertEquals(
                List.of(
                        List.of("evb_01", "evb_02", "evb_03", "evb_04"),
                        List.of("evb_05", "evb_06", "evb_07", "evb_08"),
                        List.of("evb_09", "evb_10")),
                chunks);
    }

    /**
     * One event read with its data takes room for it first (its data parses into some ten times its
     * text), by its tenant only: another tenant's id is a 404 that takes none.
     */
    @Test
    void oneEventIsWeighedByItsDataBeforeItIsRead() throws Exception {
        EventLog log = inject(new EventLog());
        List<Long> weighed = new java.util.ArrayList<>();

        assertEquals(
                "evr_1",
                log.get("ten_a", "evr_1", (chars, tooLarge) -> weighed.add(chars))
                        .id());
        assertEquals(List.of(2L + 1024), weighed, "its data ('{}') and the rest of its row");
        assertThrows(
                dev.herald.problems.NotFoundProblem.class,
                () -> log.get("ten_b", "evr_1", (chars, tooLarge) -> weighed.add(chars)));
        assertEquals(1, weighed.size(), "no room for another tenant's event");
        assertThrows(
                dev.herald.problems.ConflictException.class,
                () -> log.get("ten_a", "evr_1", (chars, tooLarge) -> {
                    throw tooLarge.apply(1);
                }));
    }

    /** Narrowed by a subject, the page is read through the subject's index, not along the whole history. */
    @Test
    void aPageOfOneSubjectReadsOnlyThatSubjectsEvents() throws Exception {
        EventLog log = inject(new EventLog());

        var page =
                log.list("ten_a", new EventLog.Query(null, "rare", null, null), new PageRequest(1, 20), ReadRoom.NONE);

        assertEquals(
                List.of("evr_1"), page.items().stream().map(RecordedEvent::id).toList());
        assertEquals(1, page.total());
        assertEveryStatementReadsAtMost(2, true);
    }

    @Test
    void aPageOfATenantsAuditTrailReadsOnlyItsRows() throws Exception {
        AuditTrail trail = inject(new AuditTrail());
        AuditTrail.Query everything = new AuditTrail.Query(null, null, null, null, null, null);

        assertEquals(
                ROWS, trail.list("ten_a", everything, new PageRequest(3, 20)).total());
        assertEveryStatementReadsAtMost(READ_FOR_PAGE_3, false);
        assertEquals(
                NEWEST_THREE,
                trail.list("ten_a", everything, new PageRequest(1, 3)).items().stream()
                        .map(AuditEntry::id)
                        .toList());
    }

    @Test
    void aPageOfASubscriptionsDeliveriesAndItsNewestReadOnlyTheirRows() throws Exception {
        DeliveryQueries deliveries = inject(new DeliveryQueries());

        assertEquals(
                ROWS,
                deliveries
                        .forSubscription("ten_a", "wh_1", null, new PageRequest(3, 20), (chars, tooLarge) -> {})
                        .total());
        assertEveryStatementReadsAtMost(READ_FOR_PAGE_3, false);
        assertEquals(
                NEWEST_THREE,
                deliveries.forSubscription("ten_a", "wh_1", null, new PageRequest(1, 3), ReadRoom.NONE).items().stream()
                        .map(DeliveryView::id)
                        .toList());
        statements.take();

        assertEquals(
                NEWEST_THREE.get(0),
                deliveries.latestOf("ten_a", List.of("wh_1")).get("wh_1").id());
        assertEveryStatementReadsAtMost(1, true);
    }

    @Test
    void aPageOfAnyOtherListReadsOnlyItsRows() throws Exception {
        // platform.Listing, for releases as for every list of a tenant's objects.
        assertEquals(
                ROWS + 1,
                Listing.page(em, Release.class, "ten_a", Map.of(), new PageRequest(3, 20))
                        .total());
        assertEveryStatementReadsAtMost(READ_FOR_PAGE_3, false);
        assertEquals(
                NEWEST_THREE,
                Listing.page(em, Release.class, "ten_a", Map.of(), new PageRequest(1, 3)).items().stream()
                        .map(Release::id)
                        .toList());
    }

    /**
     * @param countsToo whether the statements that count rows for a page's {@code total} are held
     *     to the bound as well (a tenant's whole list is counted by reading it)
     */
    private static void assertEveryStatementReadsAtMost(int rows, boolean countsToo) throws Exception {
        List<RecordedStatements.Run> runs = statements.take();
        assertTrue(!runs.isEmpty(), "no statement was recorded");
        for (RecordedStatements.Run run : runs) {
            if (countsToo || !run.sql().startsWith("SELECT COUNT")) {
                int read = statements.rowsRead(run);
                assertTrue(read <= rows, read + " rows read by " + run.sql());
            }
        }
    }

    /** The bean with this test's entity manager where the container would inject it. */
    private <T> T inject(T bean) throws ReflectiveOperationException {
        Field field = bean.getClass().getDeclaredField("em");
        field.setAccessible(true);
        field.set(bean, em);
        return bean;
    }
}
