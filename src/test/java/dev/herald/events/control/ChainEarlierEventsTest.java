package dev.herald.events.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.MigratedH2;
import dev.herald.platform.json.Jsons;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Upgrading a database whose events predate the hash chain: migration 8 chains them. */
class ChainEarlierEventsTest {

    private static final String GENESIS = "0".repeat(64);

    @Test
    void chainsEachTenantsEarlierEventsInTheOrderTheyWereRecorded() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:upgrade" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .target("6")
                .load()
                .migrate();
        try (Connection connection = database.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO tenants VALUES ('ten_a', 'a', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z')");
            sql.execute("INSERT INTO tenants VALUES ('ten_b', 'b', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z')");
            sql.execute("INSERT INTO events VALUES ('evt_2', 'ten_a', 'build.started', NULL, '{\"build_id\":\"b2\"}',"
                    + " TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:02Z')");
            sql.execute("INSERT INTO events VALUES ('evt_1', 'ten_a', 'build.started', 'b1', '{\"build_id\":\"b1\","
                    + "\"n\":1.50}', TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:01.250Z')");
            sql.execute(
                    "INSERT INTO events VALUES ('evt_3', 'ten_b', 'incident.shared', 'i', '{\"incident_id\":\"i\"}',"
                            + " TIMESTAMP WITH TIME ZONE '2026-01-01 09:00:00Z')");
        }

        MigratedH2.migrate(database);

        try (Connection connection = database.getConnection();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT * FROM events ORDER BY tenant_id, sequence")) {
            List<String> order = new ArrayList<>();
            String previous = null;
            String tenant = null;
            while (rows.next()) {
                if (!rows.getString("tenant_id").equals(tenant)) {
                    tenant = rows.getString("tenant_id");
                    previous = GENESIS;
                }
                order.add(rows.getString("id") + "#" + rows.getLong("sequence"));
                assertEquals(previous, rows.getString("prev_hash"));
                Instant at = rows.getObject("created_at", OffsetDateTime.class).toInstant();
                assertEquals(
                        EventHash.of(EventHash.content(
                                        rows.getLong("sequence"),
                                        rows.getString("id"),
                                        tenant,
                                        rows.getString("type"),
                                        rows.getString("subject"),
                                        at,
                                        Jsons.parseObject(rows.getString("data_json")),
                                        previous)
                                .build()),
                        rows.getString("hash"));
                previous = rows.getString("hash");
            }
            assertEquals(List.of("evt_1#1", "evt_2#2", "evt_3#1"), order);
        }
        try (Connection connection = database.getConnection();
                Statement sql = connection.createStatement();
                ResultSet heads = sql.executeQuery("SELECT h.tenant_id, h.sequence, h.hash = e.hash FROM"
                        + " event_chain_heads h JOIN events e ON e.tenant_id = h.tenant_id AND e.sequence = h.sequence"
                        + " ORDER BY h.tenant_id")) {
            assertTrue(heads.next());
            assertEquals(2, heads.getLong(2));
            assertTrue(heads.getBoolean(3));
            assertTrue(heads.next());
            assertEquals(1, heads.getLong(2));
            assertTrue(heads.getBoolean(3));
        }
    }
}
