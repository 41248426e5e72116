package dev.herald.retention;

import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import dev.herald.platform.logging.LogIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Prunes the oldest stretch of each tenant's history ({@code herald.retention.events}, off by
 * default): events recorded before the horizon, in chain order, with their deliveries, their
 * attempts and their idempotency keys. It stops before the first event that still has a
 * pending delivery, so nothing accepted is lost. Each batch is one transaction that also
 * moves the tenant's anchor to its last pruned event, so the kept chain always starts right
 * after the anchor and {@code verify} proves it from there.
 */
class EventPruning {

    private static final Logger LOG = Logger.getLogger(EventPruning.class.getName());

    /** Events per transaction: short enough not to hold locks for long. */
    static final int BATCH = 500;

    private static final String EVENTS_OF_BATCH =
            "SELECT e.id FROM events e WHERE e.tenant_id = ? AND e.sequence > ? AND e.sequence <= ?";

    private final DataSource dataSource;

    EventPruning(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Prunes every tenant's events recorded before {@code before}; answers how many. A tenant
     * whose pruning fails (a delivery replayed meanwhile) is tried again at the next sweep,
     * after the others.
     */
    int pruneBefore(Instant before) throws SQLException {
        int pruned = 0;
        for (String tenantId : tenants()) {
            try {
                pruned += pruneTenant(tenantId, before);
            } catch (SQLException e) {
                LogIds.tenant(tenantId)
                        .log(
                                LOG,
                                Level.WARNING,
                                "Pruning the events of tenant " + tenantId
                                        + " stopped; the next sweep goes on from its anchor",
                                e);
            }
        }
        return pruned;
    }

    private int pruneTenant(String tenantId, Instant before) throws SQLException {
        long prunable = lastPrunable(tenantId, before);
        long firstPending = firstPendingAfterAnchor(tenantId);
        if (firstPending <= prunable) {
            // Said at each sweep: a delivery pending past the horizon (its subscription paused,
            // say) holds the tenant's history back, and an operator should know which event.
            LogIds.tenant(tenantId)
                    .log(
                            LOG,
                            Level.INFO,
                            "Pruning of tenant " + tenantId + " stops before event #" + firstPending
                                    + ", which has a pending delivery; the events after it wait for it");
        }
        long cut = Math.min(prunable, firstPending - 1);
        if (cut <= 0) {
            return 0;
        }
        Set<String> oneTime = oneTimeSubscriptions(tenantId);
        int pruned = 0;
        while (true) {
            int batch = pruneBatch(tenantId, cut, oneTime);
            if (batch == 0) {
                return pruned;
            }
            pruned += batch;
        }
    }

    /** The newest sequence recorded before the horizon (0 if none); pending deliveries stop each batch earlier. */
    private long lastPrunable(String tenantId, Instant before) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(
                        connection,
                        "SELECT MAX(sequence) FROM events WHERE tenant_id = ? AND created_at < ?",
                        tenantId,
                        before);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The sequence of the tenant's first event after its anchor with a pending delivery, or the
     * largest long: read once a sweep, not once a batch (it reads every pending delivery of the
     * tenant). A delivery made pending later, by a replay, is still never lost: its event's
     * delete fails on its reference, and the batch waits for the next sweep.
     */
    private long firstPendingAfterAnchor(String tenantId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        prepare(connection, "SELECT sequence FROM chain_anchors WHERE tenant_id = ?", tenantId);
                ResultSet row = select.executeQuery()) {
            return firstPendingAfter(connection, tenantId, row.next() ? row.getLong(1) : 0);
        }
    }

    /** Prunes up to {@link #BATCH} events after the anchor, up to {@code cut}; answers how many. */
    private int pruneBatch(String tenantId, long cut, Set<String> oneTime) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int pruned = pruneBatch(connection, tenantId, cut, oneTime);
                connection.commit();
                return pruned;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int pruneBatch(Connection connection, String tenantId, long cut, Set<String> oneTime) throws SQLException {
        // Locking the anchor makes instances that sweep at once prune one after the other.
        Long anchored = anchoredSequence(connection, tenantId);
        long from = anchored == null ? 0 : anchored;
        long to = Math.min(cut, from + BATCH);
        Object[] lastEvent = lastEventUpTo(connection, tenantId, to);
        if (lastEvent == null || (long) lastEvent[0] <= from) {
            return 0;
        }
        Object[] stretch = {tenantId, from, to};
        rememberOneTimeSubjects(connection, oneTime, stretch);
        update(
                connection,
                "DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT d.id FROM deliveries d"
                        + " WHERE d.status <> 'PENDING' AND d.event_id IN (" + EVENTS_OF_BATCH + "))",
                stretch);
        // A delivery made pending since (a replay) stays, and its event with it: the events'
        // delete then fails on its reference and the whole batch waits for the next sweep.
        update(
                connection,
                "DELETE FROM deliveries WHERE status <> 'PENDING' AND event_id IN (" + EVENTS_OF_BATCH + ")",
                stretch);
        update(connection, "DELETE FROM idempotency_keys WHERE event_id IN (" + EVENTS_OF_BATCH + ")", stretch);
        int pruned = update(
                connection, "DELETE FROM events WHERE tenant_id = ? AND sequence > ? AND sequence <= ?", stretch);
        Object[] anchor = {lastEvent[0], lastEvent[1], lastEvent[2], Times.now(), tenantId};
        if (anchored == null) {
            update(
                    connection,
                    "INSERT INTO chain_anchors (sequence, hash, recorded_at, pruned_at, tenant_id)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    anchor);
        } else {
            update(
                    connection,
                    "UPDATE chain_anchors SET sequence = ?, hash = ?, recorded_at = ?, pruned_at = ?"
                            + " WHERE tenant_id = ?",
                    anchor);
        }
        return pruned;
    }

    /** The sequence of the tenant's first event after {@code from} with a pending delivery, or the largest long. */
    private static long firstPendingAfter(Connection connection, String tenantId, long from) throws SQLException {
        try (PreparedStatement select = prepare(
                        connection,
                        "SELECT MIN(e.sequence) FROM deliveries d JOIN events e"
                                + " ON e.id = d.event_id WHERE d.tenant_id = ? AND d.status = 'PENDING' AND e.sequence > ?",
                        tenantId,
                        from);
                ResultSet row = select.executeQuery()) {
            row.next();
            long first = row.getLong(1);
            return row.wasNull() ? Long.MAX_VALUE : first;
        }
    }

    /** The sequence, hash and time of the tenant's newest event at or before {@code sequence}, or null. */
    private static Object[] lastEventUpTo(Connection connection, String tenantId, long sequence) throws SQLException {
        try (PreparedStatement select = prepare(
                connection,
                "SELECT sequence, hash, created_at FROM events"
                        + " WHERE tenant_id = ? AND sequence <= ? ORDER BY sequence DESC",
                tenantId,
                sequence)) {
            select.setMaxRows(1);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? new Object[] {
                            row.getLong(1),
                            row.getString(2),
                            row.getObject(3, OffsetDateTime.class).toInstant()
                        }
                        : null;
            }
        }
    }

    private static Long anchoredSequence(Connection connection, String tenantId) throws SQLException {
        try (PreparedStatement select = prepare(
                        connection, "SELECT sequence FROM chain_anchors WHERE tenant_id = ? FOR UPDATE", tenantId);
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : null;
        }
    }

    /**
     * Keeps, for the tenant's oneTime subscriptions, the subjects whose deliveries go with this
     * batch: one read of the batch's deliveries, whatever the number of such subscriptions (a
     * statement for each of 16,384 of them, each batch, held every other tenant's sweep back).
     * Only sweeps write these rows, one tenant's at a time under its anchor's lock.
     */
    private static void rememberOneTimeSubjects(Connection connection, Set<String> oneTime, Object[] stretch)
            throws SQLException {
        if (oneTime.isEmpty()) {
            return;
        }
        List<String[]> subjects = new ArrayList<>();
        try (PreparedStatement select = prepare(
                        connection,
                        "SELECT DISTINCT d.subscription_id, d.subject FROM deliveries d WHERE d.subject IS NOT NULL"
                                + " AND d.status <> 'SUPPRESSED' AND d.event_id IN (" + EVENTS_OF_BATCH + ")"
                                + " AND NOT EXISTS (SELECT 1 FROM one_time_delivered o"
                                + " WHERE o.subscription_id = d.subscription_id AND o.subject = d.subject)",
                        stretch);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (oneTime.contains(rows.getString(1))) {
                    subjects.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }
        if (subjects.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO one_time_delivered (subscription_id, subject) VALUES (?, ?)")) {
            for (String[] subject : subjects) {
                insert.setString(1, subject[0]);
                insert.setString(2, subject[1]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The tenant's oneTime subscriptions, read once per sweep of the tenant. */
    private Set<String> oneTimeSubscriptions(String tenantId) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(
                        connection, "SELECT id, options_json FROM subscriptions WHERE tenant_id = ?", tenantId);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (Jsons.parseObject(rows.getString(2)).getBoolean("oneTime", false)) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private List<String> tenants() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id FROM tenants");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static int update(Connection connection, String sql, Object... arguments) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, arguments)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... arguments)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < arguments.length; i++) {
            Object argument = arguments[i];
            statement.setObject(
                    i + 1,
                    argument instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : argument);
        }
        return statement;
    }
}
