package dev.herald.platform;

import dev.herald.events.control.ChainEarlierEvents;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

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
        maxPoolSize = 48,
        properties = {"fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=meta-data"})
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Resource(lookup = HeraldDatabase.JNDI_NAME)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new ChainEarlierEvents())
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }
}
