package dev.herald.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.MigratedH2;
import dev.herald.platform.RecordedStatements;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Receipts are kept, so the upkeep that drops their bodies past the retention must not read
 * every receipt each time: after its first sweep it reads only the receipts of its range (the
 * hour before the retention's end), along the outcomes' time index. The code runs as Herald
 * runs it (EclipseLink on the migrated schema) and H2 is asked how many rows each statement read.
 */
class ReceiptBodiesSweepTest {

    private static final int OLD_RECEIPTS = 2_000;
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Instant RETENTION_END = NOW.minus(Duration.ofDays(7));

    private static DataSource database;
    private static RecordedStatements statements;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void receiptsOfAMonth() throws Exception {
        database = MigratedH2.inMemory(
                "receipts" + System.nanoTime(),
                "INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'a', NOW())",
                "INSERT INTO integrations (id, tenant_id, name, type, filters_json, enabled, created_at,"
                        + " updated_at, row_version) VALUES ('int_a', 'ten_a', 'a', 'generic', '[]', TRUE, NOW(),"
                        + " NOW(), 0)");
        try (Connection connection = database.getConnection()) {
            for (int i = 0; i < OLD_RECEIPTS; i++) { // their bodies dropped long ago
                insert(
                        connection,
                        "rcp_old" + i,
                        i % 2 == 0 ? "processed" : "ignored",
                        null,
                        NOW.minus(Duration.ofDays(30)));
            }
        }
        statements = new RecordedStatements(database);
        factory = MigratedH2.persistenceUnit(statements.dataSource());
    }

    private static void insert(Connection connection, String id, String outcome, String body, Instant receivedAt)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO inbound_receipts (id, tenant_id,"
                        + " integration_id, delivery_key, outcome, body, received_at) VALUES (?, 'ten_a', 'int_a', ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, "key-" + id);
            insert.setString(3, outcome);
            insert.setString(4, body);
            insert.setTimestamp(5, Timestamp.from(receivedAt));
            insert.executeUpdate();
        }
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void aSweepAfterTheFirstReadsOnlyItsRangeAndDropsTheBodiesThatCameOfAge() throws Exception {
        try (Connection connection = database.getConnection()) {
            insert(connection, "rcp_ripe", "processed", "{}", RETENTION_END.minus(Duration.ofDays(2)));
            insert(connection, "rcp_young", "processed", "{}", RETENTION_END.plus(Duration.ofDays(1)));
        }
        assertEquals(1, sweep(Optional.empty()), "the first sweep looks at every receipt");
        assertEquals(List.of("rcp_young"), withBodies());

        try (Connection connection = database.getConnection()) {
            insert(connection, "rcp_just_ripe", "failed", "{}", RETENTION_END.minus(Duration.ofMinutes(1)));
        }
        statements.take();
        assertEquals(1, sweep(Optional.of(RETENTION_END.minus(Duration.ofHours(1)))));
        assertEquals(List.of("rcp_young"), withBodies());
        List<RecordedStatements.Run> runs = statements.take();
        assertEquals(5, runs.size(), "one statement an outcome: " + runs);
        for (RecordedStatements.Run run : runs) {
            int read = statements.rowsRead(run);
            assertTrue(read <= 2, read + " rows read by " + run.sql() + " " + run.parameters());
        }
    }

    private static int sweep(Optional<Instant> since) {
        return inTransaction(em -> {
            ReceiptProcessor processor = new ReceiptProcessor();
            processor.em = em;
            return processor.forgetBodies(since, RETENTION_END);
        });
    }

    private static List<String> withBodies() throws Exception {
        try (Connection connection = database.getConnection();
                ResultSet found = connection
                        .createStatement()
                        .executeQuery("SELECT id FROM inbound_receipts WHERE body IS NOT NULL ORDER BY id")) {
            List<String> ids = new ArrayList<>();
            while (found.next()) {
                ids.add(found.getString(1));
            }
            return ids;
        }
    }

    private static <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }
}
