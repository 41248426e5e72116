package dev.herald.subscriptions.boundary;

import dev.herald.platform.Times;
import dev.herald.subscriptions.control.Presentation;
import dev.herald.subscriptions.control.SubscriptionSpec;
import dev.herald.subscriptions.control.SubscriptionView;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subscription as the API shows it. Header values and credentials are write-only: their
 * names are listed, their values masked. {@code secret} is present only in the answer that
 * created the subscription (and at {@code GET /webhooks/{id}/secret}).
 */
public record SubscriptionOut(
        String id,
        String name,
        String url,
        List<String> events,
        String method,
        Map<String, String> headers,
        String authType,
        Map<String, String> credentials,
        List<FilterOut> filters,
        RetryPolicyOut retryPolicy,
        int timeout,
        boolean enabled,
        Instant expiresAt,
        String ordering,
        OptionsOut options,
        PresentationOut presentation,
        String status,
        HealthOut health,
        UsageOut usage,
        Instant lastDelivery,
        Integer lastStatus,
        Instant createdAt,
        Instant updatedAt,
        String secret) {

    /** Quota use in the current period; present only with a quota. */
    public record UsageOut(int used, int available, Instant lastReset) {}

    /** Failed attempts since the last success, and since when they fail; disabled after a window of only failures. */
    public record HealthOut(int consecutiveFailures, Instant failingSince) {}

    /** One payload filter. */
    public record FilterOut(String field, String operator, String value) {}

    /** How failed deliveries are retried. */
    public record RetryPolicyOut(int maxRetries, String backoffType, int backoffSeconds) {}

    /** A delivery budget per ISO-8601 period. */
    public record QuotaOut(int limit, String period) {}

    /** Per-subscription delivery options. */
    public record OptionsOut(boolean oneTime, QuotaOut quota, Double rateLimit, boolean sharingUpdates) {}

    /** How deliveries are presented to the receiver; a header that is null is not sent (and shown as null). */
    @JsonbNillable
    public record PresentationOut(
            String preset,
            String signatureHeader,
            String signatureForm,
            String signatureWhen,
            String eventHeader,
            String deliveryHeader,
            String timestampHeader,
            String timestampForm,
            String body,
            boolean standardWebhooks) {

        static PresentationOut of(Presentation p) {
            return new PresentationOut(
                    p.preset(),
                    p.signatureHeader(),
                    p.signatureForm(),
                    p.signatureWhen(),
                    p.eventHeader(),
                    p.deliveryHeader(),
                    p.timestampHeader(),
                    p.timestampForm(),
                    p.body(),
                    p.standardWebhooks());
        }
    }

    static SubscriptionOut of(SubscriptionView view) {
        return of(view, null);
    }

    static SubscriptionOut of(SubscriptionView view, String secret) {
        SubscriptionSpec spec = view.spec();
        var options = spec.options();
        return new SubscriptionOut(
                view.id(),
                spec.name(),
                spec.url(),
                spec.events(),
                spec.method(),
                masked(spec.headers()),
                spec.authType(),
                masked(spec.credentials()),
                spec.filters().stream()
                        .map(f -> new FilterOut(f.field(), f.operator().wireName(), f.value()))
                        .toList(),
                new RetryPolicyOut(
                        spec.retryPolicy().maxRetries(),
                        spec.retryPolicy().backoffType().wireName(),
                        spec.retryPolicy().backoffSeconds()),
                spec.timeoutMs(),
                spec.enabled(),
                view.spec().expiresAt(),
                spec.ordering(),
                new OptionsOut(
                        options.oneTime(),
                        options.quota() == null
                                ? null
                                : new QuotaOut(
                                        options.quota().limit(), options.quota().periodText()),
                        options.rateLimit(),
                        options.sharingUpdates()),
                PresentationOut.of(spec.presentation()),
                view.status().wireName(),
                new HealthOut(view.consecutiveFailures(), view.failingSince()),
                usage(view),
                view.lastAttempt() == null ? null : view.lastAttempt().at(),
                view.lastAttempt() == null ? null : view.lastAttempt().statusCode(),
                view.createdAt(),
                view.updatedAt(),
                secret);
    }

    /** A period that has ended counts as unused: the next delivery starts a new one. */
    private static UsageOut usage(SubscriptionView view) {
        var quota = view.spec().options().quota();
        if (quota == null) {
            return null;
        }
        int used =
                quota.isRunning(view.quotaPeriodStart(), Times.now()) ? Math.min(view.quotaUsed(), quota.limit()) : 0;
        return new UsageOut(used, quota.limit() - used, view.quotaPeriodStart());
    }

    private static Map<String, String> masked(Map<String, String> values) {
        Map<String, String> masked = new LinkedHashMap<>();
        values.keySet().forEach(key -> masked.put(key, SubscriptionSpec.MASKED));
        return masked;
    }
}
