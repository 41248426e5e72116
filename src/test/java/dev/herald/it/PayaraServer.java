package dev.herald.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A domain of the full Payara Server (the distribution the build unpacks), driven by
 * {@code asadmin} as docs/deploying.md tells an operator to: created in a folder of the
 * test's own on free ports, started, configured, deployed to, stopped. Every command is
 * bounded, so a stuck server fails the test instead of hanging the build.
 */
public final class PayaraServer implements AutoCloseable {

    private static final String DOMAIN = "herald";
    /** The ports create-domain takes from a port base: admin, HTTP, HTTPS, IIOP, JMS, JMX, debug, OSGi, Hazelcast. */
    private static final int[] PORT_OFFSETS = {48, 80, 81, 37, 38, 39, 76, 86, 66, 9, 49, 59};

    private static final long COMMAND_TIMEOUT_SECONDS = 300;
    private static final long START_TIMEOUT_SECONDS = 180;
    private static final int LOG_TAIL_LINES = 40;

    private final Path domainDir;
    private final Path log;
    private final int portBase;
    private boolean started;

    private PayaraServer(Path domainDir, int portBase) {
        this.domainDir = domainDir;
        this.log = domainDir.resolve("asadmin.log");
        this.portBase = portBase;
    }

    /**
     * Creates a domain in {@code domainDir} on free ports and starts it. A start that fails or
     * does not finish is tried once more, in a new domain on other ports, after its logs are
     * printed: one CI run saw {@code start-domain} not finish in 300 s, where it takes 20 to
     * 40 s, and left no log to say why (what this test checks is Herald on the server, not the
     * server's own boot).
     */
    public static PayaraServer start(Path domainDir) {
        try {
            return startIn(domainDir.resolve("first"));
        } catch (AssertionError first) {
            System.err.println("Payara Server did not start, trying once more in a new domain: " + first.getMessage());
            return startIn(domainDir.resolve("second"));
        }
    }

    private static PayaraServer startIn(Path domainDir) {
        try {
            Files.createDirectories(domainDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PayaraServer server = new PayaraServer(domainDir, freePortBase());
        server.asadmin(
                COMMAND_TIMEOUT_SECONDS,
                "create-domain",
                "--nopassword",
                "--portbase",
                String.valueOf(server.portBase),
                "--domaindir",
                domainDir.toString(),
                DOMAIN);
        try {
            // asadmin's own bound comes first, so that it says what it was waiting for.
            server.asadmin(
                    START_TIMEOUT_SECONDS + 30,
                    "start-domain",
                    "--timeout",
                    String.valueOf(START_TIMEOUT_SECONDS),
                    "--domaindir",
                    domainDir.toString(),
                    DOMAIN);
        } catch (AssertionError e) {
            server.kill();
            throw e;
        }
        server.started = true;
        return server;
    }

    public URI base() {
        return URI.create("http://localhost:" + (portBase + 80) + "/");
    }

    /** A MicroProfile Config property in the domain's config source, as an operator sets one. */
    public void setConfig(String name, String value) {
        admin("set-config-property", "--source", "domain", "--propertyName", name, "--propertyValue", value);
    }

    /** Deploys a WAR at the root context, as the README's run does on Payara Micro. */
    public void deploy(Path war, String name) {
        admin("deploy", "--contextroot", "/", "--name", name, war.toString());
    }

    /** server.log as JSON lines, as docs/operations.md ("Logs") tells an operator of Payara Server. */
    public void logAsJson() {
        admin("set-log-file-format", "fish.payara.enterprise.server.logging.JSONLogFormatter");
    }

    /** The domain's server log. */
    public Path serverLog() {
        return domainDir.resolve(DOMAIN).resolve("logs").resolve("server.log");
    }

    private void admin(String command, String... arguments) {
        List<String> words = new ArrayList<>(List.of("--port", String.valueOf(portBase + 48), command));
        words.addAll(List.of(arguments));
        asadmin(COMMAND_TIMEOUT_SECONDS, words.toArray(String[]::new));
    }

    private void asadmin(long timeoutSeconds, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("payara.serverHome"), "bin", "asadmin")
                .toString());
        command.add("--interactive=false");
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The server takes its settings from the domain alone: the shared test server's HERALD_*
        // variables would otherwise outrank them (environment variables have the higher ordinal).
        builder.environment().keySet().removeIf(name -> name.startsWith("HERALD_"));
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        try {
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("asadmin " + String.join(" ", arguments) + " did not finish in "
                        + timeoutSeconds + " s" + logTails());
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("asadmin " + String.join(" ", arguments) + " failed" + logTails());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run asadmin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running asadmin", e);
        }
    }

    /** The last lines of asadmin's output and of the server's log, for a failure's message. */
    private String logTails() {
        return "\n--- " + log + ":\n" + tail(log) + "\n--- " + serverLog() + ":\n" + tail(serverLog());
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(not readable: " + e + ")";
        }
    }

    /**
     * A base whose ports all lie below Linux's ephemeral range (32768 and up), so that no
     * outgoing connection of this machine can take one between this check and the server's bind.
     */
    private static int freePortBase() {
        for (int tries = 0; tries < 50; tries++) {
            int base = 100 * ThreadLocalRandom.current().nextInt(200, 326);
            if (allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("No free port base for a Payara Server domain");
    }

    private static boolean allFree(int base) {
        for (int offset : PORT_OFFSETS) {
            try (ServerSocket socket = new ServerSocket(base + offset)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ends whatever a failed start left running, so that it holds no ports or memory. Not by
     * {@code stop-domain --kill}: that finds the server by the pid file a server that never
     * answered has not written yet.
     */
    private void kill() {
        String instanceRoot = domainDir.resolve(DOMAIN).toString();
        ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .commandLine()
                        .filter(line -> line.contains(instanceRoot))
                        .isPresent())
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        if (started) {
            started = false;
            asadmin(COMMAND_TIMEOUT_SECONDS, "stop-domain", "--domaindir", domainDir.toString(), DOMAIN);
        }
    }
}
