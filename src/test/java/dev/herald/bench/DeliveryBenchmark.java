package dev.herald.bench;

import com.sun.net.httpserver.HttpServer;
import dev.herald.it.HeraldProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end delivery benchmark: boots Herald (the built WAR on Payara Micro), runs a local
 * sink, publishes events through {@code POST /events} and prints
 * <ul>
 * <li>throughput: events per second delivered while publishing as fast as 16 clients can,</li>
 * <li>latency: p50/p99 from the {@code 202} answer to arrival at the sink, at a steady 200 events/s,</li>
 * </ul>
 * for the embedded H2 database and for PostgreSQL. Every attempt is logged as in production.
 * Run with {@code mvn -Pbench -DskipTests verify}; not part of the test run.
 */
public final class DeliveryBenchmark {

    private static final String ADMIN = "bench-admin-token-0123456789abcdef";
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"(evt_[0-9a-z]+)\"");
    private static final int THROUGHPUT_EVENTS = Integer.getInteger("bench.events", 20_000);
    private static final int CLIENTS = 16;
    private static final int STEADY_RATE = 200;
    private static final int STEADY_SECONDS = 15;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        DeliveryBenchmark bench = new DeliveryBenchmark();
        HttpServer sink = bench.startSink();
        try {
            String sinkUrl = "http://127.0.0.1:" + sink.getAddress().getPort() + "/sink";
            bench.run("H2 (embedded file)", Map.of(), sinkUrl);
            String pgUrl = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
            String pgUser = System.getProperty("bench.postgres.user", "postgres");
            emptySchema(pgUrl, pgUser, "herald_bench");
            bench.run("PostgreSQL", Map.of("HERALD_DB_URL", pgUrl + "?currentSchema=herald_bench",
                    "HERALD_DB_USER", pgUser, "HERALD_DB_PASSWORD", "unused"), sinkUrl);
        } finally {
            sink.stop(0);
        }
    }

    private void run(String database, Map<String, String> databaseEnv, String sinkUrl) throws Exception {
        Map<String, String> env = new HashMap<>(databaseEnv);
        env.putAll(Map.of("HERALD_ADMIN_TOKEN", ADMIN, "HERALD_DELIVERY_ALLOWED_NETWORKS", "127.0.0.0/8",
                "HERALD_SUBSCRIPTION_VALIDATE", "false"));
        Path dataDir = Files.createTempDirectory("herald-bench");
        try (HeraldProcess server = HeraldProcess.start(dataDir, env, "-Xmx1g")) {
            URI api = server.base().resolve("api/v1/");
            String token = field(post(api.resolve("tenants"), ADMIN, "{\"name\":\"bench\"}"), "token");
            post(api.resolve("webhooks"), token, "{\"url\":\"" + sinkUrl + "\",\"events\":[\"build.finished\"]}");

            publishConcurrently(api, token, 2_000);
            awaitReceived(2_000, Duration.ofMinutes(2));

            received.set(0);
            long started = System.nanoTime();
            publishConcurrently(api, token, THROUGHPUT_EVENTS);
            double acceptedSeconds = (System.nanoTime() - started) / 1e9;
            awaitReceived(THROUGHPUT_EVENTS, Duration.ofMinutes(10));
            double deliveredSeconds = (System.nanoTime() - started) / 1e9;

            List<Long> latencies = steadyLatencies(api, token);
            System.out.printf("%n== %s ==%n", database);
            System.out.printf("throughput: %d events accepted in %.1f s (%.0f/s), delivered in %.1f s: %.0f events/s%n",
                    THROUGHPUT_EVENTS, acceptedSeconds, THROUGHPUT_EVENTS / acceptedSeconds, deliveredSeconds,
                    THROUGHPUT_EVENTS / deliveredSeconds);
            System.out.printf("latency at %d events/s over %d s (202 answered -> arrival at sink): p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms%n", STEADY_RATE, STEADY_SECONDS, percentile(latencies, 50),
                    percentile(latencies, 99), percentile(latencies, 100));
            server.stop();
        }
    }

    private void publishConcurrently(URI api, String token, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    publish(api, token, i);
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.MINUTES);
    }

    private List<Long> steadyLatencies(URI api, String token) throws Exception {
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        arrivals.clear();
        var ticker = Executors.newScheduledThreadPool(8);
        AtomicInteger sent = new AtomicInteger();
        int total = STEADY_RATE * STEADY_SECONDS;
        ticker.scheduleAtFixedRate(() -> {
            if (sent.incrementAndGet() <= total) {
                String id = publish(api, token, sent.get());
                accepted.put(id, System.nanoTime());
            }
        }, 0, 1_000_000 / STEADY_RATE, TimeUnit.MICROSECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(STEADY_SECONDS + 60).toNanos();
        while ((accepted.size() < total || !arrivals.keySet().containsAll(accepted.keySet()))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        ticker.shutdownNow();
        List<Long> latencies = new ArrayList<>();
        accepted.forEach((id, at) -> {
            Long arrived = arrivals.get(id);
            if (arrived != null) {
                latencies.add(Math.max(0, arrived - at));
            }
        });
        latencies.sort(Long::compare);
        return latencies;
    }

    private String publish(URI api, String token, int i) {
        String body = "{\"type\":\"build.finished\",\"data\":{\"build_id\":\"b" + i + "\",\"status\":\"success\","
                + "\"pipeline\":\"bench\",\"commit\":\"0123456789abcdef0123456789abcdef01234567\"}}";
        return field(post(api.resolve("events"), token, body), "id");
    }

    private String post(URI uri, String token, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpServer startSink() throws IOException {
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        sink.createContext("/sink", exchange -> {
            try (exchange) {
                long now = System.nanoTime();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher eventId = EVENT_ID.matcher(body);
                if (eventId.find()) {
                    arrivals.putIfAbsent(eventId.group(1), now);
                }
                received.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        sink.setExecutor(Executors.newFixedThreadPool(64));
        sink.start();
        return sink;
    }

    private void awaitReceived(int count, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (received.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + received.get() + " of " + count + " deliveries arrived");
            }
            Thread.sleep(20);
        }
    }

    private static double percentile(List<Long> sortedNanos, int percentile) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sortedNanos.size() - 1, (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1);
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return matcher.group(1);
    }

    private static void emptySchema(String url, String user, String schema) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, "unused");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        }
    }
}
