package dev.herald.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployment every integration test shares: the real WAR, on a database reset for the run. */
public final class HeraldServer {

    public static final String ADMIN_TOKEN = System.getenv().getOrDefault("HERALD_ADMIN_TOKEN", "");

    private static volatile URI base;

    private HeraldServer() {}

    /**
     * The WAR the build produced, as ROOT.war so it serves at {@code /} as in production, with
     * its database emptied first so each run starts clean.
     */
    public static WebArchive war() {
        resetDatabase();
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("herald.war")))
                .as(WebArchive.class);
    }

    static void setBase(URI uri) {
        base = uri;
    }

    /** The base of the deployed application, e.g. {@code http://localhost:8123/herald/}. */
    public static URI base() {
        if (base == null) {
            throw new IllegalStateException("Herald is not deployed");
        }
        return base;
    }

    public static boolean onPostgres() {
        return System.getenv().getOrDefault("HERALD_DB_URL", "").startsWith("jdbc:postgresql:");
    }

    /** Opens a JDBC connection to the database the server uses, for checks behind its back. */
    public static Connection database() throws SQLException {
        return DriverManager.getConnection(
                System.getenv("HERALD_DB_URL"),
                System.getenv().getOrDefault("HERALD_DB_USER", "herald"),
                System.getenv().getOrDefault("HERALD_DB_PASSWORD", "herald"));
    }

    /**
     * The database settings for a server of a test's own: on the PostgreSQL run, an emptied
     * schema of that name in the same database; on the H2 run none, so the server's data
     * folder holds its file database.
     */
    public static java.util.Map<String, String> ownDatabase(String schema) {
        if (!onPostgres()) {
            return java.util.Map.of();
        }
        String url = System.getenv("HERALD_DB_URL");
        String own = url.substring(0, url.indexOf('?')) + "?currentSchema=" + schema;
        emptySchema(own);
        return java.util.Map.of(
                "HERALD_DB_URL",
                own,
                "HERALD_DB_USER",
                System.getenv("HERALD_DB_USER"),
                "HERALD_DB_PASSWORD",
                System.getenv("HERALD_DB_PASSWORD"));
    }

    private static void emptySchema(String url) {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection connection = DriverManager.getConnection(
                        url.substring(0, url.indexOf('?')),
                        System.getenv("HERALD_DB_USER"),
                        System.getenv("HERALD_DB_PASSWORD"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot empty the PostgreSQL schema " + schema, e);
        }
    }

    private static void resetDatabase() {
        try {
            if (onPostgres()) {
                emptySchema(System.getenv("HERALD_DB_URL"));
            }
            TestFiles.deleteTree(Path.of(System.getenv("HERALD_DATA_DIR")));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reset the integration-test database", e);
        }
    }
}
