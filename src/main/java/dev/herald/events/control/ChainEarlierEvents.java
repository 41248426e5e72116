package dev.herald.events.control;

import dev.herald.events.entity.ChainHead;
import dev.herald.platform.json.Jsons;
import jakarta.enterprise.context.Dependent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema version 8: chains the events recorded before the history was a hash chain, per
 * tenant in the order they were recorded, so that an upgraded installation verifies from its
 * first event. Written in Java because SQL has no portable SHA-256 nor canonical JSON. A bean,
 * so that {@code SchemaMigrations} finds it without depending on this feature.
 */
@Dependent
public class ChainEarlierEvents implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("8");
    }

    @Override
    public String getDescription() {
        return "chain earlier events";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, tenant_id, type, subject, data_json,"
                        + " created_at FROM events WHERE hash IS NULL ORDER BY tenant_id, created_at, id");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE events SET sequence = ?, prev_hash = ?, hash = ? WHERE id = ?");
                ResultSet rows = select.executeQuery()) {
            String tenant = null;
            long sequence = 0;
            String previous = ChainHead.GENESIS;
            while (rows.next()) {
                if (!rows.getString("tenant_id").equals(tenant)) {
                    startHead(connection, tenant, sequence, previous);
                    tenant = rows.getString("tenant_id");
                    sequence = 0;
                    previous = ChainHead.GENESIS;
                }
                sequence++;
                String hash = hash(rows, tenant, sequence, previous);
                update.setLong(1, sequence);
                update.setString(2, previous);
                update.setString(3, hash);
                update.setString(4, rows.getString("id"));
                update.executeUpdate();
                previous = hash;
            }
            startHead(connection, tenant, sequence, previous);
        }
    }

    private static String hash(ResultSet row, String tenant, long sequence, String previous) throws SQLException {
        try {
            return EventHash.of(EventHash.content(
                            sequence,
                            row.getString("id"),
                            tenant,
                            row.getString("type"),
                            row.getString("subject"),
                            row.getObject("created_at", OffsetDateTime.class).toInstant(),
                            Jsons.parseObject(row.getString("data_json")),
                            previous)
                    .build());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Event " + row.getString("id") + " cannot be chained: " + e.getMessage()
                            + "; correct its data_json and start again",
                    e);
        }
    }

    private static void startHead(Connection connection, String tenant, long sequence, String hash)
            throws SQLException {
        if (tenant == null) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO event_chain_heads (tenant_id, sequence, hash) VALUES (?, ?, ?)")) {
            insert.setString(1, tenant);
            insert.setLong(2, sequence);
            insert.setString(3, hash);
            insert.executeUpdate();
        }
    }
}
