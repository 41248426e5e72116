package dev.herald.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbound client against a real loopback server, with a host table standing in for DNS. */
class EgressTest {

    private HttpServer server;
    private final List<String> hostsSeen = new CopyOnWriteArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private Egress egress;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", exchange -> {
            hostsSeen.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "fine".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/endless", exchange -> {
            hostsSeen.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 1_000_000; i++) {
                    out.write(new byte[1024]);
                }
            } catch (java.io.IOException clientWentAway) {
                // expected: the client stops reading after its limit
            }
            exchange.close();
        });
        server.createContext("/dribble", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 200; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (java.io.IOException | InterruptedException clientWentAway) {
                // expected: the client gave up at its deadline
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (egress != null) {
            egress.close();
        }
        server.stop(0);
    }

    private Egress egress(String allowedNetworks, Map<String, String> hosts) {
        TargetUrlPolicy policy = TargetUrlPolicyTest.policy(allowedNetworks);
        egress = new Egress();
        egress.targetUrlPolicy = policy;
        egress.settings = policy.settings;
        egress.open(host -> {
            lookups.incrementAndGet();
            String address = hosts.getOrDefault(host, host);
            if (!address.matches("[0-9.]+|[0-9a-f:]+")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        });
        return egress;
    }

    private URI url(String host, String path) {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
    }

    @Test
    void connectsToTheAddressItsOneLookupApprovedAndSendsTheNameAsHost() throws Exception {
        Egress client = egress("127.0.0.0/8", Map.of("hooks.example.test", "127.0.0.1"));
        EgressResponse response = client.exchange(
                "POST",
                url("hooks.example.test", "/ok"),
                Map.of("Content-Type", "application/json", "Content-Length", "999"),
                "{}".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5));
        assertEquals(200, response.status());
        assertEquals("fine", response.body());
        assertEquals(List.of("hooks.example.test:" + server.getAddress().getPort()), hostsSeen);
        assertEquals(1, lookups.get(), "one lookup, used both to check and to connect");
    }

    @Test
    void refusesANameThatResolvesInsideBeforeConnecting() {
        Egress client = egress(null, Map.of("rebound.example.test", "127.0.0.1"));
        BlockedTargetException blocked = assertThrows(
                BlockedTargetException.class,
                () -> client.exchange(
                        "POST",
                        url("rebound.example.test", "/ok"),
                        Map.of(),
                        "{}".getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(5)));
        assertTrue(blocked.getMessage().contains("internal address"), blocked.getMessage());
        assertFalse(blocked.getMessage().contains("127.0.0.1"), "which address is not told: " + blocked.getMessage());
        assertEquals(List.of(), hostsSeen);
    }

    /**
     * Every address of a name is checked, and the client is given two to try: each is tried for
     * its connect timeout, which the attempt's deadline does not cut short between two of them.
     */
    @Test
    void aNameOfManyAddressesIsCheckedWholeAndTriedAtTwo() throws Exception {
        InetAddress[] five = new InetAddress[5];
        for (int i = 0; i < 5; i++) {
            five[i] = InetAddress.getByName("93.184.216." + (30 + i));
        }
        CheckedResolver resolver = new CheckedResolver(TargetUrlPolicyTest.policy(null), host -> five);
        assertEquals(List.of(five[0], five[1]), List.of(resolver.resolve("many.example.test")));

        five[4] = InetAddress.getByName("10.0.0.1");
        assertThrows(BlockedTargetException.class, () -> resolver.resolve("many.example.test"));
    }

    @Test
    void refusesAnAddressLiteralInside() {
        Egress client = egress(null, Map.of());
        assertThrows(
                BlockedTargetException.class,
                () -> client.exchange("GET", url("127.0.0.1", "/ok"), Map.of(), null, Duration.ofSeconds(5)));
        assertThrows(
                BlockedTargetException.class,
                () -> client.exchange("GET", url("[::1]", "/ok"), Map.of(), null, Duration.ofSeconds(5)));
        assertEquals(List.of(), hostsSeen);
    }

    @Test
    void readsOnlyTheStartOfAnEndlessAnswer() throws Exception {
        Egress client = egress("127.0.0.0/8", Map.of());
        EgressResponse response = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> client.exchange("GET", url("127.0.0.1", "/endless"), Map.of(), null, Duration.ofSeconds(15)));
        assertEquals(Egress.RESPONSE_BODY_LIMIT, response.body().length());
        // The cut connection is not reused: the next exchange still works.
        assertEquals(
                200,
                client.exchange("GET", url("127.0.0.1", "/ok"), Map.of(), null, Duration.ofSeconds(5))
                        .status());
    }

    @Test
    void aLookupAnsweringAnIpv4MappedAddressInsideIsRefusedBeforeConnecting() {
        egress = new Egress();
        TargetUrlPolicy policy = TargetUrlPolicyTest.policy(null);
        egress.targetUrlPolicy = policy;
        egress.settings = policy.settings;
        byte[] loopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        egress.open(host -> new InetAddress[] {Inet6Address.getByAddress(host, loopback, -1)});
        assertThrows(
                BlockedTargetException.class,
                () -> egress.exchange("GET", url("mapped.example.test", "/ok"), Map.of(), null, Duration.ofSeconds(5)));
        assertEquals(List.of(), hostsSeen);
    }

    @Test
    void anAnswerWhoseHeadersDoNotEndFailsAtTheirBoundNotAtTheDeadline() throws Exception {
        try (ServerSocket endless = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket socket = endless.accept()) {
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nX-Endless: ".getBytes(StandardCharsets.US_ASCII));
                    byte[] more = new byte[8192];
                    java.util.Arrays.fill(more, (byte) 'a');
                    for (int i = 0; i < 100_000; i++) { // 800 MB at most: the client stops long before
                        out.write(more);
                    }
                } catch (java.io.IOException clientWentAway) {
                    // expected: the client gave up at its bound
                }
            });
            answering.setDaemon(true);
            answering.start();
            Egress client = egress("127.0.0.0/8", Map.of());
            java.io.IOException failed = assertThrows(
                    java.io.IOException.class,
                    () -> client.exchange(
                            "GET",
                            URI.create("http://127.0.0.1:" + endless.getLocalPort() + "/"),
                            Map.of(),
                            null,
                            Duration.ofMinutes(2)));
            assertFalse(failed instanceof HttpTimeoutException, "refused at the line's bound: " + failed);
            assertTrue(failed.getMessage().contains("length limit"), failed.getMessage());
        }
    }

    /**
     * Lines within the line and count bounds can still make a head of some 800 KB, about 3 MB
     * parsed, held while the attempt waits: the head as a whole is bounded.
     */
    @Test
    void anAnswersHeadIsBoundedAsAWholeNotOnlyLineByLine() throws Exception {
        assertEquals(200, exchangeAnsweredWith(headOf(10, 4000)), "a head of 40 KB is read");
        java.io.IOException refused =
                assertThrows(java.io.IOException.class, () -> exchangeAnsweredWith(headOf(20, 4000)));
        assertTrue(refused.getMessage().contains("longer than 65536 characters"), refused.getMessage());
    }

    /**
     * A chunked body's trailers were read with the head's per-line and per-count bounds alone
     * (100 lines of 8 KiB) once a body of up to the 4 KiB Herald reads ended: now the reading ends
     * after a few lines, whatever comes after (here, nothing, as a receiver that dribbles them), and
     * the receiver's status stands: a 2xx retried for its trailers would be delivered twice.
     */
    @Test
    void aChunkedAnswersTrailersAreBoundedAndDoNotUndoItsStatus() throws Exception {
        StringBuilder answer =
                new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n");
        for (int i = 0; i < 20; i++) {
            answer.append("X-Trailer-")
                    .append(i)
                    .append(": ")
                    .append("a".repeat(4000))
                    .append("\r\n");
        }
        // No blank line: the trailers never end. Read with the head's bounds, the attempt waited for them until its
        // deadline.
        assertEquals(200, exchangeAnsweredWith(answer.toString(), Duration.ofSeconds(5)));
    }

    private static String headOf(int lines, int chars) {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
        for (int i = 0; i < lines; i++) {
            head.append("X-Pad-")
                    .append(i)
                    .append(": ")
                    .append("a".repeat(chars))
                    .append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** The status of a GET answered with this head (and what follows it), by a server that reads nothing of the request. */
    private int exchangeAnsweredWith(String head) throws Exception {
        return exchangeAnsweredWith(head, Duration.ofSeconds(30));
    }

    private int exchangeAnsweredWith(String head, Duration timeout) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                    while (socket.getInputStream().read() >= 0) {
                        // nothing more is sent until the client closes
                    }
                } catch (java.io.IOException clientWentAway) {
                    // the client gave up at its bound
                }
            });
            answering.setDaemon(true);
            answering.start();
            return egress("127.0.0.0/8", Map.of())
                    .exchange(
                            "GET",
                            URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"),
                            Map.of(),
                            null,
                            timeout)
                    .status();
        }
    }

    @Test
    void oneDeadlineCoversAnAnswerThatDribbles() {
        Egress client = egress("127.0.0.0/8", Map.of());
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThrows(
                        HttpTimeoutException.class,
                        () -> client.exchange(
                                "GET", url("127.0.0.1", "/dribble"), Map.of(), null, Duration.ofMillis(700))));
    }
}
