package dev.herald.platform;

import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** One statement run for each of many rows as a single JDBC batch: one round trip, not one a row. */
public final class JdbcBatch {

    /** Sets one row's parameters on the statement. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private JdbcBatch() {}

    /**
     * @param what what the batch does, for the exception if it fails ("Writing 3 events")
     * @return each row's update count
     */
    public static <T> int[] run(Connection connection, String sql, List<T> rows, Binder<T> binder, String what) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            return statement.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException(what + " failed", e);
        }
    }
}
