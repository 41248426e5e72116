package dev.herald.subscriptions.control;

import dev.herald.egress.Egress;
import dev.herald.egress.EgressResponse;
import dev.herald.platform.HeraldVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The abuse-protection handshake (the CloudEvents webhook validation API.md adopts): an
 * {@code OPTIONS} request naming Herald's origin and the manual callback; the endpoint
 * consents by answering 2xx with {@code WebHook-Allowed-Origin} set to that origin or {@code *}.
 * An {@code Allow} header in that answer (the CloudEvents response names the methods the
 * endpoint takes, as iTwin's receivers send it) must permit the method deliveries will use;
 * an answer without one consents to any.
 */
@ApplicationScoped
public class EndpointValidator {

    private static final Logger LOG = Logger.getLogger(EndpointValidator.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    Egress egress;

    @Inject
    SubscriptionValidation validation;

    public void handshake(ValidationRequested request) {
        try {
            EgressResponse response = egress.exchange(
                    "OPTIONS",
                    URI.create(request.url()),
                    Map.of(
                            "WebHook-Request-Origin", request.origin(),
                            "WebHook-Request-Callback", request.callbackUrl(),
                            "User-Agent", "Herald/" + HeraldVersion.get()),
                    null,
                    TIMEOUT);
            String allowed = response.header("WebHook-Allowed-Origin").orElse("");
            boolean methodAllowed = response.header("Allow")
                    .map(methods -> java.util.Arrays.stream(methods.split(","))
                            .anyMatch(method -> method.strip().equalsIgnoreCase(request.method())))
                    .orElse(true);
            if (response.status() / 100 == 2
                    && (allowed.equals("*") || allowed.equals(request.origin()))
                    && methodAllowed) {
                validation.confirm(request.subscriptionId(), request.url());
            }
        } catch (IOException | IllegalArgumentException e) {
            // A blocked target ends here too: it never gets the request.
            LOG.log(Level.FINE, "Validation handshake failed; the manual link still works", e);
        }
    }
}
