package dev.herald.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a stopped Herald's H2 database as portable INSERT statements (H2 and PostgreSQL),
 * the way {@code upgrade/v11/fixture.sql} was made: run a release, write data through its
 * API, stop it, then {@code java -cp h2.jar:target/test-classes dev.herald.it.ExportRows
 * jdbc:h2:file:<data>/herald} and order the tables so references come first.
 */
public final class ExportRows {

    private ExportRows() {}

    public static void main(String[] args) throws SQLException {
        try (Connection connection = DriverManager.getConnection(args[0], "herald", "herald")) {
            for (String table : tables(connection)) {
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM \"" + table + "\"")) {
                    while (rows.next()) {
                        System.out.println(insert(table.toLowerCase(), rows));
                    }
                }
            }
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection
                .createStatement()
                .executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE'"
                        + " AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static String insert(String table, ResultSet row) throws SQLException {
        ResultSetMetaData meta = row.getMetaData();
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnName(i).toLowerCase());
            Object value = row.getObject(i);
            if (value == null) {
                values.add("NULL");
            } else if (meta.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE) {
                values.add("TIMESTAMP WITH TIME ZONE '"
                        + row.getObject(i, OffsetDateTime.class)
                                .withOffsetSameInstant(ZoneOffset.UTC)
                                .toString()
                                .replace('T', ' ')
                                .replace("Z", "+00")
                        + "'");
            } else if (value instanceof Number || value instanceof Boolean) {
                values.add(value.toString());
            } else {
                values.add("'" + value.toString().replace("'", "''") + "'");
            }
        }
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + String.join(", ", values)
                + ");";
    }
}
