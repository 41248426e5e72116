package dev.herald.platform;

import dev.herald.platform.crypto.SecretBox;
import dev.herald.platform.logging.LogIds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Brings the database schema up to date before anything else touches it. Flyway manages its
 * own transactions, so this bean opts out of container-managed ones.
 */
@DataSourceDefinition(
        name = HeraldDatabase.JNDI_NAME,
        className = "dev.herald.platform.JdbcUrlDataSource",
        url = "${MPCONFIG=herald.db.url}",
        user = "${MPCONFIG=herald.db.user}",
        password = "${MPCONFIG=herald.db.password}",
        minPoolSize = 2,
        // At most 30 connections an instance: three instances fit PostgreSQL's default of 100
        // connections with room for tools (docs/operations.md, "Sizing"). The work that writes
        // most (ingest, the attempt log) is group-committed on a connection each.
        maxPoolSize = 30,
        properties = {
            // Validation by a statement (SELECT '1'), a round trip to the server (meta-data
            // validation may be answered by the driver alone, handing out connections to a
            // database that is gone; Connection.isValid stays true on an H2 database its store's
            // failure closed, where every statement fails); after one fails, the whole pool is
            // renewed, and H2 opens its database again for the new connections.
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.DefaultConnectionValidation",
            "fish.payara.fail-all-connections=true",
            // At most once a second a connection: on every hand-out it was a round trip more for
            // every transaction (3 % of Herald's CPU under single publishes on PostgreSQL). A
            // statement on a connection the database dropped within that second fails as an
            // outage does, and is answered 503 like it.
            "fish.payara.validate-atmost-once-period-in-seconds=1",
            // A short wait for a connection, so an outage is answered 503 quickly instead of hanging.
            "fish.payara.max-wait-time-in-millis=5000",
            // Each connection keeps its most used prepared statements: Herald sends a small set of
            // statements over and over, and H2 parsed each one again (its own cache holds eight);
            // the PostgreSQL driver keeps prepared statements itself. The type is a blank on
            // purpose: Payara reads a missing one as a class named "null" (payara/Payara#6647), a
            // blank as its default, least recently used.
            "fish.payara.statement-cache-size=64",
            "fish.payara.statement-cache-type= "
        })
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Resource(lookup = HeraldDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SecretBox secretBox;

    /** Migrations written in Java, provided as beans by the features whose data they move. */
    @Inject
    @Any
    Instance<JavaMigration> javaMigrations;

    @PostConstruct
    void migrate() {
        var result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(javaMigrations.stream().toArray(JavaMigration[]::new))
                .load()
                .migrate();
        LogIds.none()
                .log(
                        LOG,
                        Level.INFO,
                        "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                                + " migrations applied now)");
        bindSealedValues();
    }

    /**
     * The key must open what the database holds; values sealed before they were bound to their
     * rows are bound now, before anything opens one.
     */
    private void bindSealedValues() {
        try (Connection connection = dataSource.getConnection()) {
            secretBox.requireKeyOpensSealedValues(connection);
            int bound = secretBox.bindUnboundValues(connection);
            if (bound > 0) {
                LogIds.none().log(LOG, Level.INFO, "Bound " + bound + " sealed values to their rows");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot bind the sealed values to their rows", e);
        }
    }
}
