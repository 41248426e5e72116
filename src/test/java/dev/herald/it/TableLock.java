package dev.herald.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
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

    /**
     * How many of this database's statements wait for a row another transaction holds or wrote
     * (a row lock, a unique key being inserted): not for a table lock, such as this one.
     */
    public static int waitingForRows() throws SQLException {
        try (Connection watcher = HeraldServer.database();
                Statement query = watcher.createStatement();
                ResultSet waiting = query.executeQuery("SELECT count(DISTINCT l.pid) FROM pg_locks l"
                        + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted"
                        + " AND a.datname = current_database() AND l.locktype IN ('transactionid', 'tuple')")) {
            waiting.next();
            return waiting.getInt(1);
        }
    }

    /**
     * A tenant's chain head locked behind Herald's back until the connection closes (or rolls
     * back): every append to the tenant's history waits meanwhile, nothing else does.
     */
    public static Connection chainHeadOf(String tenantId) throws SQLException {
        Connection holder = HeraldServer.database();
        holder.setAutoCommit(false);
        try (PreparedStatement lock =
                holder.prepareStatement("SELECT sequence FROM event_chain_heads WHERE tenant_id = ? FOR UPDATE")) {
            lock.setString(1, tenantId);
            lock.executeQuery().close();
        }
        return holder;
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
