package dev.herald.delivery.control;

import java.time.Duration;
import java.util.List;

/**
 * What one HTTP attempt came to.
 *
 * @param statusCode   the final answer's status, or null when none came (timeout, connection error, blocked)
 * @param responseBody the first 4 KiB of the answer, or null
 * @param error        why no acceptable answer came, or null on success
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

    public AttemptOutcome {
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
