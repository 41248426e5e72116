package dev.herald.platform;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * An H2 data source that remembers every prepared statement run through it, with its
 * parameters, so that a test can ask H2 how many rows the very statements the code issued
 * read (its {@code EXPLAIN ANALYZE}), rather than statements written by hand to look like them.
 */
public final class RecordedStatements {

    /** One execution: the SQL as prepared and its parameters by index. */
    public record Run(String sql, Map<Integer, Object> parameters) {}

    private static final Pattern SCANNED = Pattern.compile("scanCount: (\\d+)");

    private final DataSource database;
    private final List<Run> runs = new CopyOnWriteArrayList<>();

    public RecordedStatements(DataSource database) {
        this.database = database;
    }

    /** The data source to give the code: the same database, every statement recorded. */
    public DataSource dataSource() {
        return proxy(
                DataSource.class,
                database,
                (method, args, result) -> result instanceof Connection connection
                        ? proxy(Connection.class, connection, this::statements)
                        : result);
    }

    /** The runs recorded so far, and forgets them. */
    public List<Run> take() {
        List<Run> taken = List.copyOf(runs);
        runs.clear();
        return taken;
    }

    /** Rows H2 reads to answer the run: the scan counts of its plan, added up (the run is executed again). */
    public int rowsRead(Run run) throws SQLException {
        Matcher scanned = SCANNED.matcher(plan(run));
        int rows = 0;
        while (scanned.find()) {
            rows += Integer.parseInt(scanned.group(1));
        }
        return rows;
    }

    /** H2's plan of the run with the rows each step read ({@code EXPLAIN ANALYZE}, which executes it again). */
    public String plan(Run run) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + run.sql())) {
            run.parameters().forEach((index, value) -> {
                try {
                    explain.setObject(index, value);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }

    private Object statements(Method method, Object[] args, Object result) {
        if (!(result instanceof PreparedStatement prepared)) {
            return result;
        }
        String sql = (String) args[0];
        Map<Integer, Object> parameters = new TreeMap<>();
        return proxy(PreparedStatement.class, prepared, (call, callArgs, callResult) -> {
            String name = call.getName();
            if (name.startsWith("set")
                    && callArgs != null
                    && callArgs.length >= 2
                    && callArgs[0] instanceof Integer i) {
                parameters.put(i, name.equals("setNull") ? null : callArgs[1]);
            } else if (name.equals("clearParameters")) {
                parameters.clear();
            } else if (name.startsWith("execute")) {
                runs.add(new Run(sql, new TreeMap<>(parameters)));
            }
            return callResult;
        });
    }

    /** What to answer for a call, given what the wrapped object answered. */
    private interface After {
        Object apply(Method method, Object[] args, Object result) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                return after.apply(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
