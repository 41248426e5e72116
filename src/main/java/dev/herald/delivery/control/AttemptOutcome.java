package dev.herald.delivery.control;

import dev.herald.platform.text.Texts;
import java.time.Duration;
import java.util.List;

/**
 * What one HTTP attempt came to.
 *
 * @param statusCode   the final answer's status, or null when none came (timeout, connection error, blocked)
 * @param responseBody the first 4 KiB of the answer, or null; a NUL in it is kept as U+FFFD
 * @param error        why no acceptable answer came, or null on success; at most {@link #MAX_ERROR}
 *     characters, a NUL kept as U+FFFD
 * @param retryAfter   the answer's Retry-After, or null
 * @param retryable    whether another attempt may succeed (timeouts, connection errors, 408, 429, 5xx)
 * @param redirects    the URL of every redirect hop followed (or refused), in order; empty when none
 */
public record AttemptOutcome(
        Integer statusCode,
        String responseBody,
        long responseTimeMs,
        String error,
        Duration retryAfter,
        boolean retryable,
        List<String> redirects) {

    /** The width of {@code deliveries.last_error} and {@code delivery_attempts.error} (V2). */
    public static final int MAX_ERROR = 2000;

    /**
     * The answer and the error quote the receiver (its body, a redirect's {@code Location}): as
     * their columns take them, or the attempt's log failed, and with it every attempt logged in
     * its batch, and the delivery was sent again at each lease, for ever.
     */
    public AttemptOutcome {
        responseBody = Texts.storable(responseBody);
        error = Texts.storable(error, MAX_ERROR);
        redirects = List.copyOf(redirects);
    }

    /** This outcome, reached after these redirect hops. */
    public AttemptOutcome after(List<String> hops) {
        return new AttemptOutcome(statusCode, responseBody, responseTimeMs, error, retryAfter, retryable, hops);
    }

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public static AttemptOutcome ofStatus(
            int statusCode, String responseBody, long responseTimeMs, Duration retryAfter) {
        boolean success = statusCode >= 200 && statusCode < 300;
        boolean retryable = statusCode == 408 || statusCode == 429 || statusCode >= 500;
        String error = success ? null : "HTTP " + statusCode + (retryable ? "" : " is final: not retried");
        return new AttemptOutcome(statusCode, responseBody, responseTimeMs, error, retryAfter, retryable, List.of());
    }

    public static AttemptOutcome retryableError(String error, long responseTimeMs) {
        return new AttemptOutcome(null, null, responseTimeMs, error, null, true, List.of());
    }

    public static AttemptOutcome finalError(Integer statusCode, String error, long responseTimeMs) {
        return new AttemptOutcome(statusCode, null, responseTimeMs, error, null, false, List.of());
    }
}
