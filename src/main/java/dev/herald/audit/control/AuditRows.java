package dev.herald.audit.control;

import dev.herald.audit.entity.AuditEntry;
import dev.herald.platform.JdbcBatch;
import dev.herald.platform.JdbcInstants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Inserts audit entries as one JDBC batch: they are written by the dozen (a group commit of
 * calls, or of publishes with their events), and EclipseLink inserted them one statement each.
 */
final class AuditRows {

    private static final String INSERT = "INSERT INTO audit_entries (id, tenant_id, recorded_at, actor, token_id,"
            + " scope, method, path, target_id, status, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private AuditRows() {}

    static void insert(Connection connection, List<AuditEntry> entries) {
        JdbcBatch.run(connection, INSERT, entries, AuditRows::bind, "Writing " + entries.size() + " audit entries");
    }

    private static void bind(PreparedStatement insert, AuditEntry entry) throws SQLException {
        insert.setString(1, entry.id());
        insert.setString(2, entry.tenantId());
        JdbcInstants.set(insert, 3, entry.recordedAt());
        insert.setString(4, entry.actor());
        insert.setString(5, entry.tokenId());
        insert.setString(6, entry.scope());
        insert.setString(7, entry.method());
        insert.setString(8, entry.path());
        insert.setString(9, entry.targetId());
        insert.setInt(10, entry.status());
        insert.setString(11, entry.outcome());
        insert.setString(12, entry.detail());
    }
}
