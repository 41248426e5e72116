package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Herald's schema on the machine's PostgreSQL (the server the suite's PostgreSQL run uses),
 * migrated as Herald migrates it. PostgreSQL indexes no foreign key by itself: deleting a
 * referenced row then reads the whole referencing table, every tenant's rows, to check that no
 * row still names it, once for each row deleted. So every foreign key has an index that starts
 * with it, but those naming a tenant: tenants are never deleted.
 */
class ForeignKeyIndexesTest {

    private static final String URL =
            System.getProperty("herald.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String SCHEMA =
            "herald_fk_test_" + ProcessHandle.current().pid();

    private static PGSimpleDataSource database;

    @BeforeAll
    static void migrate() throws SQLException {
        database = new PGSimpleDataSource();
        database.setURL(URL + "?currentSchema=" + SCHEMA);
        database.setUser("postgres");
        execute("CREATE SCHEMA " + SCHEMA);
        MigratedH2.migrate(database); // Flyway as Herald runs it, on any database: here PostgreSQL
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    @Test
    void everyForeignKeyButATenantsHasAnIndexStartingWithIt() throws SQLException {
        List<String> unindexed = new ArrayList<>();
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet keys = statement.executeQuery("SELECT referencing.relname, a.attname, referenced.relname"
                        + " FROM pg_constraint c"
                        + " JOIN pg_class referencing ON referencing.oid = c.conrelid"
                        + " JOIN pg_class referenced ON referenced.oid = c.confrelid"
                        + " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
                        + " WHERE c.contype = 'f' AND c.connamespace = '" + SCHEMA + "'::regnamespace"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_index i"
                        + " WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])"
                        + " ORDER BY 1, 2")) {
            while (keys.next()) {
                if (!keys.getString(3).equals("tenants")) {
                    unindexed.add(keys.getString(1) + "." + keys.getString(2) + " -> " + keys.getString(3));
                }
            }
        }
        assertEquals(List.of(), unindexed, "foreign keys without an index");
    }

    private static void execute(String sql) throws SQLException {
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setURL(URL);
        server.setUser("postgres");
        try (Connection connection = server.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
