package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseReadinessTest {

    @TempDir
    Path dataDir;

    @Test
    void readyWhileTheDatabaseAnswersAStatement() throws SQLException {
        JdbcDataSource h2 = h2();
        try (Connection kept = h2.getConnection()) { // keeps the embedded database open
            assertEquals(Optional.of("H2"), readiness(h2).answeringProduct());
        }
    }

    /**
     * An H2 database whose store failed (an exhausted heap while writing, a full disk) is closed
     * for its open connections: every statement fails, while {@code Connection.isValid} still
     * says true, and readiness by it answered UP.
     */
    @Test
    void notReadyWhenTheEmbeddedDatabaseWasClosedUnderItsConnections() throws SQLException {
        JdbcDataSource h2 = h2();
        try (Connection pooled = h2.getConnection()) {
            failTheStore(pooled);
            assertTrue(pooled.isValid(2), "what readiness asked before");
            DatabaseReadiness readiness = readiness(poolOf(pooled));
            assertEquals(Optional.empty(), readiness.answeringProduct());
        }
    }

    private JdbcDataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dataDir.resolve("herald") + ";WRITE_DELAY=0");
        return h2;
    }

    private static DatabaseReadiness readiness(DataSource dataSource) {
        DatabaseReadiness readiness = new DatabaseReadiness();
        readiness.dataSource = dataSource;
        return readiness;
    }

    /** A pool of one connection, as the server's pool hands it out again after a close. */
    private static DataSource poolOf(Connection connection) {
        Connection handedOut = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, arguments) ->
                        method.getName().equals("close") ? null : method.invoke(connection, arguments));
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        return handedOut;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** As a failed write makes H2's store do: it panics, and the next statement closes the database. */
    private static void failTheStore(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (x INT)");
        }
        SessionLocal session = (SessionLocal) ((JdbcConnection) connection).getSession();
        try {
            session.getDatabase().getStore().getMvStore().panic(DataUtils.newMVStoreException(3, "the disk is full"));
        } catch (MVStoreException panicked) {
            // what a failing write throws
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO t VALUES (1)");
        } catch (SQLException failed) {
            // the write that finds the store failed
        }
    }
}
