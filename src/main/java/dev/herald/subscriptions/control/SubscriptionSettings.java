package dev.herald.subscriptions.control;

import dev.herald.platform.PublicUrl;
import dev.herald.platform.SettingChecks;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Server-wide subscription settings, checked once at startup. */
@ApplicationScoped
public class SubscriptionSettings {

    @Inject
    @ConfigProperty(name = "herald.subscription.default-ttl", defaultValue = "P30D")
    String defaultTtlText;

    @Inject
    @ConfigProperty(name = "herald.subscription.rotation-overlap", defaultValue = "PT24H")
    Duration rotationOverlap;

    @Inject
    @ConfigProperty(name = "herald.subscription.disable-after", defaultValue = "P5D")
    Duration disableAfter;

    @Inject
    @ConfigProperty(name = "herald.subscription.validate", defaultValue = "true")
    boolean validate;

    @Inject
    @ConfigProperty(name = "herald.subscription.validation-window", defaultValue = "PT48H")
    Duration validationWindow;

    @Inject
    @ConfigProperty(name = "herald.subscription.expiry-check-interval", defaultValue = "PT1M")
    Duration expiryCheckInterval;

    @Inject
    PublicUrl publicUrl;

    private Optional<Duration> defaultTtl;

    @PostConstruct
    void parse() {
        SettingChecks.positive("herald.subscription.rotation-overlap", rotationOverlap);
        SettingChecks.positive("herald.subscription.disable-after", disableAfter);
        SettingChecks.positive("herald.subscription.validation-window", validationWindow);
        SettingChecks.positive("herald.subscription.expiry-check-interval", expiryCheckInterval);
        if ("none".equalsIgnoreCase(defaultTtlText.trim())) {
            defaultTtl = Optional.empty();
            return;
        }
        try {
            Duration ttl = Duration.parse(defaultTtlText.trim());
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalStateException("herald.subscription.default-ttl must be positive");
            }
            defaultTtl = Optional.of(ttl);
        } catch (DateTimeException e) {
            throw new IllegalStateException(
                    "herald.subscription.default-ttl must be an ISO-8601 duration " + "such as P30D, or 'none'; it is '"
                            + defaultTtlText + "'",
                    e);
        }
    }

    /** Whether endpoints must confirm they want deliveries before any is sent (API.md: on by default). */
    public boolean validate() {
        return validate;
    }

    /** How long an endpoint has to confirm, by the handshake or the manual callback, before the subscription is deleted. */
    public Duration validationWindow() {
        return validationWindow;
    }

    /** Where Herald is reached from outside, for the validation callback links it sends. */
    public java.net.URI publicUrl() {
        return publicUrl.base();
    }

    /** The server's origin as validation requests announce it: the public URL's host and port. */
    public String origin() {
        java.net.URI uri = publicUrl();
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** How long a subscription may fail without a success before it is disabled. */
    public Duration disableAfter() {
        return disableAfter;
    }

    /** How long a rotated-out secret keeps signing beside the new one. */
    public Duration rotationOverlap() {
        return rotationOverlap;
    }

    /** How often subscriptions past their expiry are deleted. */
    public Duration expiryCheckInterval() {
        return expiryCheckInterval;
    }

    /** When a subscription created or renewed now expires by default; null for never. */
    public Instant defaultExpiry(Instant now) {
        return defaultTtl.map(now::plus).orElse(null);
    }
}
