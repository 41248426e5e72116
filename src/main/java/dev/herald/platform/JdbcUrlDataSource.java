package dev.herald.platform;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connection factory the container pools for {@code java:app/jdbc/herald}: it picks the
 * JDBC driver from the configured URL, so switching from the embedded H2 file database to
 * PostgreSQL is one setting ({@code herald.db.url}) instead of a driver class to name as well.
 */
public class JdbcUrlDataSource implements DataSource {

    private static final Map<String, String> DRIVERS_BY_URL_PREFIX = Map.of(
            "jdbc:h2:", "org.h2.Driver",
            "jdbc:postgresql:", "org.postgresql.Driver");

    private String url;
    private String user;
    private String password;
    private int loginTimeout;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** The container may set the URL under either spelling. */
    public void setURL(String url) {
        this.url = url;
    }

    public String getURL() {
        return url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String secret) throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (secret != null) {
            properties.setProperty("password", secret);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            // The driver waits 10 s for a server that does not answer; an outage should be answered sooner.
            // A connectTimeout in the URL still wins.
            properties.setProperty("connectTimeout", "3");
        }
        Connection connection = driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("The JDBC driver did not accept the URL in herald.db.url");
        }
        return connection;
    }

    private Driver driver() throws SQLException {
        if (url == null) {
            throw new SQLException("herald.db.url is not set");
        }
        String driverClass = DRIVERS_BY_URL_PREFIX.entrySet().stream()
                .filter(entry -> url.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new SQLException("herald.db.url must start with jdbc:h2: or jdbc:postgresql:"));
        try {
            return (Driver) Class.forName(driverClass, true, JdbcUrlDataSource.class.getClassLoader())
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SQLException("JDBC driver " + driverClass + " is not available", e);
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // The container logs pool activity itself.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
