package dev.herald.events.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A page of a tenant's history, newest first, reads its own rows on H2 whatever the history's
 * length: the statement is the one {@link EventLog#list} has EclipseLink write for the page's ids.
 */
class HistoryIndexTest {

    private static final String PAGE_IDS = "SELECT ID FROM EVENTS WHERE (TENANT_ID = ?)"
            + " ORDER BY TENANT_ID, CREATED_AT DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";

    @Test
    void aPageReadsNoMoreRowsThanItSkipsAndShows() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:history" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .javaMigrations(new ChainEarlierEvents())
                .load()
                .migrate();
        try (Connection connection = database.getConnection()) {
            connection
                    .createStatement()
                    .execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'a', NOW())");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO events (id, tenant_id, type, data_json, created_at, sequence, prev_hash, hash)"
                            + " VALUES (?, 'ten_a', 'build.started', '{}', ?, ?, '0', '0')")) {
                Instant start = Instant.parse("2026-01-01T00:00:00Z");
                for (int i = 1; i <= 2_000; i++) {
                    insert.setString(1, "evt_%05d".formatted(i));
                    insert.setTimestamp(2, Timestamp.from(start.plusMillis(i / 2))); // pairs share a time: id decides
                    insert.setLong(3, i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }

            String plan = explain(connection, 40, 20);
            Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
            assertTrue(scanned.find(), plan);
            assertTrue(Integer.parseInt(scanned.group(1)) <= 61, "rows read for page 3 of 2,000 events:\n" + plan);

            try (PreparedStatement page = connection.prepareStatement(PAGE_IDS)) {
                page.setString(1, "ten_a");
                page.setInt(2, 0);
                page.setInt(3, 3);
                try (ResultSet ids = page.executeQuery()) {
                    StringBuilder newest = new StringBuilder();
                    while (ids.next()) {
                        newest.append(ids.getString(1)).append(' ');
                    }
                    assertEquals("evt_02000 evt_01999 evt_01998 ", newest.toString());
                }
            }
        }
    }

    private static String explain(Connection connection, int offset, int size) throws Exception {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + PAGE_IDS)) {
            explain.setString(1, "ten_a");
            explain.setInt(2, offset);
            explain.setInt(3, size);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }
}
