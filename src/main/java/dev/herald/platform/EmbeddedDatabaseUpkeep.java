package dev.herald.platform;

import dev.herald.platform.logging.LogIds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Runs {@link EmbeddedDatabaseHousekeeping} on the embedded H2 file every 50 ms, as often as
 * H2's own background writer would at its default delay, its rounds working once nothing has
 * been written for 2 s; and reports the file's size. Does nothing on PostgreSQL. A managed
 * scheduled task rather than an EJB timer: Payara delivers those at most once a second
 * (its EJB timer service's minimum-delivery-interval).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EmbeddedDatabaseUpkeep {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseUpkeep.class.getName());
    private static final long EVERY_MILLIS = 50;
    /** Herald's own heartbeat writes every 5 s, so an idle instance still gets 3 s of rounds in 5. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService executor;

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

    /** Held open while Herald runs: the housekeeping reaches H2's store through its session. */
    private Connection connection;

    private EmbeddedDatabaseHousekeeping housekeeping;

    private ScheduledFuture<?> rounds;

    @PostConstruct
    void start() {
        if (!url.startsWith("jdbc:h2:")) {
            return;
        }
        try {
            JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
            dataSource.setUrl(url);
            connection = dataSource.getConnection(user, password);
            housekeeping = EmbeddedDatabaseHousekeeping.of(connection, QUIET).orElse(null);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "No housekeeping for the embedded database: it could not be opened", e);
        }
        if (housekeeping == null) {
            LogIds.none()
                    .log(
                            LOG,
                            Level.INFO,
                            "The H2 database needs no housekeeping from Herald: H2 runs its own (WRITE_DELAY"
                                    + " above 0), or the database is not an embedded file");
            stop();
            return;
        }
        registry.gauge(
                Metadata.builder()
                        .withName("embedded_database_file_bytes")
                        .withDescription("Size of the embedded H2 database file")
                        .build(),
                housekeeping::fileBytes);
        rounds = executor.scheduleWithFixedDelay(this::oneRound, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
        LogIds.none()
                .log(
                        LOG,
                        Level.INFO,
                        "Housekeeping the embedded database " + housekeeping.fileName()
                                + " whenever nothing was written" + " for " + EVERY_MILLIS + " ms");
    }

    private void oneRound() {
        try {
            housekeeping.run();
        } catch (Throwable e) { // anything: an exception escaping a scheduled task cancels its schedule
            LogIds.none().log(LOG, Level.WARNING, "Housekeeping the embedded database failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (rounds != null) {
            rounds.cancel(false);
        }
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Closing the housekeeping connection failed on the way down", e);
        }
        connection = null;
    }
}
