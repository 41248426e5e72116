package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.egress.Egress;
import dev.herald.egress.EgressResponse;
import dev.herald.egress.TargetUrlPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    /** Answers each URL as the test's receivers do, and records where a request went. */
    private static final class Receivers extends Egress {
        private final Map<String, String> redirects;
        final List<String> asked = new ArrayList<>();

        Receivers(Map<String, String> redirects) {
            this.redirects = redirects;
        }

        @Override
        public EgressResponse exchange(
                String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
            asked.add(uri.toString());
            String location = redirects.get(uri.toString());
            return location == null
                    ? new EgressResponse(204, Map.of(), "")
                    : new EgressResponse(301, Map.of("location", location), "");
        }
    }

    private static AttemptOutcome send(Receivers receivers, String url) {
        WebhookSender sender = new WebhookSender();
        sender.egress = receivers;
        sender.targetUrlPolicy = new TargetUrlPolicy();
        return sender.send(new OutboundRequest(
                url,
                "POST",
                Map.of("webhook-signature", "v1,c2lnbmVk"),
                Set.of(),
                "{}".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5)));
    }

    /** A signed delivery asked over TLS is never sent on in clear text, where anyone on the way reads it. */
    @Test
    void aRedirectFromHttpsToPlainHttpIsNotFollowed() {
        Receivers receivers = new Receivers(Map.of("https://hooks.example.com/in", "http://hooks.example.com/in"));

        AttemptOutcome outcome = send(receivers, "https://hooks.example.com/in");

        assertEquals(List.of("https://hooks.example.com/in"), receivers.asked);
        assertFalse(outcome.retryable(), "the receiver answers the same the next time");
        assertEquals(301, outcome.statusCode());
        assertTrue(outcome.error().contains("from https to plain http not followed"), outcome.error());
    }

    @Test
    void redirectsThatKeepOrGainTlsAreFollowed() {
        Receivers receivers = new Receivers(Map.of(
                "http://hooks.example.com/in", "https://hooks.example.com/in",
                "https://hooks.example.com/in", "https://moved.example.com/in"));

        AttemptOutcome outcome = send(receivers, "http://hooks.example.com/in");

        assertTrue(outcome.succeeded(), String.valueOf(outcome.error()));
        assertEquals(List.of("https://hooks.example.com/in", "https://moved.example.com/in"), outcome.redirects());
    }
}
