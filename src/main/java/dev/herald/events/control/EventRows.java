package dev.herald.events.control;

import dev.herald.events.entity.Event;
import dev.herald.platform.JdbcBatch;
import dev.herald.platform.JdbcInstants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Inserts newly chained events as one JDBC batch: a group commit records several at once, and
 * EclipseLink inserted them one statement each. Nothing reads them back as entities in the
 * transaction that writes them.
 */
final class EventRows {

    private static final String INSERT = "INSERT INTO events (id, tenant_id, type, subject, data_json, created_at,"
            + " sequence, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private EventRows() {}

    static void insert(Connection connection, List<Event> events) {
        JdbcBatch.run(connection, INSERT, events, EventRows::bind, "Writing " + events.size() + " events");
    }

    private static void bind(PreparedStatement insert, Event event) throws SQLException {
        insert.setString(1, event.id());
        insert.setString(2, event.tenantId());
        insert.setString(3, event.type());
        insert.setString(4, event.subject());
        insert.setString(5, event.dataJson());
        JdbcInstants.set(insert, 6, event.createdAt());
        insert.setLong(7, event.sequence());
        insert.setString(8, event.prevHash());
        insert.setString(9, event.hash());
    }
}
