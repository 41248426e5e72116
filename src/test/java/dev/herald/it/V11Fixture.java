package dev.herald.it;

import dev.herald.events.control.ChainEarlierEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * A database as the Herald of schema V11 left it: rows a real one wrote through its API,
 * exported as portable INSERTs ({@code upgrade/v11/fixture.sql}), and the values they were
 * written with ({@code fixture.properties}: key, token, secrets).
 */
public final class V11Fixture {

    private V11Fixture() {}

    /**
     * The database settings of a test's own database: a PostgreSQL schema on the PostgreSQL
     * run, an H2 file in {@code dataDir} on the H2 run.
     */
    public static Map<String, String> ownDatabase(Path dataDir, String schema) {
        Map<String, String> env = new HashMap<>(HeraldServer.ownDatabase(schema));
        if (env.isEmpty()) {
            env.put("HERALD_DB_URL", "jdbc:h2:file:" + dataDir.resolve("herald") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        }
        return env;
    }

    /** Migrates the database to V11 and writes the fixture's rows; later migrations are the test's to run. */
    public static void write(Map<String, String> env) throws SQLException {
        migrate(env, "11");
        try (Connection connection = connect(env);
                Statement statement = connection.createStatement();
                InputStream sql = V11Fixture.class.getResourceAsStream("/upgrade/v11/fixture.sql")) {
            for (String line : new String(sql.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("INSERT")) {
                    statement.execute(line.substring(0, line.length() - 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs Herald's migrations up to {@code target} ("latest" for all). */
    public static void migrate(Map<String, String> env, String target) {
        Flyway.configure(V11Fixture.class.getClassLoader())
                .dataSource(env.get("HERALD_DB_URL"), user(env), password(env))
                .locations("classpath:db/migration")
                .javaMigrations(new ChainEarlierEvents())
                .target(target)
                .load()
                .migrate();
    }

    public static Connection connect(Map<String, String> env) throws SQLException {
        return DriverManager.getConnection(env.get("HERALD_DB_URL"), user(env), password(env));
    }

    public static String user(Map<String, String> env) {
        return env.getOrDefault("HERALD_DB_USER", "herald");
    }

    public static String password(Map<String, String> env) {
        return env.getOrDefault("HERALD_DB_PASSWORD", "herald");
    }

    public static Properties properties() {
        Properties properties = new Properties();
        try (InputStream in = V11Fixture.class.getResourceAsStream("/upgrade/v11/fixture.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
