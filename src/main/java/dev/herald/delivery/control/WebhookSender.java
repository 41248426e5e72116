package dev.herald.delivery.control;

import dev.herald.subscriptions.control.TargetUrlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Makes one HTTP attempt. Redirects are followed only for 301, 302, 307 and 308, at most
 * three hops, keeping method and body, and each new target passes the same address checks
 * as the first: a redirect cannot lead Herald into the network it runs in.
 */
@ApplicationScoped
public class WebhookSender {

    private static final int RESPONSE_BODY_LIMIT = 4096;
    private static final int MAX_REDIRECTS = 3;
    private static final Set<Integer> FOLLOWED_REDIRECTS = Set.of(301, 302, 307, 308);
    /** Headers the HTTP client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    @Inject
    TargetUrlPolicy targetUrlPolicy;

    /**
     * The outer time bound is a safety net: the request's own deadline already covers the
     * whole attempt, every hop included. No bulkhead: the delivery workers and the caps on
     * them bound concurrency, and a call refused for a full bulkhead would count as an attempt.
     */
    @Timeout(value = 150, unit = ChronoUnit.SECONDS)
    public AttemptOutcome send(OutboundRequest request) {
        long started = System.nanoTime();
        long deadline = started + request.timeout().toNanos();
        URI first = URI.create(request.url());
        URI uri = first;
        try {
            for (int hop = 0; ; hop++) {
                Optional<String> blocked = targetUrlPolicy.problemWithTarget(uri.toString());
                if (blocked.isPresent()) {
                    return AttemptOutcome.finalError(null, "Target " + uri.getHost() + " " + blocked.get(),
                            elapsedMs(started));
                }
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.toMillis() < 1) {
                    throw new HttpTimeoutException("deadline reached before hop " + hop);
                }
                boolean sameOrigin = Origin.of(first).equals(Origin.of(uri));
                HttpResponse<InputStream> response = client.send(build(uri, request, left, sameOrigin),
                        HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                Optional<String> location = response.headers().firstValue("Location");
                if (FOLLOWED_REDIRECTS.contains(status) && location.isPresent() && hop < MAX_REDIRECTS) {
                    response.body().close();
                    uri = uri.resolve(location.get());
                    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                        return AttemptOutcome.finalError(status, "Redirect to a non-HTTP URL: " + uri,
                                elapsedMs(started));
                    }
                    continue;
                }
                String body = readLimited(response.body());
                if (status >= 300 && status < 400) {
                    return AttemptOutcome.finalError(status, "HTTP " + status + ": redirect not followed"
                            + (hop >= MAX_REDIRECTS ? " (more than " + MAX_REDIRECTS + " hops)" : ""),
                            elapsedMs(started));
                }
                return AttemptOutcome.ofStatus(status, body, elapsedMs(started), retryAfter(response));
            }
        } catch (HttpTimeoutException e) {
            return AttemptOutcome.retryableError("Timed out after " + request.timeout().toMillis() + " ms",
                    elapsedMs(started));
        } catch (ConnectException e) {
            return AttemptOutcome.retryableError("Connection failed: " + describe(e), elapsedMs(started));
        } catch (IOException | IllegalArgumentException e) {
            return AttemptOutcome.retryableError("Request failed: " + describe(e), elapsedMs(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptOutcome.retryableError("Interrupted", elapsedMs(started));
        }
    }

    /**
     * One hop's request. A hop to another origin than the subscription's gets neither its
     * credentials nor its custom headers: they were given for that origin only (as browsers and
     * curl do). The signature headers stay, so a moved receiver can still verify.
     */
    private static HttpRequest build(URI uri, OutboundRequest request, Duration timeout, boolean sameOrigin) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase()) && (sameOrigin || !request.privateHeaders().contains(name))) {
                builder.header(name, value);
            }
        });
        return builder.build();
    }

    private static String readLimited(InputStream body) throws IOException {
        try (body) {
            return new String(body.readNBytes(RESPONSE_BODY_LIMIT), StandardCharsets.UTF_8);
        }
    }

    /** {@code Retry-After} as seconds or as an HTTP date; absent or unreadable: null. */
    static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(WebhookSender::parseRetryAfter).orElse(null);
    }

    static Duration parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
