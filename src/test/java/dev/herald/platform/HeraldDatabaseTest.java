package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * {@link HeraldDatabase#boundStatements} on the machine's PostgreSQL (the server the suite's
 * PostgreSQL run uses): a statement waiting on a lock past its bound fails, the transaction's
 * work goes with it, and the bound ends with the transaction.
 */
// In a thread of its own: without the bound, the update would wait on the lock until the row is let go.
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class HeraldDatabaseTest {

    private static final String URL =
            System.getProperty("herald.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String TABLE =
            "herald_bound_test_" + ProcessHandle.current().pid();
    private static final Duration BOUND = Duration.ofMillis(300);

    private Connection holder;
    private Connection bounded;

    @BeforeEach
    void tableWithALockedRow() throws SQLException {
        holder = DriverManager.getConnection(URL, "postgres", "");
        bounded = DriverManager.getConnection(URL, "postgres", "");
        execute(holder, "CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, note TEXT)");
        execute(holder, "INSERT INTO " + TABLE + " VALUES (1, 'locked'), (2, 'free')");
        holder.setAutoCommit(false);
        execute(holder, "SELECT * FROM " + TABLE + " WHERE id = 1 FOR UPDATE");
    }

    @AfterEach
    void dropTable() throws SQLException {
        bounded.close(); // first: a transaction of it left open would keep the table from being dropped
        holder.rollback();
        holder.setAutoCommit(true);
        execute(holder, "DROP TABLE " + TABLE);
        holder.close();
    }

    @Test
    void aStatementWaitingOnALockPastItsBoundFailsAndUndoesItsTransaction() throws SQLException {
        bounded.setAutoCommit(false);
        HeraldDatabase.boundStatements(bounded, URL, BOUND);
        execute(bounded, "UPDATE " + TABLE + " SET note = 'written' WHERE id = 2");

        SQLException failed =
                assertThrows(SQLException.class, () -> execute(bounded, "UPDATE " + TABLE + " SET note = 'written'"));
        bounded.rollback();

        assertEquals("57014", failed.getSQLState(), "cancelled by the statement timeout: " + failed.getMessage());
        bounded.setAutoCommit(true);
        assertEquals("free", text(bounded, "SELECT note FROM " + TABLE + " WHERE id = 2"), "nothing of it kept");
    }

    @Test
    void theBoundEndsWithItsTransaction() throws SQLException {
        String unbounded = text(bounded, "SHOW statement_timeout");
        bounded.setAutoCommit(false);
        HeraldDatabase.boundStatements(bounded, URL, BOUND);
        assertEquals(BOUND.toMillis() + "ms", text(bounded, "SHOW statement_timeout"));
        bounded.commit();

        assertEquals(unbounded, text(bounded, "SHOW statement_timeout"), "a pooled connection keeps no bound");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
