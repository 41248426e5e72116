package dev.herald.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.delivery.control.DeliveryQueries;
import dev.herald.delivery.control.DeliveryView;
import dev.herald.delivery.control.DeliveryView.AttemptView;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.Page;
import dev.herald.platform.json.StreamedJsonWriter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.ext.Providers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.glassfish.jersey.jsonb.internal.JsonBindingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A delivery read whole, its attempts read a turn at a time as {@link StreamedJsonWriter} writes
 * them, is byte for byte what Jersey's JSON-B provider wrote for it read at once, reads no attempt
 * beyond the count it was read with, and leaves the answer's stream open for Jersey to close.
 */
class AttemptsInTurnsTest {

    private static final String PAYLOAD =
            "{\"id\":\"dlv_1\",\"data\":{\"note\":\"Grüße \\\"quoted\\\" \\u2028 😀 </script>\"}}";

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, DeliveryQueries.ATTEMPTS_A_TURN, DeliveryQueries.ATTEMPTS_A_TURN + 1, 1000})
    void isWhatJerseysProviderWroteForTheDeliveryReadAtOnce(int attemptCount) throws IOException {
        List<AttemptView> attempts = IntStream.rangeClosed(1, attemptCount)
                .mapToObj(AttemptsInTurnsTest::attempt)
                .toList();
        List<int[]> turns = new ArrayList<>();

        String streamed = written(delivery(attemptCount, List.of()), (after, through) -> {
            turns.add(new int[] {after, through});
            return attempts.stream()
                    .filter(a -> a.attempt() > after && a.attempt() <= through)
                    .limit(DeliveryQueries.ATTEMPTS_A_TURN)
                    .toList();
        });

        assertEquals(byJersey(DeliveryOut.of(delivery(attemptCount, attempts))), streamed);
        assertEquals(
                (attemptCount + DeliveryQueries.ATTEMPTS_A_TURN - 1) / DeliveryQueries.ATTEMPTS_A_TURN,
                turns.size(),
                "one read a turn, none after the last");
        turns.forEach(turn -> assertEquals(attemptCount, turn[1], "never beyond the count read"));
    }

    /** Attempts removed by retention while the answer is written are left out; the answer stays JSON. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 40})
    void attemptsRemovedMeanwhileAreLeftOut(int firstLeft) throws IOException {
        List<AttemptView> left = IntStream.rangeClosed(firstLeft, 40)
                .mapToObj(AttemptsInTurnsTest::attempt)
                .toList();

        String streamed = written(
                delivery(50, List.of()),
                (after, through) -> left.stream()
                        .filter(a -> a.attempt() > after && a.attempt() <= through)
                        .limit(DeliveryQueries.ATTEMPTS_A_TURN)
                        .toList());

        assertEquals(byJersey(DeliveryOut.of(delivery(50, left))), streamed);
    }

    /** A page of deliveries (a generic record, as every list is) is written as Jersey's provider wrote it too. */
    @Test
    void aPageIsWhatJerseysProviderWrote() throws IOException {
        Page<DeliveryOut> page = new Page<>(
                List.of(
                        DeliveryOut.of(delivery(2, List.of(attempt(1), attempt(2)))),
                        DeliveryOut.of(delivery(0, List.of()))),
                1,
                50,
                2);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        new StreamedJsonWriter()
                .writeTo(
                        page,
                        Page.class,
                        Page.class,
                        new Annotation[0],
                        MediaType.APPLICATION_JSON_TYPE,
                        new MultivaluedHashMap<>(),
                        answer);
        assertEquals(byJersey(page), answer.toString(StandardCharsets.UTF_8));
    }

    /** What Jersey's JSON-B provider writes for an answer, with no {@code ContextResolver<Jsonb>}, as Herald has none. */
    private static String byJersey(Object answer) throws IOException {
        Providers none = (Providers) Proxy.newProxyInstance(
                Providers.class.getClassLoader(), new Class<?>[] {Providers.class}, (proxy, method, args) -> null);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        new JsonBindingProvider(none)
                .writeTo(
                        answer,
                        answer.getClass(),
                        answer.getClass(),
                        new Annotation[0],
                        MediaType.APPLICATION_JSON_TYPE,
                        new MultivaluedHashMap<>(),
                        written);
        return written.toString(StandardCharsets.UTF_8);
    }

    private static String written(DeliveryView delivery, AttemptsInTurns.Turns turns) throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayOutputStream answer = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        new StreamedJsonWriter()
                .writeTo(
                        DeliveryOut.of(delivery, new AttemptsInTurns(delivery, turns)),
                        DeliveryOut.class,
                        DeliveryOut.class,
                        new Annotation[0],
                        MediaType.APPLICATION_JSON_TYPE,
                        new MultivaluedHashMap<>(),
                        answer);
        assertFalse(closed.get(), "left open");
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static DeliveryView delivery(int attemptCount, List<AttemptView> attempts) {
        return new DeliveryView(
                "dlv_1",
                "evt_1",
                "wh_1",
                "build.finished",
                DeliveryStatus.FAILED,
                attemptCount,
                attempts,
                Instant.parse("2026-12-07T18:00:00.123Z"),
                "HTTP 500 \"nope\"",
                null,
                "JIRA-1",
                null,
                Instant.parse("2026-12-07T17:00:00Z"),
                Instant.parse("2026-12-07T18:00:00.000001Z"),
                PAYLOAD);
    }

    private static AttemptView attempt(int n) {
        return new AttemptView(
                n,
                "https://receiver.example/hook?n=" + n,
                n % 3 == 0 ? List.of("https://a.example/", "https://b.example/\"x\"") : List.of(),
                "POST",
                "{\"Content-Type\":\"application/json\",\"X-Herald-Signature\":\"***\",\"n\":\"" + n + "\"}",
                n % 2 == 0 ? 500 : null,
                n % 2 == 0 ? "answer \"" + n + "\" é\n" : null,
                n,
                n % 2 == 0 ? null : "connect timed out",
                Instant.parse("2026-12-07T17:00:00Z").plusMillis(n),
                n % 5 == 0 ? null : "vm-1");
    }
}
