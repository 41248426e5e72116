package dev.herald.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Names shared by everything that talks to Herald's database. */
public final class HeraldDatabase {

    /** The JTA data source defined by {@link SchemaMigrations}. */
    public static final String JNDI_NAME = "java:app/jdbc/herald";

    private HeraldDatabase() {}

    /** Whether the URL names the embedded database (H2), where a statement must differ from PostgreSQL's. */
    public static boolean isEmbedded(String url) {
        return url.startsWith("jdbc:h2:");
    }

    /**
     * Bounds each statement of the connection's transaction under way, lock waits included: one
     * that runs longer fails, and with it the transaction, so nothing of it is kept and a retry
     * starts afresh. On PostgreSQL a {@code statement_timeout} for this transaction only (it ends
     * with it); H2, embedded, bounds its lock waits itself (2 s by default) and has nothing else
     * to wait for.
     */
    public static void boundStatements(Connection connection, String url, Duration bound) throws SQLException {
        if (isEmbedded(url)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL statement_timeout = " + bound.toMillis());
        }
    }
}
