package dev.herald.subscriptions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The abuse-protection handshake (the CloudEvents webhook validation API.md adopts): an
 * {@code OPTIONS} request naming Herald's origin and the manual callback; the endpoint
 * consents by answering 2xx with {@code WebHook-Allowed-Origin} set to that origin or {@code *}.
 */
@ApplicationScoped
public class EndpointValidator {

    private static final Logger LOG = Logger.getLogger(EndpointValidator.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();

    @Inject
    TargetUrlPolicy targetUrlPolicy;

    @Inject
    Subscriptions subscriptions;

    public void handshake(ValidationRequested request) {
        if (targetUrlPolicy.problemWithTarget(request.url()).isPresent()) {
            return;
        }
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(request.url()))
                    .timeout(TIMEOUT)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("WebHook-Request-Origin", request.origin())
                    .header("WebHook-Request-Callback", request.callbackUrl())
                    .header("User-Agent", "Herald/" + dev.herald.platform.HeraldVersion.get())
                    .build(), HttpResponse.BodyHandlers.discarding());
            String allowed = response.headers().firstValue("WebHook-Allowed-Origin").orElse("");
            if (response.statusCode() / 100 == 2 && (allowed.equals("*") || allowed.equals(request.origin()))) {
                subscriptions.confirmValidation(request.subscriptionId(), request.url());
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "Validation handshake failed; the manual link still works", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
