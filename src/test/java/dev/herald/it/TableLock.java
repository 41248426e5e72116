package dev.herald.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A table of the server's PostgreSQL database locked behind Herald's back until closed: every
 * statement that reads it waits meanwhile, so a call that reads it is held in progress for real.
 * Lock a table no timer reads (the suite's timers run every half second): {@link #waiting}
 * counts every statement that waits.
 */
public final class TableLock implements AutoCloseable {

    private final Connection holder;
    private final String table;

    private TableLock(Connection holder, String table) {
        this.holder = holder;
        this.table = table;
    }

    /** @param table a table name of Herald's schema, from the test's own code */
    public static TableLock on(String table) throws SQLException {
        Connection holder = HeraldServer.database();
        holder.setAutoCommit(false);
        try (Statement lock = holder.createStatement()) {
            lock.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
        }
        return new TableLock(holder, table);
    }

    /** How many statements wait for the lock now. */
    public int waiting() throws SQLException {
        try (Connection watcher = HeraldServer.database();
                Statement query = watcher.createStatement();
                ResultSet waiting = query.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted"
                        + " AND relation = '" + table + "'::regclass")) {
            waiting.next();
            return waiting.getInt(1);
        }
    }

    /** How many statements wait for any lock now, this one's or a row's another transaction holds. */
    public static int waitingAnywhere() throws SQLException {
        try (Connection watcher = HeraldServer.database();
                Statement query = watcher.createStatement();
                ResultSet waiting = query.executeQuery("SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted")) {
            waiting.next();
            return waiting.getInt(1);
        }
    }

    /** Lets the waiting statements go on. */
    @Override
    public void close() throws SQLException {
        try {
            holder.rollback();
        } finally {
            holder.close();
        }
    }
}
