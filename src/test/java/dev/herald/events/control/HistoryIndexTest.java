package dev.herald.events.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.Listing;
import dev.herald.platform.MigratedH2;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Newest-first lists that grow with the history read only their page on H2, whatever the
 * history's length: a tenant's events ({@link EventLog#list}) and audit trail, a subscription's
 * deliveries and the newest of them, and the other lists of a tenant's objects (releases here). Each statement is the one EclipseLink writes for the page.
 */
class HistoryIndexTest {

    private static final int ROWS = 2_000;
    private static Connection connection;

    @BeforeAll
    static void aLongHistory() throws Exception {
        JdbcDataSource database = MigratedH2.inMemory("history" + System.nanoTime());
        connection = database.getConnection();
        connection.createStatement().execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'a', NOW())");
        insert("INSERT INTO events (id, tenant_id, type, data_json, created_at, sequence, prev_hash, hash)"
                + " VALUES (?, 'ten_a', 'build.started', '{}', ?, ?, '0', '0')");
        insert("INSERT INTO audit_entries (id, recorded_at, tenant_id, actor, token_id, scope, method, path, status,"
                + " outcome) VALUES (?, ?, 'ten_a', 'bot', 'tok_1', 'publish', 'POST', '/events', ?, 'recorded')");
        insert(
                "INSERT INTO deliveries (id, created_at, attempt_count, tenant_id, event_id, subscription_id, event_type,"
                        + " payload, status, updated_at) VALUES (?, ?, ?, 'ten_a', 'evt_00001', 'wh_1', 'build.started', '{}',"
                        + " 'SUCCEEDED', NOW())");
        connection
                .createStatement()
                .execute("INSERT INTO events (id, tenant_id, type, subject, data_json, created_at, sequence, prev_hash,"
                        + " hash) VALUES ('evr_1', 'ten_a', 'build.started', 'rare', '{}', TIMESTAMP WITH TIME ZONE"
                        + " '2025-06-01 00:00:00Z', 10001, '0', '0')");
        connection
                .createStatement()
                .execute("INSERT INTO releases (id, tenant_id, product_id, version, channel, status, created_at,"
                        + " updated_at, row_version) SELECT id, tenant_id, 'shop', id, 'stable', 'DRAFT', created_at,"
                        + " created_at, 0 FROM events");
    }

    /** Rows 1 to 2,000 with ids in that order; pairs share a time, so the id decides between them. */
    private static void insert(String statement) throws Exception {
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

    @Test
    void aPageOfATenantsHistoryReadsOnlyItsRows() throws Exception {
        assertPagesFlat("SELECT ID FROM EVENTS WHERE (TENANT_ID = ?)"
                + " ORDER BY TENANT_ID, CREATED_AT DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
    }

    /** Narrowed by a subject, the page is read through the subject's index, not along the whole history. */
    @Test
    void aPageOfOneSubjectReadsOnlyThatSubjectsEvents() throws Exception {
        String page = "SELECT ID FROM EVENTS WHERE ((TENANT_ID = ?) AND (SUBJECT = 'rare'))"
                + Listing.newestFirst("EVENTS", "TENANT_ID", "CREATED_AT", false)
                        .replace("EVENTS.", "")
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        String plan = firstColumn("EXPLAIN ANALYZE " + page, 0, 20);
        Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        assertTrue(scanned.find(), plan);
        assertTrue(Integer.parseInt(scanned.group(1)) <= 2, "rows read for a subject with one event:\n" + plan);
        assertEquals(List.of("evr_1"), ids(page, 0, 20));
    }

    @Test
    void aPageOfATenantsAuditTrailReadsOnlyItsRows() throws Exception {
        assertPagesFlat("SELECT ID FROM AUDIT_ENTRIES WHERE (TENANT_ID = ?)"
                + " ORDER BY TENANT_ID, RECORDED_AT DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
    }

    @Test
    void aPageOfASubscriptionsDeliveriesReadsOnlyItsRows() throws Exception {
        // The summary's columns, whole rows: the subscription's index is chosen over the tenant's.
        assertPagesFlat("SELECT ID, STATUS, ATTEMPT_COUNT, CREATED_AT FROM DELIVERIES"
                + " WHERE ((TENANT_ID = ?) AND (SUBSCRIPTION_ID = 'wh_1'))"
                + " ORDER BY SUBSCRIPTION_ID, CREATED_AT DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
    }

    @Test
    void aPageOfAnyOtherListReadsOnlyItsRows() throws Exception {
        // platform.Listing's statement, for releases as for every list of a tenant's objects.
        assertPagesFlat("SELECT ID FROM RELEASES WHERE (TENANT_ID = ?)"
                + " ORDER BY TENANT_ID, CREATED_AT DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
    }

    private static void assertPagesFlat(String page) throws Exception {
        String plan = firstColumn("EXPLAIN ANALYZE " + page, 40, 20);
        Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        assertTrue(scanned.find(), plan);
        assertTrue(Integer.parseInt(scanned.group(1)) <= 61, "rows read for page 3 of " + ROWS + ":\n" + plan);
        assertEquals(List.of("evt_02000", "evt_01999", "evt_01998"), ids(page, 0, 3));
    }

    private static List<String> ids(String page, int offset, int size) throws Exception {
        try (PreparedStatement statement = bound(page, offset, size);
                ResultSet rows = statement.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    private static String firstColumn(String statement, int offset, int size) throws Exception {
        try (PreparedStatement bound = bound(statement, offset, size);
                ResultSet rows = bound.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static PreparedStatement bound(String statement, int offset, int size) throws Exception {
        PreparedStatement bound = connection.prepareStatement(statement);
        bound.setString(1, "ten_a");
        bound.setInt(2, offset);
        bound.setInt(3, size);
        return bound;
    }
}
