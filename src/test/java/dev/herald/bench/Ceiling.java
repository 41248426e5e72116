package dev.herald.bench;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-written ceiling the benchmark sets Herald beside: the least a durable webhook relay
 * does per event, on the same database, for the same clients and the same sink, with no
 * framework. A JDK {@code HttpServer} takes {@code POST /events} and hands each body to one
 * writer (a batch publish, {@code POST /events/batch}, hands it each of its events), which
 * records whatever has arrived in one transaction (group commit, as Herald does):
 * it locks the tenant's chain head, inserts each event chained to the one before (SHA-256 of
 * the previous hash and the content) and its delivery, moves the head and commits; then each
 * request answers {@code 202}. Workers take the committed deliveries from a queue in memory,
 * send each to the sink, and record the attempt and the delivery's success in a second
 * transaction. Every commit is flushed to disk as the database is configured to.
 */
final class Ceiling implements AutoCloseable {

    private static final int CONNECTIONS = 24;
    private static final int WORKERS = 16;

    private final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(CONNECTIONS);
    private final BlockingQueue<long[]> deliveries = new LinkedBlockingQueue<>();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong ids = new AtomicLong();
    private final URI sink;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, Ceiling::daemon);
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Ceiling::daemon);
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private volatile boolean closing;

    /** A published body waiting for the writer, and the answer its request waits for. */
    private record Arrival(String data, long id, CompletableFuture<Void> committed) {}

    /** Starts the ceiling on empty tables of that database, delivering to {@code sink}. */
    Ceiling(String jdbcUrl, String user, String password, URI sink) throws Exception {
        this.sink = sink;
        for (int i = 0; i < CONNECTIONS; i++) {
            pool.add(DriverManager.getConnection(jdbcUrl, user, password));
        }
        createTables();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.createContext("/events", exchange -> {
            try (exchange) {
                Arrival arrival = new Arrival(
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        ids.incrementAndGet(),
                        new CompletableFuture<>());
                arrivals.add(arrival);
                arrival.committed().get(60, TimeUnit.SECONDS);
                byte[] answer = ("{\"id\":\"evt_" + arrival.id() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(202, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        // A batch publish: each event of {"events": [...]} recorded as above, the answer once all have committed.
        server.createContext("/events/batch", exchange -> {
            try (exchange;
                    JsonReader reader = Json.createReader(exchange.getRequestBody())) {
                List<Arrival> batch = reader.readObject().getJsonArray("events").stream()
                        .map(event -> new Arrival(event.toString(), ids.incrementAndGet(), new CompletableFuture<>()))
                        .toList();
                arrivals.addAll(batch);
                for (Arrival arrival : batch) {
                    arrival.committed().get(60, TimeUnit.SECONDS);
                }
                byte[] answer = ("{\"items\":" + batch.size() + "}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(202, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        writer.execute(this::writeForever);
        server.setExecutor(Executors.newFixedThreadPool(32, Ceiling::daemon));
        server.start();
        for (int i = 0; i < WORKERS; i++) {
            workers.execute(this::deliverForever);
        }
    }

    /** Where clients publish: {@code <base>events}, like Herald's API base. */
    URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void createTables() throws Exception {
        Connection connection = pool.take();
        try (Statement statement = connection.createStatement()) {
            for (String table :
                    new String[] {"ceiling_attempts", "ceiling_deliveries", "ceiling_events", "ceiling_heads"}) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            statement.execute("CREATE TABLE ceiling_heads (tenant_id VARCHAR(40) PRIMARY KEY, sequence BIGINT NOT NULL,"
                    + " hash VARCHAR(64) NOT NULL)");
            statement.execute("CREATE TABLE ceiling_events (id BIGINT PRIMARY KEY, tenant_id VARCHAR(40) NOT NULL,"
                    + " sequence BIGINT NOT NULL, data_json VARCHAR NOT NULL, created_at TIMESTAMP WITH TIME ZONE"
                    + " NOT NULL, prev_hash VARCHAR(64) NOT NULL, hash VARCHAR(64) NOT NULL)");
            statement.execute("CREATE TABLE ceiling_deliveries (id BIGINT PRIMARY KEY, event_id BIGINT NOT NULL"
                    + " REFERENCES ceiling_events (id), payload VARCHAR NOT NULL, status VARCHAR(20) NOT NULL,"
                    + " attempt_count INTEGER NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            statement.execute("CREATE TABLE ceiling_attempts (id BIGINT PRIMARY KEY, delivery_id BIGINT NOT NULL"
                    + " REFERENCES ceiling_deliveries (id), status_code INTEGER, response_time_ms BIGINT NOT NULL,"
                    + " created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            statement.execute("INSERT INTO ceiling_heads VALUES ('bench', 0, '" + "0".repeat(64) + "')");
        } finally {
            pool.add(connection);
        }
    }

    private void writeForever() {
        List<Arrival> batch = new ArrayList<>();
        while (!closing) {
            try {
                Arrival first = arrivals.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                arrivals.drainTo(batch, 255);
                record(batch);
                batch.forEach(arrival -> arrival.committed().complete(null));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                batch.forEach(arrival -> arrival.committed().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    /** One transaction: each event chained after the head, with its delivery; the head moved; then to the workers. */
    private void record(List<Arrival> batch) throws SQLException, InterruptedException {
        Connection connection = pool.take();
        try {
            connection.setAutoCommit(false);
            long sequence;
            String previous;
            try (PreparedStatement head = connection.prepareStatement(
                            "SELECT sequence, hash FROM ceiling_heads WHERE tenant_id = 'bench' FOR UPDATE");
                    ResultSet row = head.executeQuery()) {
                row.next();
                sequence = row.getLong(1);
                previous = row.getString(2);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            try (PreparedStatement event = connection.prepareStatement(
                            "INSERT INTO ceiling_events VALUES (?, 'bench', ?, ?, ?, ?, ?)");
                    PreparedStatement delivery = connection.prepareStatement(
                            "INSERT INTO ceiling_deliveries VALUES (?, ?, ?, 'PENDING', 0, ?)")) {
                for (Arrival arrival : batch) {
                    sequence++;
                    String hash = sha256(previous + sequence + arrival.id() + arrival.data() + now);
                    event.setLong(1, arrival.id());
                    event.setLong(2, sequence);
                    event.setString(3, arrival.data());
                    event.setObject(4, now);
                    event.setString(5, previous);
                    event.setString(6, hash);
                    event.addBatch();
                    delivery.setLong(1, arrival.id());
                    delivery.setLong(2, arrival.id());
                    delivery.setString(3, "{\"eventId\":\"evt_" + arrival.id() + "\",\"data\":" + arrival.data() + "}");
                    delivery.setObject(4, now);
                    delivery.addBatch();
                    previous = hash;
                }
                event.executeBatch();
                delivery.executeBatch();
            }
            try (PreparedStatement advance = connection.prepareStatement(
                    "UPDATE ceiling_heads SET sequence = ?, hash = ? WHERE tenant_id = 'bench'")) {
                advance.setLong(1, sequence);
                advance.setString(2, previous);
                advance.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            pool.add(connection);
        }
        batch.forEach(arrival -> deliveries.add(new long[] {arrival.id()}));
    }

    /** A delivery that fails is reported and lost: the benchmark then waits in vain and says so. */
    private void deliverForever() {
        while (!closing) {
            try {
                long[] next = deliveries.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    deliver(next[0]);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
    }

    /** Sends the delivery and records its attempt and its success in one transaction. */
    private void deliver(long id) throws Exception {
        Connection connection = pool.take();
        try {
            connection.setAutoCommit(false);
            String payload;
            try (PreparedStatement read =
                    connection.prepareStatement("SELECT payload FROM ceiling_deliveries WHERE id = ?")) {
                read.setLong(1, id);
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    payload = row.getString(1);
                }
            }
            long started = System.nanoTime();
            HttpResponse<Void> answer = http.send(
                    HttpRequest.newBuilder(sink)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(payload))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            long millis = (System.nanoTime() - started) / 1_000_000;
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            try (PreparedStatement attempt =
                    connection.prepareStatement("INSERT INTO ceiling_attempts VALUES (?, ?, ?, ?, ?)")) {
                attempt.setLong(1, id);
                attempt.setLong(2, id);
                attempt.setInt(3, answer.statusCode());
                attempt.setLong(4, millis);
                attempt.setObject(5, now);
                attempt.executeUpdate();
            }
            try (PreparedStatement done = connection.prepareStatement("UPDATE ceiling_deliveries SET status ="
                    + " 'SUCCEEDED', attempt_count = 1, updated_at = ? WHERE id = ?")) {
                done.setObject(1, now);
                done.setLong(2, id);
                done.executeUpdate();
            }
            connection.commit();
        } finally {
            pool.add(connection);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "ceiling");
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Stops the threads by a flag, not by interrupting them: an embedded H2 database closes its
     * file when a thread is interrupted in the middle of a write, and every later statement then
     * fails (a worker still recording its last attempt made the benchmark's smoke run fail).
     */
    @Override
    public void close() throws SQLException {
        server.stop(0);
        closing = true;
        writer.shutdown();
        workers.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS) || !workers.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The ceiling's threads did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection connection : pool) {
            connection.close();
        }
    }
}
