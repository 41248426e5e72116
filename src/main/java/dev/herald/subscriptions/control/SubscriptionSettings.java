package dev.herald.subscriptions.control;

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
    String rotationOverlapText;

    @Inject
    @ConfigProperty(name = "herald.subscription.disable-after", defaultValue = "P5D")
    String disableAfterText;

    private Optional<Duration> defaultTtl;
    private Duration rotationOverlap;
    private Duration disableAfter;

    @PostConstruct
    void parse() {
        rotationOverlap = Duration.parse(rotationOverlapText.trim());
        disableAfter = Duration.parse(disableAfterText.trim());
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
            throw new IllegalStateException("herald.subscription.default-ttl must be an ISO-8601 duration "
                    + "such as P30D, or 'none'; it is '" + defaultTtlText + "'", e);
        }
    }

    /** How long a subscription may fail without a success before it is disabled. */
    public Duration disableAfter() {
        return disableAfter;
    }

    /** How long a rotated-out secret keeps signing beside the new one. */
    public Duration rotationOverlap() {
        return rotationOverlap;
    }

    /** When a subscription created or renewed now expires by default; null for never. */
    public Instant defaultExpiry(Instant now) {
        return defaultTtl.map(now::plus).orElse(null);
    }
}
