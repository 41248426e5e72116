package dev.herald.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.it.V11Fixture;
import dev.herald.platform.JdbcUrlDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention sweeps against the real database of the run (H2 or PostgreSQL), on a
 * database upgraded from V11: what is older than the cut-off goes, what is newer stays, and
 * the upgrade dated the inbound ids it found by their receipts.
 */
class RetentionIT {

    private static final Instant CUT_OFF = Instant.parse("2026-06-01T00:00:00Z");
    private static final String OLD = "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'";
    private static final String NEW = "TIMESTAMP WITH TIME ZONE '2027-01-01 00:00:00+00'";

    @TempDir
    Path dataDir;

    @Test
    void eachSweepForgetsWhatIsOlderThanItsCutOffAndKeepsTheRest() throws Exception {
        Map<String, String> env = V11Fixture.ownDatabase(dataDir, "herald_retention");
        V11Fixture.write(env);
        V11Fixture.migrate(env, "latest");
        assertEquals(
                List.of("2026-12-01"),
                column(env, "SELECT seen_at FROM inbound_seen").stream()
                        .map(seenAt -> seenAt.substring(0, 10))
                        .toList(),
                "dated by its receipt");

        String event = column(env, "SELECT id FROM events ORDER BY sequence").get(0);
        String tenant = column(env, "SELECT tenant_id FROM events").get(0);
        String integration = column(env, "SELECT id FROM integrations").get(0);
        String newestAttempt =
                column(env, "SELECT id FROM delivery_attempts ORDER BY id DESC").get(0);
        update(
                env,
                "UPDATE delivery_attempts SET response_body = 'old answer', created_at = " + OLD,
                "UPDATE delivery_attempts SET response_body = 'new answer', created_at = " + NEW + " WHERE id = '"
                        + newestAttempt + "'",
                "INSERT INTO idempotency_keys (tenant_id, idempotency_key, event_id, created_at) VALUES ('" + tenant
                        + "', 'old-key', '" + event + "', " + OLD + ")",
                "INSERT INTO idempotency_keys (tenant_id, idempotency_key, event_id, created_at) VALUES ('" + tenant
                        + "', 'new-key', '" + event + "', " + NEW + ")",
                "UPDATE inbound_seen SET seen_at = " + OLD,
                "INSERT INTO inbound_seen (integration_id, delivery_key, receipt_id, seen_at) VALUES ('" + integration
                        + "', 'new-id', 'rcp_new', " + NEW + ")");
        int attempts = column(env, "SELECT id FROM delivery_attempts").size();

        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(env.get("HERALD_DB_URL"));
        dataSource.setUser(V11Fixture.user(env));
        dataSource.setPassword(V11Fixture.password(env));
        RetentionSweep sweep = new RetentionSweep(dataSource);

        assertEquals(attempts - 1, sweep.forgetAttemptAnswers(CUT_OFF));
        assertEquals(
                List.of("new answer"),
                column(env, "SELECT response_body FROM delivery_attempts" + " WHERE response_body IS NOT NULL"));
        assertEquals(attempts, column(env, "SELECT id FROM delivery_attempts").size(), "the attempts stay");
        assertEquals(0, sweep.forgetAttemptAnswers(CUT_OFF.plusSeconds(60)), "the next sweep reads only its window");

        assertEquals(1, sweep.deleteIdempotencyKeys(CUT_OFF));
        assertEquals(List.of("new-key"), column(env, "SELECT idempotency_key FROM idempotency_keys"));

        assertEquals(1, sweep.deleteSeenInboundIds(CUT_OFF));
        assertEquals(List.of("new-id"), column(env, "SELECT delivery_key FROM inbound_seen"));
    }

    private static void update(Map<String, String> env, String... statements) throws SQLException {
        try (Connection connection = V11Fixture.connect(env);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }

    private static List<String> column(Map<String, String> env, String query) throws SQLException {
        try (Connection connection = V11Fixture.connect(env);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
