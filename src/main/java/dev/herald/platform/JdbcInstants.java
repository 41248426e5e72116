package dev.herald.platform;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;

/** Binds instants to JDBC statements as both databases store Herald's times: timestamps with time zone, in UTC. */
public final class JdbcInstants {

    private JdbcInstants() {}

    /** Binds {@code instant}, or SQL NULL when it is null. */
    public static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(
                index, instant == null ? null : instant.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }
}
