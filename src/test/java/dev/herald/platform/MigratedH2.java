package dev.herald.platform;

import dev.herald.events.control.ChainEarlierEvents;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** An H2 database in memory with Herald's schema, migrated as Herald migrates it at boot: for tests without a server. */
public final class MigratedH2 {

    private MigratedH2() {}

    /** A new database of that name (kept until the JVM ends), every migration applied. */
    public static JdbcDataSource inMemory(String name) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL(url(name));
        migrate(database);
        return database;
    }

    /** {@link #inMemory(String)}, then these statements run in order (a test's rows). */
    public static JdbcDataSource inMemory(String name, String... statements) throws SQLException {
        JdbcDataSource database = inMemory(name);
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        return database;
    }

    /** Applies every migration the database has not had yet. */
    public static void migrate(DataSource database) {
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .javaMigrations(new ChainEarlierEvents())
                .load()
                .migrate();
    }

    /** Herald's persistence unit as Herald runs it, outside a server: EclipseLink on {@code database}. */
    public static EntityManagerFactory persistenceUnit(DataSource database) {
        Map<String, Object> outsideAServer = new HashMap<>();
        outsideAServer.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        outsideAServer.put("jakarta.persistence.jtaDataSource", "");
        outsideAServer.put("jakarta.persistence.nonJtaDataSource", database);
        return Persistence.createEntityManagerFactory("herald", outsideAServer);
    }

    public static String url(String name) {
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }
}
