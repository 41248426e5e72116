package dev.herald.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.platform.MigratedH2;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Due leases are taken a tenant at a time, on both databases (the statement is the code's, run
 * by EclipseLink on the migrated schema): one tenant's 300 due a minute earlier no longer come
 * before another tenant's one.
 */
class DueInTurnsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String PG_URL =
            System.getProperty("herald.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_SCHEMA =
            "herald_due_test_" + ProcessHandle.current().pid();

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachTenantsOldestComeInTurnNotOneTenantsBacklogFirst(String kind) throws Exception {
        DataSource database = kind.equals("h2") ? MigratedH2.inMemory("due-in-turns") : postgres();
        List<String> flooding = new ArrayList<>();
        try (Connection connection = database.getConnection()) {
            execute(
                    connection,
                    "INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'a', NOW()),"
                            + " ('ten_b', 'b', NOW())");
            for (int i = 0; i < 300; i++) {
                String id = "lic_a" + String.format("%03d", i);
                insert(
                        connection,
                        id,
                        "ten_a",
                        "ACTIVE",
                        NOW.minus(Duration.ofMinutes(10)).plusMillis(i));
                flooding.add(id);
            }
            insert(connection, "lic_b_due", "ten_b", "ACTIVE", NOW.minus(Duration.ofMinutes(1)));
            insert(connection, "lic_b_later", "ten_b", "ACTIVE", NOW.plusSeconds(1));
            insert(connection, "lic_b_revoked", "ten_b", "REVOKED", NOW.minus(Duration.ofHours(1)));
        }
        EntityManagerFactory factory = MigratedH2.persistenceUnit(database);
        try {
            EntityManager em = factory.createEntityManager();
            List<String> due = DueInTurns.ids(em, "licenses", "ACTIVE", NOW, 100);
            List<String> expected = new ArrayList<>(List.of("lic_a000", "lic_b_due"));
            expected.addAll(flooding.subList(1, 99));
            assertEquals(expected, due);
            assertEquals(
                    301, DueInTurns.ids(em, "licenses", "ACTIVE", NOW, 1_000).size(), "all that is due");
            em.close();
        } finally {
            factory.close();
        }
    }

    private static DataSource postgres() throws SQLException {
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setURL(PG_URL);
        server.setUser("postgres");
        try (Connection connection = server.getConnection()) {
            execute(connection, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
            execute(connection, "CREATE SCHEMA " + PG_SCHEMA);
        }
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(PG_URL + "?currentSchema=" + PG_SCHEMA);
        database.setUser("postgres");
        MigratedH2.migrate(database); // Flyway as Herald runs it, on any database: here PostgreSQL
        return database;
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setURL(PG_URL);
        server.setUser("postgres");
        try (Connection connection = server.getConnection()) {
            execute(connection, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
        }
    }

    private static void insert(Connection connection, String id, String tenant, String status, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO licenses (id, tenant_id, product_id,"
                + " licensee, status, expires_at, created_at, updated_at, row_version)"
                + " VALUES (?, ?, 'shop', 'acme', ?, ?, ?, ?, 0)")) {
            insert.setString(1, id);
            insert.setString(2, tenant);
            insert.setString(3, status);
            insert.setTimestamp(4, Timestamp.from(expiresAt));
            insert.setTimestamp(5, Timestamp.from(NOW.minus(Duration.ofDays(1))));
            insert.setTimestamp(6, Timestamp.from(NOW.minus(Duration.ofDays(1))));
            insert.executeUpdate();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
