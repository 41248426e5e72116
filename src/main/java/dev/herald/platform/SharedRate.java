package dev.herald.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A rate every instance draws on, kept in one BIGINT column of the limited row: the generic
 * cell rate algorithm's "theoretical arrival time" in epoch microseconds. Taking a unit is
 * one conditional UPDATE that any instance may run, so the database, not each instance,
 * enforces the rate; a burst of up to {@code burst} units is allowed after a quiet period,
 * as a token bucket that starts full would.
 */
public final class SharedRate {

    private SharedRate() {}

    /** Where one rate is kept: a table and column of Herald's own, never a client's text. */
    public record Column(String table, String column) {

        public Column {
            if (!table.matches("[a-z_]+") || !column.matches("[a-z_]+")) {
                throw new IllegalArgumentException("not a plain SQL name: " + table + "." + column);
            }
        }
    }

    /** As {@link #take(Connection, Column, String, double, double, Instant)}, in the persistence context's transaction. */
    public static Optional<Duration> take(
            EntityManager em, Column where, String id, double perSecond, double burst, Instant now) {
        try {
            return take(em.unwrap(Connection.class), where, id, perSecond, burst, now);
        } catch (SQLException e) {
            throw new PersistenceException("Taking from the rate of " + where.table() + " " + id + " failed", e);
        }
    }

    /**
     * @return empty when a unit was taken (or the row is gone: no rate is left to keep, and
     *         the caller finds it gone), else how long until the next unit is due
     */
    public static Optional<Duration> take(
            Connection connection, Column where, String id, double perSecond, double burst, Instant now)
            throws SQLException {
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        long interval = Math.max(1, Math.round(1_000_000 / perSecond));
        long tolerance = Math.round((Math.max(1, burst) - 1) * interval);
        String column = where.column();
        try (PreparedStatement take = connection.prepareStatement("UPDATE " + where.table() + " SET " + column
                + " = CASE WHEN " + column + " < ? THEN ? ELSE " + column + " END + ? WHERE id = ? AND " + column
                + " <= ?")) {
            take.setLong(1, nowMicros);
            take.setLong(2, nowMicros);
            take.setLong(3, interval);
            take.setString(4, id);
            take.setLong(5, nowMicros + tolerance);
            if (take.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement read =
                connection.prepareStatement("SELECT " + column + " FROM " + where.table() + " WHERE id = ?")) {
            read.setString(1, id);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long dueMicros = row.getLong(1) - tolerance;
                return Optional.of(Duration.ofNanos(Math.max(1_000, (dueMicros - nowMicros) * 1_000)));
            }
        }
    }
}
