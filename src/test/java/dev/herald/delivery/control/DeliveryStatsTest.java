package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.MigratedH2;
import dev.herald.platform.RecordedStatements;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console overview's figures read the tenant's own rows, however many deliveries other
 * tenants have waiting. The code runs as Herald runs it (EclipseLink on the migrated schema)
 * and H2 is asked how many rows its statements read.
 */
class DeliveryStatsTest {

    /** Another tenant's endpoint is down: its deliveries wait, each tried once today. */
    private static final int OTHERS_PENDING = 500;
    /** The tenant's own history: delivered two days ago, before the overview's window. */
    private static final int OWN_DELIVERED = 300;
    /** The tenant's deliveries of today, tried once, still waiting. */
    private static final int OWN_PENDING = 2;

    private static RecordedStatements statements;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void aBusyTenantBesideAQuietOne() throws Exception {
        var database = MigratedH2.inMemory("stats" + System.nanoTime());
        try (Connection connection = database.getConnection()) {
            try (Statement setup = connection.createStatement()) {
                setup.execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_busy', 'busy', NOW()),"
                        + " ('ten_quiet', 'quiet', NOW())");
                setup.execute("INSERT INTO events (id, tenant_id, type, data_json, created_at, sequence, prev_hash,"
                        + " hash) VALUES ('evt_1', 'ten_busy', 'build.finished', '{}', NOW(), 1, 'p', 'h')");
                setup.execute("INSERT INTO subscriptions (id, tenant_id, url, events_json, secret_sealed, method,"
                        + " auth_type, filters_json, retry_policy_json, timeout_ms, ordering, options_json, status,"
                        + " created_at, updated_at, version) SELECT 'wh_' || id, id, 'https://e.example', '[]', 's',"
                        + " 'POST', 'none', '[]', '{}', 5000, 'none', '{}', 'ACTIVE', NOW(), NOW(), 0 FROM tenants");
            }
            try (PreparedStatement delivery = connection.prepareStatement("INSERT INTO deliveries (id, tenant_id,"
                            + " event_id, subscription_id, event_type, payload, status, attempt_count,"
                            + " next_attempt_at, created_at, updated_at) VALUES (?, ?, 'evt_1', 'wh_' || ?,"
                            + " 'build.finished', '{}', ?, 1, NOW(), ?, NOW())");
                    PreparedStatement attempt = connection.prepareStatement("INSERT INTO delivery_attempts (id,"
                            + " delivery_id, attempt, url, method, request_headers, status_code,"
                            + " response_time_ms, created_at) VALUES (?, ?, 1, 'https://e.example', 'POST', '{}',"
                            + " ?, 5, ?)")) {
                Instant now = Instant.now();
                add(delivery, attempt, "ten_busy", "PENDING", OTHERS_PENDING, now);
                add(delivery, attempt, "ten_quiet", "DELIVERED", OWN_DELIVERED, now.minus(Duration.ofDays(2)));
                add(delivery, attempt, "ten_quiet", "PENDING", OWN_PENDING, now);
                delivery.executeBatch();
                attempt.executeBatch();
            }
        }
        statements = new RecordedStatements(database);
        factory = MigratedH2.persistenceUnit(statements.dataSource());
    }

    private static void add(
            PreparedStatement delivery,
            PreparedStatement attempt,
            String tenant,
            String status,
            int count,
            Instant created)
            throws Exception {
        OffsetDateTime at = created.atOffset(ZoneOffset.UTC);
        for (int i = 0; i < count; i++) {
            String id = "dlv_" + tenant + "_" + status + "_" + i;
            delivery.setString(1, id);
            delivery.setString(2, tenant);
            delivery.setString(3, tenant);
            delivery.setString(4, status);
            delivery.setObject(5, at);
            delivery.addBatch();
            attempt.setString(1, "att_" + id);
            attempt.setString(2, id);
            attempt.setInt(3, status.equals("PENDING") ? 503 : 204);
            attempt.setObject(4, at);
            attempt.addBatch();
        }
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void aTenantsPendingCountReadsItsPendingDeliveriesOnly() throws Exception {
        EntityManager em = factory.createEntityManager();
        try {
            DeliveryStats stats = new DeliveryStats();
            stats.em = em;
            statements.take();

            DeliveryStats.Overview overview = stats.last24Hours("ten_quiet", Instant.now());

            assertEquals(OWN_PENDING, overview.pending());
            assertEquals(OWN_PENDING, overview.total().attempts(), "today's attempts of the tenant");
            List<RecordedStatements.Run> runs = statements.take();
            assertEquals(2, runs.size(), "the attempts of the window, then the pending count: " + runs);
            for (RecordedStatements.Run run : runs) {
                int read = statements.rowsRead(run);
                // The tenant's subscription, its two deliveries of the window and their attempts
                // (9 rows: H2 counts the entry after each lookup too), or its pending deliveries
                // (3). The attempts read 813 when the tenant's subscriptions were a subquery (H2
                // then scanned every tenant's deliveries of the window); the count read the
                // tenant's 302 deliveries on (tenant_id) alone, every tenant's 502 pending on the
                // due index (what PostgreSQL did: it indexes no foreign key by itself).
                assertTrue(read <= 10, read + " rows read:\n" + statements.plan(run));
            }
        } finally {
            em.close();
        }
    }
}
