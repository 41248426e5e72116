package dev.herald.subscriptions.entity;

import dev.herald.platform.TenantRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A webhook subscription as stored. Lists and nested settings are JSON text; the secret,
 * the custom headers and the credentials are sealed (AES-GCM) and never stored in clear.
 */
@Entity
@Table(name = "subscriptions")
public class Subscription extends TenantRecord {

    private String name;

    @Column(nullable = false)
    private String url;

    @Column(name = "events_json", nullable = false)
    private String eventsJson;

    @Column(name = "secret_sealed", nullable = false)
    private String secretSealed;

    @Column(name = "previous_secret_sealed")
    private String previousSecretSealed;

    @Column(name = "previous_secret_expires_at")
    private Instant previousSecretExpiresAt;

    @Column(name = "earlier_secret_sealed")
    private String earlierSecretSealed;

    @Column(name = "earlier_secret_expires_at")
    private Instant earlierSecretExpiresAt;

    @Column(nullable = false)
    private String method;

    @Column(name = "headers_sealed")
    private String headersSealed;

    @Column(name = "auth_type", nullable = false)
    private String authType;

    @Column(name = "credentials_sealed")
    private String credentialsSealed;

    @Column(name = "filters_json", nullable = false)
    private String filtersJson;

    @Column(name = "retry_policy_json", nullable = false)
    private String retryPolicyJson;

    @Column(name = "timeout_ms", nullable = false)
    private int timeoutMs;

    @Column(nullable = false)
    private String ordering;

    @Column(name = "options_json", nullable = false)
    private String optionsJson;

    @Column(name = "presentation_json")
    private String presentationJson;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SubscriptionStatus status;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** The URL whose endpoint confirmed it wants the deliveries; null until one did. */
    @Column(name = "validated_url")
    private String validatedUrl;

    @Column(name = "validation_token_hash")
    private String validationTokenHash;

    @Column(name = "validation_requested_at")
    private Instant validationRequestedAt;

    /** When the current run of failed attempts began; null after a success. */
    @Column(name = "failing_since")
    private Instant failingSince;

    @Column(name = "consecutive_failures", nullable = false)
    private int consecutiveFailures;

    @Column(name = "quota_used", nullable = false)
    private int quotaUsed;

    /** When the current quota period began (the last reset); null before the first delivery. */
    @Column(name = "quota_period_start")
    private Instant quotaPeriodStart;

    @Version
    private long version;

    protected Subscription() {}

    public Subscription(String id, String tenantId, String secretSealed, Instant createdAt) {
        super(id, tenantId, createdAt);
        this.secretSealed = secretSealed;
        this.updatedAt = createdAt;
    }

    public String name() {
        return name;
    }

    /**
     * The characters of settings this row stores (its sealed secrets aside, which are small):
     * what reading it costs. {@code Subscriptions.SETTINGS_WEIGHED} sums the same columns in a query.
     */
    public long storedChars() {
        return Stream.of(
                        url,
                        eventsJson,
                        headersSealed,
                        credentialsSealed,
                        filtersJson,
                        retryPolicyJson,
                        optionsJson,
                        presentationJson)
                .filter(Objects::nonNull)
                .mapToLong(String::length)
                .sum();
    }

    public String url() {
        return url;
    }

    public String eventsJson() {
        return eventsJson;
    }

    public String secretSealed() {
        return secretSealed;
    }

    /**
     * Signs with {@code sealed} from now on; the current secret keeps signing too until
     * {@code overlapEnds}, and so does the previous one until its own overlap ends, when this
     * rotation comes during it.
     */
    public void rotateSecret(String sealed, Instant now, Instant overlapEnds) {
        boolean previousSigns = previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now);
        this.earlierSecretSealed = previousSigns ? previousSecretSealed : null;
        this.earlierSecretExpiresAt = previousSigns ? previousSecretExpiresAt : null;
        this.previousSecretSealed = secretSealed;
        this.previousSecretExpiresAt = overlapEnds;
        this.secretSealed = sealed;
    }

    public String earlierSecretSealed() {
        return earlierSecretSealed;
    }

    public Instant earlierSecretExpiresAt() {
        return earlierSecretExpiresAt;
    }

    public String previousSecretSealed() {
        return previousSecretSealed;
    }

    public Instant previousSecretExpiresAt() {
        return previousSecretExpiresAt;
    }

    public String method() {
        return method;
    }

    public String headersSealed() {
        return headersSealed;
    }

    public String authType() {
        return authType;
    }

    public String credentialsSealed() {
        return credentialsSealed;
    }

    public String filtersJson() {
        return filtersJson;
    }

    public String retryPolicyJson() {
        return retryPolicyJson;
    }

    public int timeoutMs() {
        return timeoutMs;
    }

    public String ordering() {
        return ordering;
    }

    public String optionsJson() {
        return optionsJson;
    }

    public String presentationJson() {
        return presentationJson;
    }

    public SubscriptionStatus status() {
        return status;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Waits for the endpoint to confirm; {@code tokenHash} is the hash of the manual confirmation's token. */
    public void requestValidation(String tokenHash, Instant now) {
        this.status = SubscriptionStatus.PENDING_VALIDATION;
        this.validationTokenHash = tokenHash;
        this.validationRequestedAt = now;
    }

    /** The endpoint confirmed its URL: deliveries may start. */
    public void validated(Instant now) {
        this.status = SubscriptionStatus.ACTIVE;
        this.validatedUrl = url;
        this.validationTokenHash = null;
        this.validationRequestedAt = null;
        this.updatedAt = now;
    }

    public boolean isValidatedFor(String candidateUrl) {
        return candidateUrl.equals(validatedUrl);
    }

    public Instant validationRequestedAt() {
        return validationRequestedAt;
    }

    public int quotaUsed() {
        return quotaUsed;
    }

    public Instant quotaPeriodStart() {
        return quotaPeriodStart;
    }

    public Instant failingSince() {
        return failingSince;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Goes up with every change to what the subscription is set to, its status included (not with its health). */
    public long version() {
        return version;
    }

    /** A fresh start for a subscription turned back on: its old failures no longer count. */
    public void clearFailures() {
        this.failingSince = null;
        this.consecutiveFailures = 0;
    }

    /**
     * Takes what the tenant chose (in its stored form: JSON text and sealed values); the status
     * is the caller's to decide, by {@link #activate}, {@link #deactivate} or {@link #requestValidation}.
     */
    public void apply(Chosen chosen, Instant now) {
        this.name = chosen.name();
        this.url = chosen.url();
        this.eventsJson = chosen.eventsJson();
        this.method = chosen.method();
        this.headersSealed = chosen.headersSealed();
        this.authType = chosen.authType();
        this.credentialsSealed = chosen.credentialsSealed();
        this.filtersJson = chosen.filtersJson();
        this.retryPolicyJson = chosen.retryPolicyJson();
        this.timeoutMs = chosen.timeoutMs();
        this.ordering = chosen.ordering();
        this.optionsJson = chosen.optionsJson();
        this.presentationJson = chosen.presentationJson();
        this.expiresAt = chosen.expiresAt();
        this.updatedAt = now;
    }

    /** What a tenant chooses of a subscription, as stored. */
    public record Chosen(
            String name,
            String url,
            String eventsJson,
            String method,
            String headersSealed,
            String authType,
            String credentialsSealed,
            String filtersJson,
            String retryPolicyJson,
            int timeoutMs,
            String ordering,
            String optionsJson,
            String presentationJson,
            Instant expiresAt) {}

    /** Deliveries may go (its endpoint confirmed this URL, or validation is off). */
    public void activate() {
        this.status = SubscriptionStatus.ACTIVE;
    }

    /** No deliveries until it is turned on again. */
    public void deactivate() {
        this.status = SubscriptionStatus.INACTIVE;
    }

    /** Lives until {@code expiresAt} (null: for ever), as a renewal sets it. */
    public void expireAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    public void touch(Instant now) {
        this.updatedAt = now;
    }
}
