package dev.herald.bench;

import com.sun.net.httpserver.HttpServer;
import dev.herald.it.HeraldProcess;
import dev.herald.it.TestFiles;
import dev.herald.platform.ShippedDatabaseUrl;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end delivery benchmark: boots Herald (the built WAR on Payara Micro), runs local
 * sinks, publishes events through {@code POST /events} and prints
 * <ul>
 * <li>boot: seconds from starting the JVM to ready, and the server's resident memory after the load,
 * with {@link #JVM_OPTIONS}, the heap settings the README's run command and the Docker image use,</li>
 * <li>throughput: events per second delivered while publishing as fast as 16 clients can, one
 * event per request and then {@link Options#batchSize} per {@code POST /events/batch},</li>
 * <li>latency: p50/p99 from the moment a publish is due to its arrival at the sink, at a steady 200 events/s,
 * and the p99 at a steady 1,000/s,</li>
 * <li>fan-out: the time from publishing one event to its arrival at 1,000 subscriptions,</li>
 * <li>history: the single-event throughput again after 1,000,000 events (with their deliveries and
 * attempts) were written straight into the database,</li>
 * <li>noisy neighbours: one tenant's fast subscription's p99 alone, then beside another
 * tenant's 200 subscriptions to an endpoint that takes 2 s to answer,</li>
 * <li>open publishes: one tenant's publish, one every 50 ms, answered alone and then while
 * another tenant keeps 1,000 publishes open at once (no goal yet: docs/architecture.md, known
 * debt 7),</li>
 * </ul>
 * for the embedded H2 database and for PostgreSQL, each throughput beside the hand-written
 * {@link Ceiling} run in the same invocation. Every attempt is logged as in production.
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
     * @param idleAfterLoad how long the server idles after the load before the H2 file is
     *                   measured again, to see whether any of the load's space came back: H2
     *                   frees a dead chunk 45 s after it died at the earliest, so the full run
     *                   waits longer than that
     */
    public record Options(
            int warmUpEvents,
            int throughputEvents,
            int batchSize,
            int steadyRate,
            int steadySeconds,
            int fastRate,
            int fastSeconds,
            int fanOut,
            int neighbours,
            int neighbourRate,
            int neighbourSeconds,
            Duration slowAnswer,
            int openPublishes,
            int openSeconds,
            int historyEvents,
            Duration idleAfterLoad,
            Duration timeLimit) {

        static Options fromSystemProperties() {
            return new Options(
                    2_000,
                    Integer.getInteger("bench.events", 20_000),
                    100,
                    200,
                    Integer.getInteger("bench.steady-seconds", 15),
                    1_000,
                    5,
                    Integer.getInteger("bench.fan-out", 1_000),
                    Integer.getInteger("bench.neighbours", 200),
                    50,
                    Integer.getInteger("bench.neighbour-seconds", 10),
                    Duration.ofSeconds(2),
                    Integer.getInteger("bench.open-publishes", 1_000),
                    Integer.getInteger("bench.open-seconds", 10),
                    Integer.getInteger("bench.history", 1_000_000),
                    Duration.ofSeconds(Integer.getInteger("bench.idle-seconds", 90)),
                    Duration.ofMinutes(Integer.getInteger("bench.time-limit-minutes", 60)));
        }

        /** A few hundred events through every scenario; no figure means anything at this size. */
        public static Options smoke() {
            return new Options(
                    50,
                    300,
                    50,
                    50,
                    1,
                    100,
                    1,
                    50,
                    50,
                    20,
                    1,
                    Duration.ofSeconds(1),
                    50,
                    1,
                    2_000,
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(5));
        }
    }

    /**
     * What one database's run measured: throughputs in events delivered per second (the
     * ceiling's beside Herald's), latencies in milliseconds.
     */
    public record Figures(
            String database,
            double deliveredPerSecond,
            double batchPerSecond,
            double p50,
            double p99,
            double max,
            double fastP99,
            double fanOutSeconds,
            double aloneP99,
            double besideP99,
            double openAloneP99,
            double openBesideP99,
            double bootSeconds,
            long residentMib,
            double historyPerSecond,
            double ceilingPerSecond,
            double ceilingBatchPerSecond) {}

    /** The server JVM's options: {@link HeraldProcess#RUN_OPTIONS}; {@code -Dbench.jvm-options} tries others. */
    static final List<String> JVM_OPTIONS = System.getProperty("bench.jvm-options") == null
            ? HeraldProcess.RUN_OPTIONS
            : List.of(System.getProperty("bench.jvm-options").trim().split("\\s+"));

    static {
        // The JDK server otherwise writes an answer's headers and body in two packets and waits
        // for the client's delayed acknowledgement in between: 40 ms that would be the ceiling's, not the work's.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final Options options;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The publishing clients, one a server (Herald's, the ceiling's), by host and port. */
    private final Map<String, LoadClient> loadClients = new ConcurrentHashMap<>();

    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger slowReceived = new AtomicInteger();
    private final AtomicInteger fanOutReceived = new AtomicInteger();

    public DeliveryBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.fromSystemProperties();
        Thread watchdog = watchdog(options.timeLimit());
        String pgUrl = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = System.getProperty("bench.postgres.user", "postgres");
        DeliveryBenchmark bench = new DeliveryBenchmark(options);
        String databases = System.getProperty("bench.databases", "h2,postgresql");
        if (databases.contains("h2")) {
            bench.run("H2 (embedded file)", Map.of());
        }
        if (databases.contains("postgresql")) {
            bench.run("PostgreSQL", postgres(pgUrl, pgUser, "herald_bench"));
        }
        watchdog.interrupt();
    }

    /** Ends the JVM with status 2 once {@code limit} has passed: a benchmark never hangs. */
    static Thread watchdog(Duration limit) {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(limit.toMillis());
                        System.err.println("The benchmark ran longer than " + limit + "; stopping it");
                        Runtime.getRuntime().halt(2);
                    } catch (InterruptedException e) {
                        // finished in time
                    }
                },
                "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    /** The environment that points Herald at an empty schema of that PostgreSQL database. */
    public static Map<String, String> postgres(String url, String user, String schema) throws Exception {
        emptySchema(url, user, schema);
        return Map.of(
                "HERALD_DB_URL",
                url + "?currentSchema=" + schema,
                "HERALD_DB_USER",
                user,
                "HERALD_DB_PASSWORD",
                "unused");
    }

    /** Boots Herald on the database {@code databaseEnv} names, runs every scenario and prints its figures. */
    public Figures run(String database, Map<String, String> databaseEnv) throws Exception {
        Map<String, String> env = new HashMap<>(databaseEnv);
        env.putAll(Map.of(
                "HERALD_ADMIN_TOKEN",
                ADMIN,
                "HERALD_DELIVERY_ALLOWED_NETWORKS",
                "127.0.0.0/8",
                "HERALD_SUBSCRIPTION_VALIDATE",
                "false"));
        Path dataDir = Files.createTempDirectory("herald-bench");
        boolean completed = false;
        HttpServer sink = startSink();
        HttpServer slowSink = startSlowSink();
        String sinkUrl = "http://127.0.0.1:" + sink.getAddress().getPort() + "/sink";
        try {
            System.out.printf("%n== %s ==%n", database);
            long booting = System.nanoTime();
            HeraldProcess server = HeraldProcess.start(dataDir, env, JVM_OPTIONS);
            double bootSeconds = (System.nanoTime() - booting) / 1e9;
            Tenant tenant;
            double single;
            double batch;
            List<Long> latencies;
            List<Long> fast;
            double fanOutSeconds;
            double[] neighbours;
            double[] open;
            long residentMib;
            try (server) {
                System.out.printf(
                        "boot to ready: %.1f s (JVM options %s)%n", bootSeconds, String.join(" ", JVM_OPTIONS));
                URI api = server.base().resolve("api/v1/");
                tenant = newTenant(api, "bench", sinkUrl);
                single = throughput(api, tenant.token(), 1, "single publishes", Optional.of(server));
                batch = throughput(api, tenant.token(), options.batchSize(), "batch publishes", Optional.of(server));
                latencies = steadyLatencies(api, tenant.token(), options.steadyRate(), options.steadySeconds());
                printLatencies(options.steadyRate(), options.steadySeconds(), latencies);
                fast = steadyLatencies(api, tenant.token(), options.fastRate(), options.fastSeconds());
                printLatencies(options.fastRate(), options.fastSeconds(), fast);
                fanOutSeconds =
                        fanOut(api, "http://127.0.0.1:" + sink.getAddress().getPort() + "/fanout");
                neighbours = noisyNeighbours(
                        api,
                        sinkUrl,
                        "http://127.0.0.1:" + slowSink.getAddress().getPort() + "/slow");
                residentMib = server.residentMemoryMib();
                System.out.printf("resident memory after the load: %d MiB%n", residentMib);
                Path h2File = dataDir.resolve("herald.mv.db");
                if (Files.exists(h2File)) {
                    long afterLoad = Files.size(h2File);
                    // A fixed time, not a condition: how far the file has shrunk by then is the figure.
                    Thread.sleep(options.idleAfterLoad().toMillis());
                    System.out.printf(
                            "H2 file after the load: %d MiB, %d s later: %d MiB%n",
                            afterLoad >> 20, options.idleAfterLoad().toSeconds(), Files.size(h2File) >> 20);
                }
                // Last: its thousands of events would weigh on the figures above.
                open = openPublishes(api);
                server.stop();
            }
            double history = withHistory(databaseEnv, dataDir, env, tenant);
            double[] ceiling = ceiling(databaseEnv, dataDir, URI.create(sinkUrl));
            System.out.printf(
                    "ceiling (JDK HttpServer + JDBC, same database and sink): %.0f events/s single, %.0f/s in"
                            + " batches; Herald at %.2f and %.2f of it%n",
                    ceiling[0], ceiling[1], single / ceiling[0], batch / ceiling[1]);
            completed = true;
            return new Figures(
                    database,
                    single,
                    batch,
                    percentile(latencies, 50),
                    percentile(latencies, 99),
                    percentile(latencies, 100),
                    percentile(fast, 99),
                    fanOutSeconds,
                    neighbours[0],
                    neighbours[1],
                    open[0],
                    open[1],
                    bootSeconds,
                    residentMib,
                    history,
                    ceiling[0],
                    ceiling[1]);
        } finally {
            loadClients.values().forEach(LoadClient::close);
            loadClients.clear();
            sink.stop(0);
            slowSink.stop(0);
            if (completed) { // kept after a failure: the server's log is there
                TestFiles.deleteTree(dataDir); // an H2 file of hundreds of megabytes after a full run
            }
        }
    }

    /**
     * A warm-up, then events per second from the first publish until the sink has them all; for
     * Herald ({@code server} present), also what those events cost its process ({@link ServerCost}).
     */
    private double throughput(URI api, String token, int perRequest, String what, Optional<HeraldProcess> server)
            throws Exception {
        received.set(0);
        publishConcurrently(api, token, options.warmUpEvents(), perRequest);
        awaitReceived(received, options.warmUpEvents(), Duration.ofMinutes(2));
        received.set(0);
        int events = options.throughputEvents();
        Optional<ServerCost> before =
                server.isPresent() ? Optional.of(ServerCost.read(http, server.get())) : Optional.empty();
        long started = System.nanoTime();
        publishConcurrently(api, token, events, perRequest);
        double acceptedSeconds = (System.nanoTime() - started) / 1e9;
        awaitReceived(received, events, Duration.ofMinutes(10));
        double deliveredSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "throughput, %s (%d per request): %d events accepted in %.1f s (%.0f/s), delivered in"
                        + " %.1f s: %.0f events/s%n",
                what,
                perRequest,
                events,
                acceptedSeconds,
                events / acceptedSeconds,
                deliveredSeconds,
                events / deliveredSeconds);
        if (before.isPresent()) {
            System.out.println(ServerCost.read(http, server.get()).since(before.get(), events));
        }
        return events / deliveredSeconds;
    }

    private static void printLatencies(int rate, int seconds, List<Long> latencies) {
        System.out.printf(
                "latency at %d events/s over %d s (publish due -> arrival at sink): p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n",
                rate, seconds, percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100));
    }

    /** One event to {@link Options#fanOut} subscriptions of a fresh tenant: seconds until the last arrives. */
    private double fanOut(URI api, String fanOutUrl) throws Exception {
        String token = field(post(api.resolve("tenants"), ADMIN, "{\"name\":\"fan-out\"}"), "token");
        for (int i = 0; i < options.fanOut(); i++) {
            post(
                    api.resolve("webhooks"),
                    token,
                    "{\"url\":\"" + fanOutUrl + "?s=" + i + "\",\"events\":[\"build.finished\"]}");
        }
        fanOutReceived.set(0);
        publish(api, token, 0);
        long accepted = System.nanoTime();
        awaitReceived(fanOutReceived, options.fanOut(), Duration.ofMinutes(2));
        double seconds = (System.nanoTime() - accepted) / 1e9;
        System.out.printf(
                "fan-out: one event to %d subscriptions, all delivered %.2f s after its 202 (goal: 2 s)%n",
                options.fanOut(), seconds);
        return seconds;
    }

    /**
     * Writes {@link Options#historyEvents} events of the benchmark's tenant, each with a
     * delivery and an attempt, straight into the stopped server's database, boots it again and
     * measures the single-publish throughput beside that history.
     */
    private double withHistory(Map<String, String> databaseEnv, Path dataDir, Map<String, String> env, Tenant tenant)
            throws Exception {
        long seeding = System.nanoTime();
        String url = databaseEnv.getOrDefault("HERALD_DB_URL", "jdbc:h2:file:" + dataDir.resolve("herald"));
        // Herald's embedded database has the user and password its configuration sets by default.
        try (Connection connection = DriverManager.getConnection(
                url,
                databaseEnv.getOrDefault("HERALD_DB_USER", "herald"),
                databaseEnv.getOrDefault("HERALD_DB_PASSWORD", "herald"))) {
            HistorySeed.write(connection, tenant.id(), tenant.subscriptionId(), options.historyEvents());
        }
        System.out.printf(
                "history: %d events with their deliveries and attempts written in %.0f s%n",
                options.historyEvents(), (System.nanoTime() - seeding) / 1e9);
        try (HeraldProcess server = HeraldProcess.start(dataDir, env, JVM_OPTIONS)) {
            double perSecond = throughput(
                    server.base().resolve("api/v1/"),
                    tenant.token(),
                    1,
                    "single publishes beside that history",
                    Optional.of(server));
            server.stop();
            return perSecond;
        }
    }
    /**
     * A fresh tenant's fast subscription, measured at a steady rate alone and then while a
     * second tenant's many subscriptions wait on an endpoint that answers slowly: answers the
     * two p99s in milliseconds.
     */
    private double[] noisyNeighbours(URI api, String sinkUrl, String slowUrl) throws Exception {
        String fast = newTenant(api, "fast", sinkUrl).token();
        String slow = field(post(api.resolve("tenants"), ADMIN, "{\"name\":\"slow\"}"), "token");
        for (int i = 0; i < options.neighbours(); i++) {
            post(
                    api.resolve("webhooks"),
                    slow,
                    "{\"url\":\"" + slowUrl + "?s=" + i + "\",\"events\":[\"build.finished\"],\"timeout\":30000}");
        }
        List<Long> alone = steadyLatencies(api, fast, options.neighbourRate(), options.neighbourSeconds());

        // Enough slow deliveries to keep the slow tenant's share busy through the whole measurement.
        int slowEvents = (int) Math.max(
                2, options.neighbourSeconds() * 1000L / options.slowAnswer().toMillis());
        for (int i = 0; i < slowEvents; i++) {
            publish(api, slow, i);
        }
        awaitReceived(slowReceived, 1, Duration.ofSeconds(30));
        List<Long> beside = steadyLatencies(api, fast, options.neighbourRate(), options.neighbourSeconds());
        int slowPending = slowEvents * options.neighbours() - slowReceived.get();
        double aloneP99 = percentile(alone, 99);
        double besideP99 = percentile(beside, 99);
        System.out.printf(
                "noisy neighbours: a fast subscription at %d events/s for %d s: p99 %.1f ms alone, "
                        + "%.1f ms beside %d subscriptions of another tenant to an endpoint answering in %d ms "
                        + "(%d of their %d deliveries still waiting): %+.1f ms (goal: within 50 ms)%n",
                options.neighbourRate(),
                options.neighbourSeconds(),
                aloneP99,
                besideP99,
                options.neighbours(),
                options.slowAnswer().toMillis(),
                slowPending,
                slowEvents * options.neighbours(),
                besideP99 - aloneP99);
        if (slowPending <= 0) {
            throw new IllegalStateException("The slow deliveries were all done before the measurement ended: "
                    + "the fast subscription was not measured beside them");
        }
        return new double[] {aloneP99, besideP99};
    }

    /**
     * A tenant publishing one event every 50 ms, timed from request to answer, alone and then
     * while another tenant keeps {@link Options#openPublishes} publishes open at once (each sent
     * again as soon as it is answered): answers the two p99s in milliseconds. Every publish of
     * either must be answered 202.
     */
    private double[] openPublishes(URI api) throws Exception {
        String steady = field(post(api.resolve("tenants"), ADMIN, "{\"name\":\"steady\"}"), "token");
        String flooding = field(post(api.resolve("tenants"), ADMIN, "{\"name\":\"flooding\"}"), "token");
        List<Long> alone = publishEvery50Ms(api, steady, options.openSeconds());

        // The flooding tenant's own client: a client's connections share one selector thread, and
        // the steady tenant's answers must not queue in the benchmark behind a thousand others.
        HttpClient floodClient =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Semaphore open = new Semaphore(options.openPublishes());
        AtomicBoolean flood = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread opener = new Thread(() -> {
            int i = 0;
            while (flood.get()) {
                try {
                    open.acquire();
                } catch (InterruptedException e) {
                    return;
                }
                floodClient
                        .sendAsync(
                                jsonPost(api.resolve("events"), flooding, eventBody(i++)),
                                HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, failure) -> {
                            if (failure != null || response.statusCode() != 202) {
                                refused.add(
                                        failure != null
                                                ? failure.toString()
                                                : response.statusCode() + " " + response.body());
                            } else {
                                answered.incrementAndGet();
                            }
                            open.release();
                        });
            }
        });
        opener.start();
        List<Long> beside;
        long started = System.nanoTime();
        try {
            await(
                    () -> answered.get() >= options.openPublishes(),
                    Duration.ofMinutes(2),
                    () -> "the flood's first answers");
            beside = publishEvery50Ms(api, steady, options.openSeconds());
        } finally {
            flood.set(false);
            opener.interrupt();
            opener.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!open.tryAcquire(options.openPublishes(), 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("The flooding tenant's open publishes were not all answered");
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException(
                    refused.size() + " of the flooding tenant's publishes failed: " + refused.get(0));
        }
        double aloneP99 = percentile(alone, 99);
        double besideP99 = percentile(beside, 99);
        System.out.printf(
                "open publishes: one every 50 ms for %d s, answered in p50 %.1f / p99 %.1f ms alone, "
                        + "p50 %.1f / p99 %.1f ms beside another tenant keeping %d publishes open "
                        + "(%d of theirs answered, %.0f/s) (no goal yet)%n",
                options.openSeconds(),
                percentile(alone, 50),
                aloneP99,
                percentile(beside, 50),
                besideP99,
                options.openPublishes(),
                answered.get(),
                answered.get() / seconds);
        return new double[] {aloneP99, besideP99};
    }

    /** Publishes one event every 50 ms (one at a time) for {@code seconds}: answers the times to answer, sorted. */
    private List<Long> publishEvery50Ms(URI api, String token, int seconds) throws Exception {
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
            long sent = System.nanoTime();
            publish(api, token, i);
            times.add(System.nanoTime() - sent);
            Thread.sleep(50);
        }
        times.sort(Long::compare);
        return times;
    }

    private static HttpRequest jsonPost(URI uri, String token, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static void await(
            java.util.function.BooleanSupplier condition, Duration atMost, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not within " + atMost + ": " + what.get());
            }
            Thread.sleep(20);
        }
    }

    /**
     * The same publishes through the hand-written {@link Ceiling}, on the database Herald used
     * (its own tables beside Herald's; on H2, a file of its own with the shipped URL's settings),
     * once Herald has stopped: delivered events per second, one event per request and then in
     * batches.
     */
    private double[] ceiling(Map<String, String> databaseEnv, Path dataDir, URI sink) throws Exception {
        String url = databaseEnv.getOrDefault("HERALD_DB_URL", ShippedDatabaseUrl.in(dataDir.resolve("ceiling")));
        try (Ceiling ceiling = new Ceiling(
                url,
                databaseEnv.getOrDefault("HERALD_DB_USER", "sa"),
                databaseEnv.getOrDefault("HERALD_DB_PASSWORD", ""),
                sink)) {
            return new double[] {
                throughput(ceiling.api(), "none", 1, "the ceiling, single publishes", Optional.empty()),
                throughput(ceiling.api(), "none", options.batchSize(), "the ceiling, batch publishes", Optional.empty())
            };
        }
    }

    /** A tenant with one subscription to the sink. */
    private record Tenant(String id, String token, String subscriptionId) {}

    private Tenant newTenant(URI api, String name, String sinkUrl) {
        String created = post(api.resolve("tenants"), ADMIN, "{\"name\":\"" + name + "\"}");
        String token = field(created, "token");
        String subscription =
                post(api.resolve("webhooks"), token, "{\"url\":\"" + sinkUrl + "\",\"events\":[\"build.finished\"]}");
        return new Tenant(field(created, "id"), token, field(subscription, "id"));
    }

    /** {@code count} events from 16 clients, {@code perRequest} in each request (a batch publish when more than one). */
    private void publishConcurrently(URI api, String token, int count, int perRequest) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                int first;
                while ((first = next.getAndAdd(perRequest)) < count) {
                    int size = Math.min(perRequest, count - first);
                    if (perRequest == 1) {
                        publish(api, token, first);
                    } else {
                        post(api.resolve("events/batch"), token, batchBody(first, size));
                    }
                }
            });
        }
        clients.shutdown();
        if (!clients.awaitTermination(30, TimeUnit.MINUTES)) {
            clients.shutdownNow();
            throw new IllegalStateException("Publishing " + count + " events took longer than 30 minutes");
        }
    }

    /** Publishes at a steady rate (each publish on a pool, so a slow answer does not slow the rate) and measures. */
    private List<Long> steadyLatencies(URI api, String token, int rate, int seconds) throws Exception {
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<String, Long> answered = new ConcurrentHashMap<>();
        Map<String, Long> appendedAfter = new ConcurrentHashMap<>();
        List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        var ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService publishers = Executors.newFixedThreadPool(32);
        AtomicInteger sent = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        int total = rate * seconds;
        long started = System.nanoTime();
        ticker.scheduleAtFixedRate(
                () -> {
                    int i = sent.incrementAndGet();
                    if (i <= total) {
                        // Timed from when the publish was due, not from its answer: a server that
                        // falls behind the rate shows it as latency instead of hiding it in a queue.
                        long due = System.nanoTime();
                        long dueMillis = System.currentTimeMillis();
                        publishers.execute(() -> {
                            try {
                                String event = post(api.resolve("events"), token, eventBody(i));
                                long answer = System.nanoTime();
                                String id = field(event, "id");
                                lastAnswer.accumulateAndGet(answer, Math::max);
                                answered.put(id, answer);
                                // The event's time is read as it is chained, in milliseconds.
                                appendedAfter.put(
                                        id,
                                        Instant.parse(field(event, "timestamp")).toEpochMilli() - dueMillis);
                                accepted.put(id, due);
                            } catch (RuntimeException e) {
                                failures.add(e);
                            }
                        });
                    }
                },
                0,
                1_000_000 / rate,
                TimeUnit.MICROSECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 60).toNanos();
        try {
            while ((accepted.size() + failures.size() < total
                            || !arrivals.keySet().containsAll(accepted.keySet()))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            ticker.shutdownNow();
            publishers.shutdownNow();
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
        System.out.printf(
                "  %d events due at %d/s over %d s were answered at %.0f/s; %s%n",
                total,
                rate,
                seconds,
                total / ((lastAnswer.get() - started) / 1e9),
                slowestSplit(started, accepted, appendedAfter, answered));
        return latencies;
    }

    /**
     * Where the slowest hundredth of a steady phase's events spent their time: until the event
     * was chained (its timestamp, read by Herald in milliseconds: the request's way in, its
     * turn, the chain head's lock), until the publish's answer (the commit, the way back), and
     * between the answer and the arrival at the sink (delivering); and when in the phase they
     * were due (a tail at its start is its first connections and threads, one spread over it
     * is the load's).
     */
    private String slowestSplit(
            long started, Map<String, Long> due, Map<String, Long> appendedAfter, Map<String, Long> answered) {
        List<String> slowest = due.keySet().stream()
                .sorted(Comparator.comparingLong((String id) -> arrivals.get(id) - due.get(id))
                        .reversed())
                .limit(Math.max(1, due.size() / 100))
                .toList();
        List<Long> toAppend = slowest.stream()
                .map(id -> Math.max(0, appendedAfter.get(id)) * 1_000_000)
                .sorted()
                .toList();
        List<Long> toAnswer = slowest.stream()
                .map(id -> answered.get(id) - due.get(id))
                .sorted()
                .toList();
        List<Long> afterAnswer = slowest.stream()
                .map(id -> Math.max(0, arrivals.get(id) - answered.get(id)))
                .sorted()
                .toList();
        List<Long> dueAt =
                slowest.stream().map(id -> due.get(id) - started).sorted().toList();
        return String.format(
                "the slowest %d (medians, maxima in brackets): chained after %.0f ms (%.0f), answered after"
                        + " %.1f ms (%.1f), arrived %.1f ms after the answer (%.1f); due %.2f to %.2f s into the"
                        + " phase",
                slowest.size(),
                percentile(toAppend, 50),
                percentile(toAppend, 100),
                percentile(toAnswer, 50),
                percentile(toAnswer, 100),
                percentile(afterAnswer, 50),
                percentile(afterAnswer, 100),
                percentile(dueAt, 0) / 1e3,
                percentile(dueAt, 100) / 1e3);
    }

    private String publish(URI api, String token, int i) {
        return field(post(api.resolve("events"), token, eventBody(i)), "id");
    }

    private static String eventBody(int i) {
        return "{\"type\":\"build.finished\",\"data\":{\"build_id\":\"b" + i + "\",\"status\":\"success\","
                + "\"pipeline\":\"bench\",\"commit\":\"0123456789abcdef0123456789abcdef01234567\"}}";
    }

    private static String batchBody(int first, int size) {
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = first; i < first + size; i++) {
            body.append(i == first ? "" : ",").append(eventBody(i));
        }
        return body.append("]}").toString();
    }

    private String post(URI uri, String token, String body) {
        try {
            LoadClient.Answer answer = loadClients
                    .computeIfAbsent(uri.getHost() + ":" + uri.getPort(), server -> new LoadClient(uri))
                    .post(uri, token, body);
            if (answer.status() >= 300) {
                throw new IllegalStateException(uri + " answered " + answer.status() + ": " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new IllegalStateException(uri + ": " + e.getMessage(), e);
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
        sink.createContext("/fanout", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                fanOutReceived.incrementAndGet();
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
        await(
                () -> counter.get() >= count,
                atMost,
                () -> "only " + counter.get() + " of " + count + " deliveries arrived");
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
