package dev.herald.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers a statement. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class.getName());
    private static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = HeraldDatabase.JNDI_NAME)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        return answeringProduct()
                .map(product -> HealthCheckResponse.named("database")
                        .up()
                        .withData("product", product)
                        .build())
                .orElseGet(() -> HealthCheckResponse.named("database").down().build());
    }

    /** The database product's name while the database answers a statement; empty when it does not. */
    Optional<String> answeringProduct() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            // A statement, not Connection.isValid: an H2 database closed by a failure of its store
            // (a full disk, an exhausted heap) left its connections valid while every statement
            // failed, and the instance answered ready while every call was a 500.
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            return Optional.of(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            // Down, and why only in the log: the driver's text names hosts and ports.
            LOG.log(Level.FINE, "Readiness: the database cannot be reached", e);
            return Optional.empty();
        }
    }
}
