package dev.herald.platform;

import dev.herald.platform.logging.LogIds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Reports the size of the embedded H2 file ({@code embedded_database_file_bytes}); nothing on
 * PostgreSQL, or when another process serves the H2 database.
 *
 * <p>Operators need it because the file holds on to a load's space: {@code WRITE_DELAY=0}
 * (every commit durable before Herald answers) also stops H2's background writer, which is what
 * gives that space back. Doing its work from here was measured and not adopted: each round
 * holds H2's locks while it reads, writes and syncs a file of gigabytes, and commits waited up
 * to 2 s behind it (docs/benchmarks.md, 2026-12-03).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EmbeddedDatabaseSize {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseSize.class.getName());

    @Inject
    MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "herald.db.url")
    String url;

    @Inject
    @ConfigProperty(name = "herald.db.user")
    String user;

    @Inject
    @ConfigProperty(name = "herald.db.password")
    String password;

    /** Held open while Herald runs: the store is reached through its session. */
    private Connection connection;

    @PostConstruct
    void start() {
        if (!HeraldDatabase.isEmbedded(url)) {
            return;
        }
        try {
            JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
            dataSource.setUrl(url);
            connection = dataSource.getConnection(user, password);
            MVStore store = connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                    ? session.getDatabase().getStore().getMvStore()
                    : null;
            if (store != null && store.getFileStore() != null) {
                registry.gauge(
                        Metadata.builder()
                                .withName("embedded_database_file_bytes")
                                .withDescription("Size of the embedded H2 database file")
                                .build(),
                        () -> store.isClosed() ? 0 : store.getFileStore().size());
                return;
            }
        } catch (SQLException e) {
            LogIds.none().log(LOG, Level.WARNING, "The embedded database's size cannot be reported", e);
        }
        stop();
    }

    @PreDestroy
    void stop() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Closing the connection that reads the file's size failed on the way down", e);
        }
        connection = null;
    }
}
