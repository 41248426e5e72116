package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted while the embedded database writes (a Fault Tolerance timeout, a
 * shutdown, a benchmark's executor) must cost that one write at most, never the database: with
 * H2's plain {@code file:} the interrupt closes the file and every later statement, of every
 * tenant, fails until a restart. The default URL Herald ships with survives it.
 */
class EmbeddedDatabaseInterruptTest {

    @Test
    void theDefaultDatabaseUrlSurvivesAWriteByAnInterruptedThread(@TempDir Path dataDir) throws Exception {
        try (Connection connection = DriverManager.getConnection(defaultUrl(dataDir), "sa", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE facts (id INT PRIMARY KEY)");
                Thread.currentThread().interrupt();
                statement.execute("INSERT INTO facts VALUES (1)");
            } finally {
                Thread.interrupted();
            }
            assertEquals(2, insertAndCount(connection), "the database goes on after the interrupted write");
        }
    }

    @Test
    void aPlainFileUrlDoesNot(@TempDir Path dataDir) throws Exception {
        // What the test above guards against, shown: the same steps on H2's plain file system.
        Connection connection =
                DriverManager.getConnection(defaultUrl(dataDir).replace("jdbc:h2:retry:", "jdbc:h2:file:"), "sa", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE facts (id INT PRIMARY KEY)");
            Thread.currentThread().interrupt();
            assertThrows(SQLException.class, () -> statement.execute("INSERT INTO facts VALUES (1)"));
        } finally {
            Thread.interrupted();
        }
        SQLException closed = assertThrows(SQLException.class, () -> insertAndCount(connection));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        assertThrows(SQLException.class, connection::close);
    }

    private static int insertAndCount(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO facts VALUES (2)");
            try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM facts")) {
                count.next();
                return count.getInt(1);
            }
        }
    }

    /** {@code herald.db.url} as Herald ships it, its data folder here. */
    private static String defaultUrl(Path dataDir) {
        String url = ShippedDatabaseUrl.in(dataDir);
        assertTrue(url.startsWith("jdbc:h2:retry:"), url);
        return url;
    }
}
