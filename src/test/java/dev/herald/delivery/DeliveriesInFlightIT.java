package dev.herald.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.HeraldProcess;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four tenants publish events of 1 MiB to 32 subscriptions each (all their places in flight,
 * all the workers), whose receivers take each delivery and answer with the longest head allowed
 * and then nothing, on a server with the README's heap. Until 2026-12-07 one such tenant's four
 * events ran the heap out (each delivery kept a copy of its payload: 32 MiB written in one
 * transaction), H2's file was left unreadable, and every tenant got a {@code 500} or a
 * {@code 503} until it was restored; four tenants' deliveries in flight ran it out again once
 * that was fixed. Now large payloads are rendered from their event and weighed in flight: a
 * quiet tenant's deliveries arrive, its calls answer, the heap never runs out. H2's run of the
 * suite only: the failure is the same on both databases, and the embedded one is where it is fatal.
 */
class DeliveriesInFlightIT {

    private static final String ADMIN = "in-flight-admin-token-0123456789";
    private static final int HOSTILE_TENANTS = 4;
    /** Two origins of 16 places each: a tenant's 32 places in flight. */
    private static final int ORIGINS = 2;

    private static final int SUBSCRIPTIONS_AN_ORIGIN = 16;
    private static final int EVENTS = 4;
    /** Within the default largest body (1 MiB) with the event's own fields. */
    private static final int EVENT_BYTES = 1024 * 1024 - 4096;
    /**
     * Large payloads the README's heap sends at once: its sending room holds some ten of 1 MiB
     * (two or three of one tenant's). Without it, all 128 workers would hold one.
     */
    private static final int SENT_AT_ONCE_AT_MOST = 12;

    @TempDir
    Path dataDir;

    @Test
    void largeDeliveriesToReceiversThatNeverAnswerCostTheirTenantsNotTheHeap() throws Exception {
        Assumptions.assumeFalse(HeraldServer.onPostgres(), "the H2 run of the suite");
        Map<String, String> env = HeraldProcess.withDefaultBodyLimits(Map.of(
                "HERALD_ADMIN_TOKEN", ADMIN,
                "HERALD_SUBSCRIPTION_VALIDATE", "false",
                "HERALD_DELIVERY_ALLOWED_NETWORKS", "127.0.0.0/8"));
        List<SilentReceiver> receivers = new ArrayList<>();
        try (Receiver quietReceiver = Receiver.start();
                HeraldProcess herald = HeraldProcess.start(dataDir, env)) {
            SilentReceiver.Count holding = new SilentReceiver.Count();
            for (int tenant = 0; tenant < HOSTILE_TENANTS; tenant++) {
                String token = herald.newTenant(ADMIN, "hostile-" + tenant);
                for (int origin = 0; origin < ORIGINS; origin++) {
                    SilentReceiver receiver = new SilentReceiver(holding);
                    receivers.add(receiver);
                    for (int i = 0; i < SUBSCRIPTIONS_AN_ORIGIN; i++) {
                        subscribe(herald, token, receiver.url() + "/hooks/" + i);
                    }
                }
                for (int event = 0; event < EVENTS; event++) {
                    publish(herald, token, largeEvent(tenant * EVENTS + event));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> holding.now() >= HOSTILE_TENANTS);

            String quiet = herald.newTenant(ADMIN, "quiet");
            subscribe(herald, quiet, quietReceiver.url("/hooks"));
            for (int i = 0; i < 20; i++) {
                publish(herald, quiet, "{\"type\":\"build.finished\",\"data\":{\"n\":" + i + "}}");
            }
            quietReceiver.await(20, Duration.ofSeconds(60));
            herald.api(quiet).get("events?pageSize=5").then().statusCode(200);

            assertTrue(
                    holding.most() <= SENT_AT_ONCE_AT_MOST,
                    "large deliveries held at once: " + holding.most() + ", the sending room holds about ten");
            assertFalse(herald.log().contains("OutOfMemoryError"), "the heap never ran out");
        } finally {
            receivers.forEach(SilentReceiver::close);
        }
    }

    private static String largeEvent(int salt) {
        String head = "{\"type\":\"build.finished\",\"data\":{\"n\":" + salt + ",\"log\":\"";
        return head + "x".repeat(EVENT_BYTES - head.length() - 3) + "\"}}";
    }

    private static void subscribe(HeraldProcess herald, String token, String url) {
        herald.api(token)
                .body("{\"url\":\"" + url + "\",\"events\":[\"build.finished\"],\"timeout\":120000}")
                .post("webhooks")
                .then()
                .statusCode(201);
    }

    private static void publish(HeraldProcess herald, String token, String body) {
        herald.api(token).body(body).post("events").then().statusCode(202);
    }

    /**
     * A receiver that reads each request whole, answers with a head just within the longest
     * allowed (64 Ki characters) that promises a body, and then sends nothing until Herald gives
     * up and closes the connection.
     */
    static final class SilentReceiver implements AutoCloseable {

        private static final byte[] HEAD = heaviestHead();

        /** Requests read and not yet given up on, across receivers, and the most at once. */
        static final class Count {
            private final AtomicInteger now = new AtomicInteger();
            private final AtomicInteger most = new AtomicInteger();

            void up() {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
            }

            void down() {
                now.decrementAndGet();
            }

            int most() {
                return most.get();
            }

            int now() {
                return now.get();
            }
        }

        private final Count holding;
        private final ServerSocket socket;
        private final ExecutorService connections = Executors.newCachedThreadPool();

        SilentReceiver(Count holding) throws IOException {
            this.holding = holding;
            socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            connections.submit(this::accept);
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.submit(() -> answer(connection));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void answer(Socket connection) {
            try (connection) {
                InputStream in = connection.getInputStream();
                long length = readHead(in);
                if (length < 0) {
                    return;
                }
                in.skipNBytes(length);
                holding.up();
                try {
                    connection.getOutputStream().write(HEAD);
                    while (in.read() >= 0) {
                        // nothing more is sent: Herald gives up and closes
                    }
                } finally {
                    holding.down();
                }
            } catch (IOException gone) {
                // Herald closed the connection
            }
        }

        /** Reads a request's head; answers its Content-Length, or -1 at the end of the stream. */
        private static long readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    for (String line : head.toString().split("\r\n")) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            return Long.parseLong(
                                    line.substring("content-length:".length()).trim());
                        }
                    }
                    return 0;
                }
            }
            return -1;
        }

        private static byte[] heaviestHead() {
            StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n");
            for (int i = 0; i < 7; i++) {
                head.append("X-Pad-")
                        .append(i)
                        .append(": ")
                        .append("a".repeat(8000))
                        .append("\r\n");
            }
            return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
            connections.shutdownNow();
        }
    }
}
