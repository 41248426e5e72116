package dev.herald.delivery.control;

import dev.herald.egress.BlockedTargetException;
import dev.herald.egress.Egress;
import dev.herald.egress.EgressResponse;
import dev.herald.egress.TargetUrlPolicy;
import dev.herald.platform.text.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes one HTTP attempt. Redirects are followed only for 301, 302, 307 and 308, at most
 * three hops, keeping method and body, never from https to plain http, and each new target
 * passes the same address checks as the first: a redirect cannot lead Herald into the network
 * it runs in.
 */
@ApplicationScoped
public class WebhookSender {

    private static final int MAX_REDIRECTS = 3;
    private static final Set<Integer> FOLLOWED_REDIRECTS = Set.of(301, 302, 307, 308);

    @Inject
    Egress egress;

    @Inject
    TargetUrlPolicy targetUrlPolicy;

    /**
     * No Fault Tolerance interceptor around a single call: the request's own deadline covers
     * the whole attempt, every hop included, and {@link Egress} enforces it on a thread of its
     * own (an outer {@code @Timeout} cost more per delivery than the HTTP call itself). No
     * bulkhead: the delivery workers and the caps on them bound concurrency, and a call refused
     * for a full bulkhead would count as an attempt.
     */
    public AttemptOutcome send(OutboundRequest request) {
        long started = System.nanoTime();
        List<String> redirects = new ArrayList<>();
        return followHops(request, started, redirects).after(redirects);
    }

    /** The attempt, hop by hop; each hop followed is added to {@code redirects}. */
    private AttemptOutcome followHops(OutboundRequest request, long started, List<String> redirects) {
        long deadline = started + request.timeout().toNanos();
        URI first = URI.create(request.url());
        URI uri = first;
        try {
            for (int hop = 0; ; hop++) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.toMillis() < 1) {
                    throw new HttpTimeoutException("deadline reached before hop " + hop);
                }
                EgressResponse response = egress.exchange(
                        request.method(),
                        uri,
                        headersFor(request, Origin.of(first).equals(Origin.of(uri))),
                        request.body(),
                        left);
                int status = response.status();
                Optional<String> location = response.header("Location");
                if (FOLLOWED_REDIRECTS.contains(status) && location.isPresent() && hop < MAX_REDIRECTS) {
                    Optional<URI> next = resolve(uri, location.get());
                    if (next.isEmpty()) {
                        // The receiver's answer, not a fault on the way: asking again gets the same.
                        return AttemptOutcome.finalError(
                                status,
                                "HTTP " + status + ": redirect to an unusable Location: "
                                        + Texts.clip(location.get(), 200),
                                elapsedMs(started));
                    }
                    // A hop's URL is held to what a subscription's may be (its length bounds the
                    // attempt's log, 2 Ki characters a hop), before it is logged or followed.
                    Optional<String> unusable =
                            targetUrlPolicy.problemWithForm(next.get().toString());
                    if (unusable.isPresent()) {
                        return AttemptOutcome.finalError(
                                status,
                                "HTTP " + status + ": redirect to a URL Herald does not follow: it " + unusable.get(),
                                elapsedMs(started));
                    }
                    if (isDowngrade(uri, next.get())) {
                        // Signed and maybe credentialed, the delivery would travel in clear text
                        // where its subscription asked for TLS (and X-Herald-Signature has no time in it).
                        return AttemptOutcome.finalError(
                                status,
                                "HTTP " + status + ": redirect from https to plain http not followed: "
                                        + Texts.clip(next.get().toString(), 200),
                                elapsedMs(started));
                    }
                    uri = next.get();
                    redirects.add(uri.toString());
                    continue;
                }
                if (status >= 300 && status < 400) {
                    return AttemptOutcome.finalError(
                            status,
                            "HTTP " + status + ": redirect not followed"
                                    + (hop >= MAX_REDIRECTS ? " (more than " + MAX_REDIRECTS + " hops)" : ""),
                            elapsedMs(started));
                }
                return AttemptOutcome.ofStatus(
                        status,
                        response.body(),
                        elapsedMs(started),
                        response.header("Retry-After")
                                .map(WebhookSender::parseRetryAfter)
                                .orElse(null));
            }
        } catch (BlockedTargetException e) {
            return AttemptOutcome.finalError(null, e.getMessage(), elapsedMs(started));
        } catch (HttpTimeoutException e) {
            return AttemptOutcome.retryableError(
                    "Timed out after " + request.timeout().toMillis() + " ms", elapsedMs(started));
        } catch (ConnectException e) {
            return AttemptOutcome.retryableError("Connection failed: " + describe(e), elapsedMs(started));
        } catch (IOException | IllegalArgumentException e) {
            return AttemptOutcome.retryableError("Request failed: " + describe(e), elapsedMs(started));
        }
    }

    /**
     * One hop's headers. A hop to another origin than the subscription's gets neither its
     * credentials nor its custom headers: they were given for that origin only (as browsers and
     * curl do). The signature headers stay, so a moved receiver can still verify.
     */
    private static Map<String, String> headersFor(OutboundRequest request, boolean sameOrigin) {
        if (sameOrigin) {
            return request.headers();
        }
        Map<String, String> kept = new LinkedHashMap<>(request.headers());
        kept.keySet().removeAll(request.privateHeaders());
        return kept;
    }

    private static boolean isDowngrade(URI from, URI to) {
        return "https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme());
    }

    /** A {@code Location} against the URL that answered it; empty when it is no URI reference. */
    private static Optional<URI> resolve(URI answered, String location) {
        try {
            return Optional.of(answered.resolve(location));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code Retry-After} as seconds or as an HTTP date; unreadable: null. */
    static Duration parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        ZonedDateTime.now(), ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
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
