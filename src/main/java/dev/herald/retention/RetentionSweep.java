package dev.herald.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The statements that age data out, each one short transaction bounded by time: a sweep
 * reads only the rows of its window (every swept column has a time index), so it costs the
 * same however long the history is.
 */
public class RetentionSweep {

    private final DataSource dataSource;
    /** Where the last sweep of answers ended; null: never swept since this instance started. */
    private Instant answersSweptUpTo;

    public RetentionSweep(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Forgets the answers of attempts made before {@code before}; the attempts themselves stay.
     * After the first sweep only the attempts made since the last one are read.
     */
    public int forgetAttemptAnswers(Instant before) throws SQLException {
        Instant from = answersSweptUpTo;
        int forgotten = execute(
                "UPDATE delivery_attempts SET response_body = NULL WHERE created_at < ?"
                        + (from == null ? "" : " AND created_at >= ?") + " AND response_body IS NOT NULL",
                before,
                from);
        answersSweptUpTo = before;
        return forgotten;
    }

    /** Deletes idempotency keys recorded before {@code before}. */
    public int deleteIdempotencyKeys(Instant before) throws SQLException {
        return execute("DELETE FROM idempotency_keys WHERE created_at < ?", before, null);
    }

    /** Forgets the senders' delivery ids first seen before {@code before}: a repeat after that is processed again. */
    public int deleteSeenInboundIds(Instant before) throws SQLException {
        return execute("DELETE FROM inbound_seen WHERE seen_at < ?", before, null);
    }

    private int execute(String sql, Instant before, Instant from) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
            if (from != null) {
                statement.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            }
            return statement.executeUpdate();
        }
    }
}
