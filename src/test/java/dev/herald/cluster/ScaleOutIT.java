package dev.herald.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.it.HeraldProcess;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import dev.herald.it.Receiver.Reply;
import dev.herald.it.Receiver.Request;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Herald instances on one PostgreSQL database, as an operator runs them behind a load
 * balancer: publishes go to all of them, and the work, the limits and the revocations are
 * the deployment's, not each instance's; killing or restarting instances loses nothing. One
 * cluster serves every scenario in turn, to keep the suite short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final String ADMIN = "scale-out-admin-token-0123456789";
    private static final String SCHEMA = "herald_scaleout";
    private static final int NODES = 3;
    /** Delivery workers of each instance. */
    private static final int WORKERS = 32;
    /** Subjects of the ordered scenario: each subject's deliveries go one after another. */
    private static final int SUBJECTS = 100;
    /** Short, so that a killed instance's claims come free quickly (the shortest Herald allows). */
    private static final Duration LEASE = Duration.ofSeconds(10);
    /** Herald's default token cache: how long another instance may still accept a revoked token. */
    private static final Duration TOKEN_CACHE = Duration.ofSeconds(5);
    /** Generous: three instances, the receiver and the test share two cores that other work shares too. */
    private static final Duration WAIT = Duration.ofMinutes(5);

    @TempDir
    static Path dataDir;

    private final HeraldProcess[] nodes = new HeraldProcess[NODES];
    private Map<String, String> env;
    private Receiver receiver;
    private String tenantId;
    private String token;

    @BeforeAll
    void startThreeInstances() {
        assumeTrue(HeraldServer.onPostgres(), "instances share their work through PostgreSQL");
        env = new HashMap<>(HeraldServer.ownDatabase(SCHEMA));
        env.putAll(Map.of(
                "HERALD_ADMIN_TOKEN",
                ADMIN,
                "HERALD_DELIVERY_LEASE",
                LEASE.toString(),
                "HERALD_DELIVERY_POLL_INTERVAL",
                "PT0.2S",
                "HERALD_INSTANCE_HEARTBEAT",
                "PT2S",
                "HERALD_DELIVERY_ALLOWED_NETWORKS",
                "127.0.0.0/8",
                "HERALD_SUBSCRIPTION_VALIDATE",
                "false",
                // Fewer workers than the default 128: three instances share this machine's two
                // cores, and 32 each are plenty for the receiver here.
                "HERALD_DELIVERY_WORKERS",
                String.valueOf(WORKERS),
                // Every instance of a deployment has the key its secrets are sealed with.
                "HERALD_CRYPTO_KEY",
                Base64.getEncoder().encodeToString(new byte[32])));
        receiver = Receiver.start();
        // The first alone, so that one instance creates the schema while no other boots; then
        // the others side by side (on two cores about as long as one after another). Three
        // first boots at once on an empty schema left one instance unready for minutes, twice.
        nodes[0] = start(0);
        List<CompletableFuture<HeraldProcess>> starting = IntStream.range(1, NODES)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> start(i)))
                .toList();
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new))
                .exceptionally(failed -> null)
                .join();
        for (int i = 1; i < NODES; i++) {
            nodes[i] = starting.get(i - 1).getNow(null); // those that started, for stopAll to stop
        }
        for (CompletableFuture<HeraldProcess> node : starting) {
            node.join(); // now the first failure to start, if any
        }
        Response tenant = nodes[0].api(ADMIN).body("{\"name\":\"scale-out\"}").post("tenants");
        tenant.then().statusCode(201);
        tenantId = tenant.path("id");
        token = tenant.path("token");
        await().atMost(WAIT)
                .until(() -> nodes[0].log().contains("3 instance(s)")
                        || nodes[1].log().contains("3 instance(s)")
                        || nodes[2].log().contains("3 instance(s)"));
    }

    @AfterAll
    void stopAll() {
        for (HeraldProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    @Order(1)
    void eventsPublishedThroughAllInstancesAreEachDeliveredOnceInSubjectOrderWithEveryInstanceSending()
            throws Exception {
        String subscription = subscribe("/ordered", "\"ordering\":\"subject\"");
        int events = 1200; // twelve a subject, each waiting on the one before it
        // In batches (one request, one transaction each), batch b through instance b mod 3:
        // single publishes of one tenant take turns on its history's head across instances,
        // which the later scenarios exercise at a smaller count.
        publishInBatches(
                events,
                batch -> nodes[batch % NODES],
                i -> "{\"type\":\"build.finished\",\"subject\":\"s" + (i % SUBJECTS) + "\",\"data\":{\"build_id\":\"b"
                        + i + "\",\"status\":\"success\"}}");

        receiver.await(events, onPath("/ordered"), WAIT);
        // Nothing more arrives: a delivery sent twice would show here.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> receiver.requests(onPath("/ordered")).size() == events);
        List<Request> arrived = receiver.requests(onPath("/ordered"));
        assertEquals(events, arrived.size(), "each delivery sent once: " + duplicates(arrived));
        assertEquals(events, distinct(arrived).size());

        // Each subject's deliveries arrived in the order of its events in the tenant's history.
        Map<String, Long> sequenceOf = query("SELECT id, sequence FROM events", row -> row.getLong(2));
        Map<String, List<Long>> bySubject = new HashMap<>();
        for (Request request : arrived) {
            bySubject
                    .computeIfAbsent(field(request, "subject"), s -> new ArrayList<>())
                    .add(sequenceOf.get(field(request, "eventId")));
        }
        assertEquals(SUBJECTS, bySubject.size());
        bySubject.forEach((subject, sequences) -> assertEquals(
                sequences.stream().sorted().toList(), sequences, "subject " + subject + " arrived out of order"));

        Map<String, Long> byInstance = attemptsByInstance(subscription);
        assertEquals(
                List.of("node-1", "node-2", "node-3"),
                byInstance.keySet().stream().sorted().toList(),
                "every instance sent a share: " + byInstance);
        unsubscribe(subscription);
    }

    @Test
    @Order(2)
    void aBurstPublishedThroughOneInstanceIsSharedWithTheIdleOnesUnderOneEndpointCap() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        receiver.respond(request -> {
            if (request.path().equals("/burst")) {
                mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20); // a receiver that takes its time, so that a backlog forms
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            }
            return Reply.ok();
        });
        String subscription = subscribe("/burst", "\"ordering\":\"none\"");
        int events = 900;
        publishInBatches(
                events,
                batch -> nodes[0],
                i -> "{\"type\":\"build.finished\",\"data\":{\"build_id\":\"burst-" + i
                        + "\",\"status\":\"success\"}}");

        List<Request> arrived = receiver.await(events, onPath("/burst"), WAIT);
        assertEquals(events, distinct(arrived).size());
        assertEquals(events, arrived.size(), "each delivery sent once: " + duplicates(arrived));
        Map<String, Long> byInstance = attemptsByInstance(subscription);
        assertTrue(
                byInstance.getOrDefault("node-2", 0L) > 0 && byInstance.getOrDefault("node-3", 0L) > 0,
                "the instances that took no publish took work the busy one gave back: " + byInstance);
        assertTrue(
                mostAtOnce.get() <= 16,
                "the endpoint cap (16) is the deployment's, not each instance's: " + mostAtOnce.get()
                        + " requests at once");
        receiver.respond(request -> Reply.ok());
        unsubscribe(subscription);
    }

    @Test
    @Order(3)
    void aRateLimitAQuotaAndABackfillsOrderHoldAcrossAllInstances() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String rated = subscribe("/rated", "\"options\":{\"rateLimit\":20}");
        String quota = subscribe("/quota", "\"options\":{\"quota\":{\"limit\":50,\"period\":\"PT1H\"}}");
        int events = 200;
        IntFunction<String> event =
                i -> "{\"type\":\"build.finished\",\"data\":{\"build_id\":\"rated-" + i + "\",\"status\":\"success\"}}";
        // Half the quota through one instance, and once it has gone, the rest through the others in two
        // batches: the quota must then count both sides' deliveries, and the rate alone spaces them all.
        publishInBatches(0, 25, batch -> nodes[0], event);
        receiver.await(25, onPath("/quota"), WAIT);
        publishInBatches(25, events, batch -> nodes[1 + batch % (NODES - 1)], event);

        List<Instant> times = receiver.await(events, onPath("/rated"), WAIT).stream()
                .map(Request::at)
                .sorted()
                .toList();
        // The first second's worth goes at once (the bucket starts full); after it, the rate.
        int burst = 20;
        double perSecond = (times.size() - 1 - burst)
                / (Duration.between(times.get(burst), times.get(times.size() - 1))
                                .toMillis()
                        / 1000.0);
        assertTrue(perSecond >= 15 && perSecond <= 25, "20/s across three instances, measured " + perSecond + "/s");
        assertTrue(attemptsByInstance(rated).size() >= 2, "more than one instance sent the rated deliveries");

        // By now the quota's deliveries have long been tried: 50 went, whichever instance sent them.
        assertEquals(50, receiver.requests(onPath("/quota")).size());
        assertEquals(50, (int) nodes[1].api(token)
                .get("webhooks/" + quota)
                .then()
                .statusCode(200)
                .extract()
                .path("usage.used"));
        assertTrue(
                attemptsByInstance(quota).size() >= 2,
                "the quota counted every instance's deliveries: " + attemptsByInstance(quota));
        unsubscribe(rated);
        unsubscribe(quota);

        // A subscription made now gets those 200 events as a backfill: one queue, oldest first,
        // whichever instances take its deliveries up one after another.
        String late = subscribe("/backfill", "\"ordering\":\"none\"");
        nodes[2].api(token)
                .body("{\"since\":\"" + before + "\"}")
                .post("webhooks/" + late + "/backfill")
                .then()
                .statusCode(202)
                .body("scheduled", org.hamcrest.Matchers.equalTo(events));
        Map<String, Long> sequenceOf = query("SELECT id, sequence FROM events", row -> row.getLong(2));
        List<Long> backfilled = receiver.await(events, onPath("/backfill"), WAIT).stream()
                .map(request -> sequenceOf.get(field(request, "eventId")))
                .toList();
        assertEquals(events, Set.copyOf(backfilled).size(), "each event once");
        assertEquals(backfilled.stream().sorted().toList(), backfilled, "oldest first");
        unsubscribe(late);
    }

    @Test
    @Order(4)
    void aTokenRevokedOnOneInstanceIsRefusedByTheOthersWithinTheTokenCache() {
        Response issued = nodes[0].api(ADMIN)
                .body("{\"actor\":\"ci\",\"scopes\":[\"read\"]}")
                .post("tenants/" + tenantId + "/tokens");
        issued.then().statusCode(201);
        String readToken = issued.path("token");
        for (HeraldProcess node : nodes) {
            node.api(readToken).get("events").then().statusCode(200); // remembered now on every instance
        }
        nodes[0].api(ADMIN)
                .delete("tenants/" + tenantId + "/tokens/" + issued.path("id"))
                .then()
                .statusCode(204);
        Instant revoked = Instant.now();
        nodes[0].api(readToken).get("events").then().statusCode(401);
        for (HeraldProcess node : List.of(nodes[1], nodes[2])) {
            await().atMost(TOKEN_CACHE.plusSeconds(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> node.api(readToken).get("events").statusCode() == 401);
        }
        Duration took = Duration.between(revoked, Instant.now());
        assertTrue(took.compareTo(TOKEN_CACHE.plusSeconds(2)) <= 0, "refused everywhere after " + took);
    }

    @Test
    @Order(5)
    void eachInstanceCountsTheOthersAndNamesItselfInItsMetrics() {
        for (int i = 0; i < NODES; i++) {
            String name = "herald_instance=\"node-" + (i + 1) + "\"";
            String metrics = io.restassured.RestAssured.given()
                    .baseUri(nodes[i].base().toString())
                    .get("metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertTrue(
                    metrics.lines()
                            .anyMatch(line -> line.startsWith("instances_live{")
                                    && line.contains(name)
                                    && line.matches(".*\\} 3(\\.0)?$")),
                    name + " counts three instances: "
                            + metrics.lines()
                                    .filter(line -> line.startsWith("instances_live"))
                                    .toList());
        }
    }

    @Test
    @Order(6)
    void aKilledInstanceLosesNothingAndAnInstanceStartedLateTakesWork() throws Exception {
        receiver.respond(
                request -> request.path().equals("/kill") ? Reply.ok().after(Duration.ofMillis(30)) : Reply.ok());
        String subscription = subscribe("/kill", "\"ordering\":\"none\"");
        int events = 1500;
        AtomicInteger accepted = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        Instant[] killedAt = new Instant[1];
        publish(
                events,
                8,
                i -> "{\"type\":\"build.finished\",\"data\":{\"build_id\":\"kill-" + i
                        + "\",\"status\":\"success\"},\"idempotencyKey\":\"kill-" + i + "\"}",
                () -> {
                    if (accepted.incrementAndGet() == events / 3 && killed.compareAndSet(false, true)) {
                        nodes[1].kill();
                        killedAt[0] = Instant.now();
                    }
                });
        assertTrue(killed.get());
        Instant published = Instant.now();

        await().atMost(LEASE.plus(WAIT))
                .until(() -> distinct(receiver.requests(onPath("/kill"))).size() >= events);
        List<Request> arrived = receiver.requests(onPath("/kill"));
        Map<String, List<Request>> byDelivery =
                arrived.stream().collect(Collectors.groupingBy(r -> r.header("webhook-id")));
        assertEquals(events, byDelivery.size(), "no delivery lost");
        // A duplicate is a delivery the killed instance had sent but not yet recorded.
        List<String> twice = byDelivery.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .toList();
        for (String id : twice) {
            assertTrue(byDelivery.get(id).get(0).at().isBefore(killedAt[0]), id + " was first sent after the kill");
        }
        assertTrue(
                twice.size() <= WORKERS,
                "duplicates bounded by what one instance has in flight (its " + WORKERS + " workers): " + twice.size());
        Instant last = arrived.stream().map(Request::at).max(Instant::compareTo).orElseThrow();
        assertTrue(
                Duration.between(published, last).compareTo(LEASE.plusSeconds(30)) <= 0,
                "the killed instance's claims were taken over within the lease: the last arrived "
                        + Duration.between(published, last) + " after the last publish");

        // The killed instance comes back; the others keep running, and it gets its share.
        nodes[1] = start(1);
        Instant restarted = Instant.now();
        int more = 600;
        publishInBatches(
                more,
                batch -> nodes[0],
                i -> "{\"type\":\"build.finished\",\"data\":{\"build_id\":\"late-" + i + "\",\"status\":\"success\"}}");
        await().atMost(WAIT)
                .until(() -> distinct(receiver.requests(onPath("/kill"))).size() >= events + more);
        Map<String, Long> since = attemptsByInstance(subscription, restarted);
        assertTrue(since.getOrDefault("node-2", 0L) > 0, "the restarted instance took work: " + since);
        receiver.respond(request -> Reply.ok());
        unsubscribe(subscription);
    }

    @Test
    @Order(7)
    void aRollingRestartUnderLoadLosesNothing() throws Exception {
        String subscription = subscribe("/rolling", "\"ordering\":\"none\"");
        AtomicInteger next = new AtomicInteger();
        List<String> acceptedKeys = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> publishFailed = new AtomicReference<>();
        // A steady 20 events a second: load on every step, and CPU left for the restarting instance.
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        publisher.scheduleAtFixedRate(
                () -> {
                    int i = next.getAndIncrement();
                    String key = "rolling-" + i;
                    try {
                        publishOne(
                                i,
                                "{\"type\":\"build.finished\",\"data\":{\"build_id\":\"" + key
                                        + "\",\"status\":\"success\"},\"idempotencyKey\":\"" + key + "\"}");
                        acceptedKeys.add(key);
                    } catch (Throwable e) {
                        publishFailed.compareAndSet(null, e);
                        throw e;
                    }
                },
                0,
                50,
                TimeUnit.MILLISECONDS);
        // The two instances that have run since the class began, one after the other: node-2 was
        // replaced after its kill (the scenario before), so by the end no instance of the first
        // boot is left, and a third restart would take the same path again (a boot, half a minute).
        for (int i : new int[] {0, 2}) {
            int before = acceptedKeys.size();
            await().atMost(WAIT).until(() -> acceptedKeys.size() >= before + 50); // load on every step
            nodes[i].stop();
            nodes[i] = start(i);
        }
        int afterRestarts = acceptedKeys.size();
        await().atMost(WAIT).until(() -> acceptedKeys.size() >= afterRestarts + 50);
        publisher.shutdown();
        assertTrue(publisher.awaitTermination(2, TimeUnit.MINUTES));
        assertEquals(null, publishFailed.get(), "every publish was accepted by an instance that was up");

        int accepted = acceptedKeys.size();
        List<Request> arrived = receiver.await(accepted, onPath("/rolling"), WAIT);
        await().atMost(WAIT)
                .until(() -> distinct(receiver.requests(onPath("/rolling"))).size() >= accepted);
        assertEquals(
                Set.copyOf(acceptedKeys),
                receiver.requests(onPath("/rolling")).stream()
                        .map(r -> field(r, "data.build_id"))
                        .collect(Collectors.toSet()),
                "every accepted event delivered");
        assertTrue(arrived.size() >= accepted);
        unsubscribe(subscription);
    }

    // --- the cluster ---------------------------------------------------------------------------

    private HeraldProcess start(int node) {
        Map<String, String> own = new HashMap<>(env);
        own.put("HERALD_INSTANCE_ID", "node-" + (node + 1));
        return HeraldProcess.start(dataDir.resolve("node-" + (node + 1)), own);
    }

    /**
     * Publishes {@code count} events from {@code threads} clients, event i through instance
     * i mod 3, as a round-robin load balancer would; a publish an instance cannot take (it is
     * down) goes to the next one with the same idempotency key, as a client retries.
     */
    private void publish(int count, int threads, IntFunction<String> body, Runnable afterEach) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    publishOne(i, body.apply(i));
                    afterEach.run();
                }
                return null;
            }));
        }
        for (var client : running) {
            client.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        clients.shutdown();
    }

    /** Publishes {@code count} events in batches of 100, batch b through {@code via.apply(b)}. */
    private void publishInBatches(int count, IntFunction<HeraldProcess> via, IntFunction<String> event) {
        publishInBatches(0, count, via, event);
    }

    /** Events {@code from} to {@code to} (exclusive) in batches of 100, the n-th batch through {@code via(n)}. */
    private void publishInBatches(int from, int to, IntFunction<HeraldProcess> via, IntFunction<String> event) {
        for (int first = from; first < to; first += 100) {
            StringBuilder batch = new StringBuilder("{\"events\":[");
            for (int i = first; i < Math.min(to, first + 100); i++) {
                batch.append(i == first ? "" : ",").append(event.apply(i));
            }
            via.apply((first - from) / 100)
                    .api(token)
                    .body(batch.append("]}").toString())
                    .post("events/batch")
                    .then()
                    .statusCode(202);
        }
    }

    private void publishOne(int i, String body) {
        AssertionError last = null;
        for (int tried = 0; tried < NODES * 20; tried++) {
            HeraldProcess node = nodes[(i + tried) % NODES];
            try {
                int status = node.api(token).body(body).post("events").statusCode();
                if (status == 202) {
                    return;
                }
                last = new AssertionError("publish " + i + " answered " + status);
            } catch (Exception down) { // connection refused (thrown unchecked by REST Assured): it is down
                last = new AssertionError("publish " + i + " failed: " + down);
            }
            if (tried % NODES == NODES - 1) {
                // Every instance refused: go on once one of them says it is ready again.
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(this::anyInstanceReady);
            }
        }
        throw last;
    }

    private boolean anyInstanceReady() {
        for (HeraldProcess node : nodes) {
            try {
                if (io.restassured.RestAssured.given()
                                .baseUri(node.base().toString())
                                .get("health/ready")
                                .statusCode()
                        == 200) {
                    return true;
                }
            } catch (Exception down) { // connection refused: that one is not back yet
            }
        }
        return false;
    }

    private String subscribe(String path, String fields) {
        return nodes[0].api(token)
                .body("{\"url\":\"" + receiver.url(path) + "\",\"events\":[\"build.finished\"]," + fields + "}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private void unsubscribe(String subscription) {
        nodes[2].api(token).delete("webhooks/" + subscription).then().statusCode(204);
    }

    private Map<String, Long> attemptsByInstance(String subscription) throws SQLException {
        return attemptsByInstance(subscription, Instant.EPOCH);
    }

    /** Attempts of the subscription's deliveries made after {@code since}, by the instance that made them. */
    private Map<String, Long> attemptsByInstance(String subscription, Instant since) throws SQLException {
        return query(
                "SELECT a.instance_id, COUNT(*) FROM delivery_attempts a JOIN deliveries d"
                        + " ON d.id = a.delivery_id WHERE d.subscription_id = '" + subscription + "'"
                        + " AND a.created_at > TIMESTAMP WITH TIME ZONE '" + since + "' GROUP BY a.instance_id",
                row -> row.getLong(2));
    }

    private interface Column<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** First column as the key, {@code value} of each row as its value, read straight from the shared schema. */
    private <T> Map<String, T> query(String sql, Column<T> value) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        env.get("HERALD_DB_URL"), env.get("HERALD_DB_USER"), env.get("HERALD_DB_PASSWORD"));
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            Map<String, T> result = new HashMap<>();
            while (rows.next()) {
                result.put(rows.getString(1), value.read(rows));
            }
            return result;
        }
    }

    private static Predicate<Request> onPath(String path) {
        return request -> request.path().equals(path);
    }

    private static Set<String> distinct(List<Request> requests) {
        return requests.stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }

    private static Map<String, Long> duplicates(List<Request> requests) {
        return requests.stream()
                .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()))
                .entrySet()
                .stream()
                .filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String field(Request request, String path) {
        return JsonPath.from(request.body()).getString(path);
    }
}
