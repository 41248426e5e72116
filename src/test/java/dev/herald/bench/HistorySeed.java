package dev.herald.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A long history written straight into Herald's tables, for the benchmark that compares
 * throughput beside it with throughput on an empty database: events of one tenant continuing
 * its chain's sequence (their hashes are placeholders: nothing here verifies them), each with
 * a succeeded delivery to one subscription and its attempt, spread over the past 30 days.
 */
final class HistorySeed {

    private static final int CHUNK = 100_000;

    private HistorySeed() {}

    static void write(Connection connection, String tenantId, String subscriptionId, int events) throws SQLException {
        boolean postgres =
                connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        // rows(n) counts 1..n; ago(x) is a time x seconds before the base, as each database writes them.
        String rows = postgres ? "generate_series(1, ?) AS r(x)" : "SYSTEM_RANGE(1, ?) AS r";
        String ago = postgres
                ? "(CAST(? AS TIMESTAMP WITH TIME ZONE) - r.x * INTERVAL '1 second')"
                : "DATEADD(SECOND, -r.x, CAST(? AS TIMESTAMP WITH TIME ZONE))";
        long first;
        try (Statement statement = connection.createStatement();
                var head = statement.executeQuery(
                        "SELECT sequence FROM event_chain_heads WHERE tenant_id = '" + tenantId + "'")) {
            head.next();
            first = head.getLong(1);
        }
        connection.setAutoCommit(false);
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        String key = "'h' || (? + r.x)";
        for (int done = 0; done < events; done += CHUNK) {
            int size = Math.min(CHUNK, events - done);
            long offset = first + done;
            insert(
                    connection,
                    "INSERT INTO events (id, tenant_id, type, subject, data_json, created_at, sequence,"
                            + " prev_hash, hash) SELECT " + key
                            + ", ?, 'build.finished', 'seed', '{\"build_id\":\"seed\"}', "
                            + ago + ", ? + r.x, 'seeded', 'seeded' FROM " + rows,
                    offset,
                    tenantId,
                    base,
                    offset,
                    size);
            insert(
                    connection,
                    "INSERT INTO deliveries (id, tenant_id, event_id, subscription_id, event_type, payload,"
                            + " status, attempt_count, created_at, updated_at) SELECT " + key + ", ?, " + key + ", '"
                            + subscriptionId + "', 'build.finished', '{}', 'SUCCEEDED', 1, " + ago + ", " + ago
                            + " FROM " + rows,
                    offset,
                    tenantId,
                    offset,
                    base,
                    base,
                    size);
            insert(
                    connection,
                    "INSERT INTO delivery_attempts (id, delivery_id, attempt, url, method, request_headers,"
                            + " status_code, response_time_ms, created_at) SELECT " + key + ", " + key
                            + ", 1, 'http://127.0.0.1/sink', 'POST', '{}', 204, 1, " + ago + " FROM " + rows,
                    offset,
                    offset,
                    base,
                    size);
            connection.commit();
        }
        try (PreparedStatement head =
                connection.prepareStatement("UPDATE event_chain_heads SET sequence = ? WHERE tenant_id = ?")) {
            head.setLong(1, first + events);
            head.setString(2, tenantId);
            head.executeUpdate();
        }
        connection.commit();
    }

    private static void insert(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                insert.setObject(i + 1, parameters[i]);
            }
            insert.executeUpdate();
        }
    }
}
