package dev.herald.subscriptions.control;

import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_CREDENTIALS;
import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_HEADERS;

import dev.herald.platform.crypto.SecretBox;
import dev.herald.platform.json.Jsons;
import dev.herald.subscriptions.entity.Subscription;
import dev.herald.subscriptions.entity.SubscriptionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;

/** A subscription's settings into and out of their stored form: JSON text, and sealed headers and credentials. */
@ApplicationScoped
public class SubscriptionSpecs {

    @Inject
    SecretBox secretBox;

    @Inject
    SubscriptionSettings settings;

    /** Stores what the tenant chose; without an expiry, the default one counted from {@code now}. */
    public void apply(SubscriptionSpec spec, Subscription subscription, Instant now) {
        String id = subscription.id();
        subscription.apply(
                new Subscription.Chosen(
                        spec.name(),
                        spec.url(),
                        Jsons.stringArray(spec.events()),
                        spec.method(),
                        spec.headers().isEmpty()
                                ? null
                                : secretBox.seal(SubscriptionJson.map(spec.headers()), SUBSCRIPTION_HEADERS, id),
                        spec.authType(),
                        spec.credentials().isEmpty()
                                ? null
                                : secretBox.seal(
                                        SubscriptionJson.map(spec.credentials()), SUBSCRIPTION_CREDENTIALS, id),
                        SubscriptionJson.filters(spec.filters()),
                        SubscriptionJson.retryPolicy(spec.retryPolicy()),
                        spec.timeoutMs(),
                        spec.ordering(),
                        SubscriptionJson.options(spec.options()),
                        SubscriptionJson.presentation(spec.presentation()),
                        spec.expiresAt() != null ? spec.expiresAt() : settings.defaultExpiry(now)),
                now);
    }

    /** What the subscription is set to, its sealed values opened. */
    public SubscriptionSpec of(Subscription s) {
        Map<String, String> headers = s.headersSealed() == null
                ? Map.of()
                : SubscriptionJson.map(secretBox.open(s.headersSealed(), SUBSCRIPTION_HEADERS, s.id()));
        Map<String, String> credentials = s.credentialsSealed() == null
                ? Map.of()
                : SubscriptionJson.map(secretBox.open(s.credentialsSealed(), SUBSCRIPTION_CREDENTIALS, s.id()));
        return new SubscriptionSpec(
                s.name(),
                s.url(),
                Jsons.strings(s.eventsJson()),
                s.method(),
                headers,
                s.authType(),
                credentials,
                SubscriptionJson.filters(s.filtersJson()),
                SubscriptionJson.retryPolicy(s.retryPolicyJson()),
                s.timeoutMs(),
                s.status() != SubscriptionStatus.INACTIVE,
                s.expiresAt(),
                s.ordering(),
                SubscriptionJson.options(s.optionsJson()),
                SubscriptionJson.presentation(s.presentationJson()));
    }
}
