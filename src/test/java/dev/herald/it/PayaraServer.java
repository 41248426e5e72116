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

    private final Path domainDir;
    private final Path log;
    private final int portBase;
    private boolean started;

    private PayaraServer(Path domainDir, int portBase) {
        this.domainDir = domainDir;
        this.log = domainDir.resolve("asadmin.log");
        this.portBase = portBase;
    }

    /** Creates a domain in {@code domainDir} on free ports and starts it. */
    public static PayaraServer start(Path domainDir) {
        try {
            Files.createDirectories(domainDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PayaraServer server = new PayaraServer(domainDir, freePortBase());
        server.asadmin(
                "create-domain",
                "--nopassword",
                "--portbase",
                String.valueOf(server.portBase),
                "--domaindir",
                domainDir.toString(),
                DOMAIN);
        server.asadmin("start-domain", "--domaindir", domainDir.toString(), DOMAIN);
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
        asadmin(words.toArray(String[]::new));
    }

    private void asadmin(String... arguments) {
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
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("asadmin " + String.join(" ", arguments) + " did not finish; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("asadmin " + String.join(" ", arguments) + " failed: " + Files.readString(log)
                        + "\nServer log: " + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run asadmin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running asadmin", e);
        }
    }

    private static int freePortBase() {
        for (int tries = 0; tries < 50; tries++) {
            int base = 100 * ThreadLocalRandom.current().nextInt(200, 550);
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

    @Override
    public void close() {
        if (started) {
            started = false;
            asadmin("stop-domain", "--domaindir", domainDir.toString(), DOMAIN);
        }
    }
}
