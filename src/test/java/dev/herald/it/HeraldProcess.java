package dev.herald.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Herald as an operator runs it: the built WAR on Payara Micro in a process of its own, for
 * the tests that stop, kill and restart the server.
 */
public final class HeraldProcess implements AutoCloseable {

    /** A boot takes 15 to 30 s here; several at once on a busy host, minutes. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);
    /** How long after Payara has booted Herald may take to answer ready (its migrations, a busy host). */
    private static final Duration DEPLOYED_WITHIN = Duration.ofSeconds(90);

    /**
     * The server JVM's options as the README's run command and the Docker image give them
     * ({@code herald.jvm.options} in pom.xml): the servers under test run as users run them, and
     * on two cores they boot faster with the first JIT tier only.
     */
    public static final List<String> RUN_OPTIONS =
            List.of(System.getProperty("herald.jvmOptions").split(" "));

    /**
     * {@code env} with the request-body limits at their defaults (1 MiB, and 8 MiB a batch): the
     * suite's shared server runs with small ones, which the servers started here would inherit.
     */
    public static Map<String, String> withDefaultBodyLimits(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>(env);
        merged.put("HERALD_MAX_BODY_BYTES", "1048576");
        merged.put("HERALD_MAX_BATCH_BODY_BYTES", "8388608");
        return merged;
    }

    private final Process process;
    private final URI base;
    private final Path log;

    private HeraldProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts Herald on a free port with its data (H2 file, key file) in {@code dataDir}, the
     * test's environment cleared of database settings, and {@code env} added; waits until ready.
     */
    public static HeraldProcess start(Path dataDir, Map<String, String> env) {
        return start(dataDir, env, RUN_OPTIONS);
    }

    /** As {@link #start(Path, Map)}, with these options for the server's JVM (its heap settings). */
    public static HeraldProcess start(Path dataDir, Map<String, String> env, List<String> jvmOptions) {
        return start(dataDir, env, jvmOptions, List.of());
    }

    /** As {@link #start(Path, Map, List)}, with more Payara Micro options (its log format). */
    public static HeraldProcess start(
            Path dataDir, Map<String, String> env, List<String> jvmOptions, List<String> payaraOptions) {
        try {
            Files.createDirectories(dataDir);
            int port = freePort();
            Path log = dataDir.resolve("server-" + System.nanoTime() + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of(
                    "-jar",
                    System.getProperty("payara.microJar"),
                    "--deploy",
                    System.getProperty("herald.war"),
                    "--contextroot",
                    "/",
                    "--port",
                    String.valueOf(port),
                    "--nocluster",
                    "--prebootcommandfile",
                    serverConfig("pre-boot-commands.asadmin"),
                    // A fresh runtime folder: one kept from the last run redeploys its old copy first.
                    "--rootdir",
                    dataDir.resolve("payara-" + System.nanoTime()).toString()));
            command.addAll(payaraOptions);
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // Single sign-on is the shared server's, whose test provider these servers do not reach. Its
            // event retention (PruningSpec's) would prune a fixture's history once it is a day old, and its
            // 12 s to disable a failing subscription (the lifecycle spec's) would disable one that an
            // outage or a kill keeps failing for longer, when the test means to see it recover.
            builder.environment()
                    .keySet()
                    .removeIf(name -> name.startsWith("HERALD_DB_")
                            || name.startsWith("HERALD_CONSOLE_OIDC_")
                            || name.startsWith("HERALD_RETENTION_")
                            || name.equals("HERALD_SUBSCRIPTION_DISABLE_AFTER"));
            builder.environment().put("HERALD_DATA_DIR", dataDir.toString());
            builder.environment().put("HERALD_PUBLIC_URL", "http://localhost:" + port + "/");
            builder.environment().putAll(env);
            HeraldProcess server =
                    new HeraldProcess(builder.start(), URI.create("http://localhost:" + port + "/"), log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Payara Micro", e);
        }
    }

    private void awaitReady() {
        try {
            awaitReadyOrTimeOut();
        } catch (ConditionTimeoutException | TerminalFailureException notReady) {
            process.destroyForcibly(); // not left running, without its test, when its directory is gone
            throw new AssertionError(
                    notReady.getMessage() + " (waited at most " + READY_WITHIN + "); the end of its log:\n" + logTail(),
                    notReady);
        }
    }

    private String logTail() {
        String text = log();
        return text.substring(Math.max(0, text.length() - 6_000));
    }

    /**
     * Waits for Herald's readiness, and gives up early when the process has exited, or when
     * Payara has finished booting (it logs "ready in" after deploying, or failing to deploy,
     * the WAR) and Herald is still not ready {@link #DEPLOYED_WITHIN} later: one CI run's server
     * failed Payara's resource validation at deployment and then sat there, alive and empty,
     * until the benchmark's watchdog ended the whole test JVM.
     */
    private void awaitReadyOrTimeOut() {
        long[] bootedAt = {0};
        await().atMost(READY_WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .failFast("Herald exited while starting, or Payara booted without deploying it", () -> {
                    if (!process.isAlive()) {
                        return true;
                    }
                    if (bootedAt[0] == 0 && log().contains("ready in")) {
                        bootedAt[0] = System.nanoTime();
                    }
                    return bootedAt[0] != 0 && System.nanoTime() - bootedAt[0] > DEPLOYED_WITHIN.toNanos();
                })
                .ignoreExceptions()
                .until(() -> {
                    // Payara answers readiness UP before the WAR is deployed; Herald's database check shows it is.
                    var ready = given().baseUri(base.toString()).get("health/ready");
                    return ready.statusCode() == 200 && ready.asString().contains("\"database\"");
                });
    }

    public URI base() {
        return base;
    }

    /** A request to this server's API with a bearer token. */
    public RequestSpecification api(String token) {
        return given().baseUri(base.toString())
                .basePath("api/v1")
                .contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }

    /** Creates a tenant with the admin token; answers its first token. */
    public String newTenant(String adminToken, String name) {
        return api(adminToken)
                .body("{\"name\":\"" + name + "\"}")
                .post("tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    /** The server process's resident memory in MiB, from Linux's /proc; -1 where there is none. */
    public long residentMemoryMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The CPU time the server's process has used so far, every thread, user and system. */
    public Duration cpuTime() {
        return process.info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("This platform does not tell a process's CPU time"));
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clean shutdown (SIGTERM), as an operator's stop does. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The path of a file in the project's server-config folder. */
    public static String serverConfig(String file) {
        return Path.of(System.getProperty("herald.serverConfig"), file).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
