package dev.herald.subscriptions.control;

import dev.herald.platform.text.TextComparison;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a client configures on a subscription, already checked for shape and ranges.
 * The same record serves create, full replace (from {@link #defaults()}) and patch (from
 * the current subscription), so every path applies the same rules.
 *
 * @param expiresAt null means "the server default TTL from now"
 */
public record SubscriptionSpec(
        String name,
        String url,
        List<String> events,
        String method,
        Map<String, String> headers,
        String authType,
        Map<String, String> credentials,
        List<Filter> filters,
        RetryPolicy retryPolicy,
        int timeoutMs,
        boolean enabled,
        Instant expiresAt,
        String ordering,
        Options options,
        Presentation presentation) {

    public static final List<String> METHODS = List.of("POST", "PUT");
    public static final List<String> AUTH_TYPES = List.of("none", "basic", "bearer", "signature");
    public static final List<String> ORDERINGS = List.of("none", "subject");
    public static final int MIN_TIMEOUT_MS = 100;
    public static final int MAX_TIMEOUT_MS = 120_000;
    public static final int DEFAULT_TIMEOUT_MS = 30_000;
    /** How a write-only value (a custom header's, a credential) is shown: never itself. */
    public static final String MASKED = "********";

    /** What an omitted field means: API.md's defaults. */
    public static SubscriptionSpec defaults() {
        return new SubscriptionSpec(
                null,
                null,
                null,
                "POST",
                Map.of(),
                "signature",
                Map.of(),
                List.of(),
                RetryPolicy.defaults(),
                DEFAULT_TIMEOUT_MS,
                true,
                null,
                "none",
                Options.defaults(),
                Presentation.HERALD);
    }

    /** One condition on the delivered payload, e.g. {@code data.channel equals stable}. */
    public record Filter(String field, TextComparison operator, String value) {}

    /** How failed deliveries are retried: {@code maxRetries} more attempts, spaced by the backoff. */
    public record RetryPolicy(int maxRetries, Backoff backoffType, int backoffSeconds) {

        public static final int MAX_RETRIES = 25;
        public static final int MAX_BACKOFF_SECONDS = 86_400;

        public static RetryPolicy defaults() {
            return new RetryPolicy(5, Backoff.EXPONENTIAL, 1);
        }
    }

    /** How the wait before each retry grows: doubling, by one step each time, or not at all. */
    public enum Backoff {
        EXPONENTIAL,
        LINEAR,
        FIXED;

        /** How many times {@code backoffSeconds} the wait before retry number {@code retry} (1, 2, …) is. */
        public long factor(int retry) {
            return switch (this) {
                case EXPONENTIAL -> 1L << Math.min(retry - 1, 30);
                case LINEAR -> retry;
                case FIXED -> 1;
            };
        }

        /** As the API writes it: lower case. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A delivery budget per period, e.g. 1000 per {@code P1D}. */
    public record Quota(int limit, Duration period) {

        public static final Duration MIN_PERIOD = Duration.ofSeconds(1);
        /** Longer periods would hold what is over the quota past any use (or past the dates a database keeps). */
        public static final Duration MAX_PERIOD = Duration.ofDays(366);

        /** The period as ISO-8601, in whole days where it is some ({@code P1D}, not {@code PT24H}). */
        public String periodText() {
            return period.toSeconds() % 86_400 == 0 ? "P" + period.toDays() + "D" : period.toString();
        }

        /** When a period that began at {@code start} ends, and the next may begin. */
        public Instant periodEnd(Instant start) {
            return start.plus(period);
        }

        /** Whether a period that began at {@code start} (null: none has) still runs at {@code now}. */
        public boolean isRunning(Instant start, Instant now) {
            return start != null && periodEnd(start).isAfter(now);
        }

        /** A period that began at or before this instant is over at {@code now} (the same rule, for a query). */
        public Instant overIfBeganBy(Instant now) {
            return now.minus(period);
        }
    }

    /**
     * Per-subscription delivery options. {@code quota} and {@code rateLimit} are null when
     * unlimited. {@code sharingUpdates}: a subject's {@code *.updated} events reach the
     * subscription only once it got that subject's {@code *.shared} event (BigPanda's sharing
     * updates).
     */
    public record Options(boolean oneTime, Quota quota, Double rateLimit, boolean sharingUpdates) {

        public static final double MAX_RATE_LIMIT = 10_000;
        /** One delivery an hour: a slower rate would hold deliveries pending for years. */
        public static final double MIN_RATE_LIMIT = 1.0 / 3600;

        public static Options defaults() {
            return new Options(false, null, null, false);
        }
    }
}
