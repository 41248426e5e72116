package dev.herald.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.platform.MigratedH2;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class OneTimeDeliveredTest {

    @Test
    void theSubjectsAOneTimeSubscriptionDeliveredGoWithIt() throws Exception {
        JdbcDataSource database = MigratedH2.inMemory("one-time" + System.nanoTime());
        try (Connection connection = database.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'a', NOW())");
            for (String id : new String[] {"wh_gone", "wh_kept"}) {
                sql.execute("INSERT INTO subscriptions (id, tenant_id, url, events_json, secret_sealed, method,"
                        + " auth_type, filters_json, retry_policy_json, timeout_ms, ordering, options_json, status,"
                        + " created_at, updated_at, version) VALUES ('" + id + "', 'ten_a', 'https://e.example',"
                        + " '[\"*\"]', 'sealed', 'POST', 'none', '[]', '{}', 5000, 'none', '{\"oneTime\":true}',"
                        + " 'ACTIVE', NOW(), NOW(), 0)");
                sql.execute("INSERT INTO one_time_delivered (subscription_id, subject) VALUES ('" + id + "', 'rel_1'),"
                        + " ('" + id + "', 'rel_2')");
            }

            sql.execute("DELETE FROM subscriptions WHERE id = 'wh_gone'");

            try (ResultSet left = sql.executeQuery(
                    "SELECT subscription_id, COUNT(*) FROM one_time_delivered GROUP BY subscription_id")) {
                left.next();
                assertEquals("wh_kept", left.getString(1));
                assertEquals(2, left.getInt(2));
                assertEquals(false, left.next());
            }
        }
    }
}
