package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared rate on a real (in-memory H2) table, with the time given, not waited for. */
class SharedRateTest {

    private static final SharedRate.Column RATE = new SharedRate.Column("limited", "next_micros");
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private Connection connection;

    @BeforeEach
    void createTable() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:shared-rate-" + System.nanoTime());
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE limited (id VARCHAR(40) PRIMARY KEY, next_micros BIGINT DEFAULT 0 NOT NULL)");
            statement.execute("INSERT INTO limited (id) VALUES ('a'), ('b')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private Optional<Duration> take(String id, double perSecond, Instant at) throws SQLException {
        return SharedRate.take(connection, RATE, id, perSecond, Math.max(1, perSecond), at);
    }

    @Test
    void aQuietRowAllowsASecondsWorthAtOnceThenOnePerInterval() throws SQLException {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), take("a", 5, T0), "burst unit " + i);
        }
        assertEquals(Optional.of(Duration.ofMillis(200)), take("a", 5, T0), "the sixth waits one interval");
        assertEquals(Optional.of(Duration.ofMillis(100)), take("a", 5, T0.plusMillis(100)));
        assertEquals(Optional.empty(), take("a", 5, T0.plusMillis(200)));
        assertTrue(take("a", 5, T0.plusMillis(200)).isPresent(), "and then the next interval again");
        assertEquals(Optional.empty(), take("b", 5, T0), "another row has its own rate");
    }

    @Test
    void aSlowRateAllowsOneAndNamesTheWaitUntilTheNext() throws SQLException {
        double perHour = 1 / 3600.0;
        assertEquals(Optional.empty(), take("a", perHour, T0));
        assertEquals(Optional.of(Duration.ofHours(1)), take("a", perHour, T0));
        assertEquals(Optional.of(Duration.ofMinutes(30)), take("a", perHour, T0.plus(Duration.ofMinutes(30))));
        assertEquals(Optional.empty(), take("a", perHour, T0.plus(Duration.ofHours(1))));
    }

    @Test
    void aLongQuietPeriodStoresNoMoreThanOneBurst() throws SQLException {
        take("a", 2, T0);
        Instant later = T0.plus(Duration.ofDays(1));
        assertEquals(Optional.empty(), take("a", 2, later));
        assertEquals(Optional.empty(), take("a", 2, later));
        assertTrue(take("a", 2, later).isPresent(), "a day of quiet still allows only the burst of two");
    }

    @Test
    void aRowDeletedMeanwhileLetsTheCallerGoOn() throws SQLException {
        assertEquals(Optional.empty(), take("gone", 1, T0));
    }
}
