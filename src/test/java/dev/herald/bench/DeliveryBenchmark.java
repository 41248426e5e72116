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
 * End-to-end delivery benchmark: boots Herald (the built WAR on Payara Micro), runs local
 * sinks, publishes events through {@code POST /events} and prints
 * <ul>
 * <li>throughput: events per second delivered while publishing as fast as 16 clients can,</li>
 * <li>latency: p50/p99 from the {@code 202} answer to arrival at the sink, at a steady 200 events/s,</li>
 * <li>noisy neighbours: one tenant's fast subscription's p99 alone, then beside another
 * tenant's 200 subscriptions to an endpoint that takes 2 s to answer,</li>
 * </ul>
 * for the embedded H2 database and for PostgreSQL. Every attempt is logged as in production.
 * Run with {@code mvn -Pbench -DskipTests verify}. {@link Options#smoke} is the small run
 * {@code DeliveryBenchmarkIT} makes in the test suite so that this program cannot rot. Any
 * error ends the run with an exception (a non-zero exit), and a watchdog ends a run that
 * outlives its time limit instead of letting it hang.
 */
public final class DeliveryBenchmark {

    private static final String ADMIN = "bench-admin-token-0123456789abcdef";
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"(evt_[0-9a-z]+)\"");
    private static final int CLIENTS = 16;

    /**
     * The sizes of a run.
     *
     * @param neighbours the slow tenant's subscriptions; {@code neighbourRate} the fast
     *                   tenant's events per second while it is measured beside them
     */
    public record Options(int warmUpEvents, int throughputEvents, int steadyRate, int steadySeconds, int neighbours,
            int neighbourRate, int neighbourSeconds, Duration slowAnswer, Duration timeLimit) {

        static Options fromSystemProperties() {
            return new Options(2_000, Integer.getInteger("bench.events", 20_000), 200,
                    Integer.getInteger("bench.steady-seconds", 15), Integer.getInteger("bench.neighbours", 200), 50,
                    Integer.getInteger("bench.neighbour-seconds", 10), Duration.ofSeconds(2), Duration.ofMinutes(
                            Integer.getInteger("bench.time-limit-minutes", 60)));
        }

        /** A few hundred events through every scenario; no figure means anything at this size. */
        public static Options smoke() {
            return new Options(50, 300, 50, 2, 50, 20, 2, Duration.ofSeconds(1), Duration.ofMinutes(5));
        }
    }

    /** What one database's run measured; {@code ceilingPerSecond} is the hand-written ceiling's throughput. */
    public record Figures(String database, double deliveredPerSecond, double p50, double p99, double max,
            double aloneP99, double besideP99, double ceilingPerSecond) {
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger slowReceived = new AtomicInteger();

    public DeliveryBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.fromSystemProperties();
        Thread watchdog = watchdog(options.timeLimit());
        String pgUrl = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = System.getProperty("bench.postgres.user", "postgres");
        DeliveryBenchmark bench = new DeliveryBenchmark(options);
        bench.run("H2 (embedded file)", Map.of());
        bench.run("PostgreSQL", postgres(pgUrl, pgUser, "herald_bench"));
        watchdog.interrupt();
    }

    /** Ends the JVM with status 2 once {@code limit} has passed: a benchmark never hangs. */
    static Thread watchdog(Duration limit) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
                System.err.println("The benchmark ran longer than " + limit + "; stopping it");
                Runtime.getRuntime().halt(2);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    /** The environment that points Herald at an empty schema of that PostgreSQL database. */
    public static Map<String, String> postgres(String url, String user, String schema) throws Exception {
        emptySchema(url, user, schema);
        return Map.of("HERALD_DB_URL", url + "?currentSchema=" + schema, "HERALD_DB_USER", user,
                "HERALD_DB_PASSWORD", "unused");
    }

    /** Boots Herald on the database {@code databaseEnv} names, runs every scenario and prints its figures. */
    public Figures run(String database, Map<String, String> databaseEnv) throws Exception {
        Map<String, String> env = new HashMap<>(databaseEnv);
        env.putAll(Map.of("HERALD_ADMIN_TOKEN", ADMIN, "HERALD_DELIVERY_ALLOWED_NETWORKS", "127.0.0.0/8",
                "HERALD_SUBSCRIPTION_VALIDATE", "false"));
        Path dataDir = Files.createTempDirectory("herald-bench");
        HttpServer sink = startSink();
        HttpServer slowSink = startSlowSink();
        try (HeraldProcess server = HeraldProcess.start(dataDir, env, "-Xmx1g")) {
            URI api = server.base().resolve("api/v1/");
            String sinkUrl = "http://127.0.0.1:" + sink.getAddress().getPort() + "/sink";
            String token = newTenant(api, "bench", sinkUrl);

            publishConcurrently(api, token, options.warmUpEvents());
            awaitReceived(received, options.warmUpEvents(), Duration.ofMinutes(2));

            received.set(0);
            int events = options.throughputEvents();
            long started = System.nanoTime();
            publishConcurrently(api, token, events);
            double acceptedSeconds = (System.nanoTime() - started) / 1e9;
            awaitReceived(received, events, Duration.ofMinutes(10));
            double deliveredSeconds = (System.nanoTime() - started) / 1e9;

            List<Long> latencies = steadyLatencies(api, token, options.steadyRate(), options.steadySeconds());
            System.out.printf("%n== %s ==%n", database);
            System.out.printf("throughput: %d events accepted in %.1f s (%.0f/s), delivered in %.1f s: %.0f events/s%n",
                    events, acceptedSeconds, events / acceptedSeconds, deliveredSeconds, events / deliveredSeconds);
            System.out.printf("latency at %d events/s over %d s (202 answered -> arrival at sink): p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms%n", options.steadyRate(), options.steadySeconds(),
                    percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100));

            double[] neighbours = noisyNeighbours(api, sinkUrl,
                    "http://127.0.0.1:" + slowSink.getAddress().getPort() + "/slow");
            server.stop();
            double herald = events / deliveredSeconds;
            double ceiling = ceiling(databaseEnv, dataDir, URI.create(sinkUrl));
            System.out.printf("ceiling (JDK HttpServer + JDBC, same database and sink): %.0f events/s; Herald at %.2f"
                    + " of it%n", ceiling, herald / ceiling);
            return new Figures(database, herald, percentile(latencies, 50), percentile(latencies, 99),
                    percentile(latencies, 100), neighbours[0], neighbours[1], ceiling);
        } finally {
            sink.stop(0);
            slowSink.stop(0);
        }
    }

    /**
     * A fresh tenant's fast subscription, measured at a steady rate alone and then while a
     * second tenant's many subscriptions wait on an endpoint that answers slowly: answers the
     * two p99s in milliseconds.
     */
    private double[] noisyNeighbours(URI api, String sinkUrl, String slowUrl) throws Exception {
        String fast = newTenant(api, "fast", sinkUrl);
        String slow = field(post(api.resolve("tenants"), ADMIN, "{\"name\":\"slow\"}"), "token");
        for (int i = 0; i < options.neighbours(); i++) {
            post(api.resolve("webhooks"), slow, "{\"url\":\"" + slowUrl + "?s=" + i
                    + "\",\"events\":[\"build.finished\"],\"timeout\":30000}");
        }
        List<Long> alone = steadyLatencies(api, fast, options.neighbourRate(), options.neighbourSeconds());

        // Enough slow deliveries to keep the slow tenant's share busy through the whole measurement.
        int slowEvents = (int) Math.max(2, options.neighbourSeconds() * 1000L / options.slowAnswer().toMillis());
        for (int i = 0; i < slowEvents; i++) {
            publish(api, slow, i);
        }
        awaitReceived(slowReceived, 1, Duration.ofSeconds(30));
        List<Long> beside = steadyLatencies(api, fast, options.neighbourRate(), options.neighbourSeconds());
        int slowPending = slowEvents * options.neighbours() - slowReceived.get();
        double aloneP99 = percentile(alone, 99);
        double besideP99 = percentile(beside, 99);
        System.out.printf("noisy neighbours: a fast subscription at %d events/s for %d s: p99 %.1f ms alone, "
                + "%.1f ms beside %d subscriptions of another tenant to an endpoint answering in %d ms "
                + "(%d of their %d deliveries still waiting): %+.1f ms (goal: within 50 ms)%n",
                options.neighbourRate(), options.neighbourSeconds(), aloneP99, besideP99, options.neighbours(),
                options.slowAnswer().toMillis(), slowPending, slowEvents * options.neighbours(), besideP99 - aloneP99);
        if (slowPending <= 0) {
            throw new IllegalStateException("The slow deliveries were all done before the measurement ended: "
                    + "the fast subscription was not measured beside them");
        }
        return new double[] {aloneP99, besideP99};
    }

    /**
     * The same publishes through the hand-written {@link Ceiling}, on the database Herald used
     * (its own tables beside Herald's), once Herald has stopped: delivered events per second.
     */
    private double ceiling(Map<String, String> databaseEnv, Path dataDir, URI sink) throws Exception {
        String url = databaseEnv.getOrDefault("HERALD_DB_URL",
                "jdbc:h2:file:" + dataDir.resolve("ceiling") + ";WRITE_DELAY=0");
        try (Ceiling ceiling = new Ceiling(url, databaseEnv.getOrDefault("HERALD_DB_USER", "sa"),
                databaseEnv.getOrDefault("HERALD_DB_PASSWORD", ""), sink)) {
            received.set(0);
            publishConcurrently(ceiling.api(), "none", options.warmUpEvents());
            awaitReceived(received, options.warmUpEvents(), Duration.ofMinutes(2));
            received.set(0);
            long started = System.nanoTime();
            publishConcurrently(ceiling.api(), "none", options.throughputEvents());
            awaitReceived(received, options.throughputEvents(), Duration.ofMinutes(10));
            return options.throughputEvents() / ((System.nanoTime() - started) / 1e9);
        }
    }

    private String newTenant(URI api, String name, String sinkUrl) {
        String token = field(post(api.resolve("tenants"), ADMIN, "{\"name\":\"" + name + "\"}"), "token");
        post(api.resolve("webhooks"), token, "{\"url\":\"" + sinkUrl + "\",\"events\":[\"build.finished\"]}");
        return token;
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
        if (!clients.awaitTermination(30, TimeUnit.MINUTES)) {
            clients.shutdownNow();
            throw new IllegalStateException("Publishing " + count + " events took longer than 30 minutes");
        }
    }

    private List<Long> steadyLatencies(URI api, String token, int rate, int seconds) throws Exception {
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        var ticker = Executors.newScheduledThreadPool(8);
        AtomicInteger sent = new AtomicInteger();
        int total = rate * seconds;
        ticker.scheduleAtFixedRate(() -> {
            if (sent.incrementAndGet() <= total) {
                try {
                    String id = publish(api, token, sent.get());
                    accepted.put(id, System.nanoTime());
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 60).toNanos();
        try {
            while ((accepted.size() + failures.size() < total || !arrivals.keySet().containsAll(accepted.keySet()))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            ticker.shutdownNow();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " publishes failed", failures.get(0));
        }
        List<Long> latencies = new ArrayList<>();
        accepted.forEach((id, at) -> {
            Long arrived = arrivals.get(id);
            if (arrived == null) {
                throw new IllegalStateException("Event " + id + " did not arrive within a minute");
            }
            latencies.add(Math.max(0, arrived - at));
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
        sink.setExecutor(Executors.newFixedThreadPool(64, daemon -> {
            Thread thread = new Thread(daemon, "sink");
            thread.setDaemon(true);
            return thread;
        }));
        sink.start();
        return sink;
    }

    /** An endpoint of its own origin that takes {@code slowAnswer} to answer each delivery. */
    private HttpServer startSlowSink() throws IOException {
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        sink.createContext("/slow", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(options.slowAnswer().toMillis());
                slowReceived.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sink.setExecutor(Executors.newCachedThreadPool(daemon -> {
            Thread thread = new Thread(daemon, "slow-sink");
            thread.setDaemon(true);
            return thread;
        }));
        sink.start();
        return sink;
    }

    private static void awaitReceived(AtomicInteger counter, int count, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (counter.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + counter.get() + " of " + count + " deliveries arrived");
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
