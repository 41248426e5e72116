package dev.herald.subscriptions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A webhook subscription as stored. Lists and nested settings are JSON text; the secret,
 * the custom headers and the credentials are sealed (AES-GCM) and never stored in clear.
 */
@Entity
@Table(name = "subscriptions")
public class Subscription {

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

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

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

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

    protected Subscription() {
    }

    public Subscription(String id, String tenantId, String secretSealed, Instant createdAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.secretSealed = secretSealed;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getEventsJson() {
        return eventsJson;
    }

    public void setEventsJson(String eventsJson) {
        this.eventsJson = eventsJson;
    }

    public String getSecretSealed() {
        return secretSealed;
    }

    /** Signs with {@code sealed} from now on; the current secret keeps signing too until {@code overlapEnds}. */
    public void rotateSecret(String sealed, Instant overlapEnds) {
        this.previousSecretSealed = secretSealed;
        this.previousSecretExpiresAt = overlapEnds;
        this.secretSealed = sealed;
    }

    public String getPreviousSecretSealed() {
        return previousSecretSealed;
    }

    public Instant getPreviousSecretExpiresAt() {
        return previousSecretExpiresAt;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getHeadersSealed() {
        return headersSealed;
    }

    public void setHeadersSealed(String headersSealed) {
        this.headersSealed = headersSealed;
    }

    public String getAuthType() {
        return authType;
    }

    public void setAuthType(String authType) {
        this.authType = authType;
    }

    public String getCredentialsSealed() {
        return credentialsSealed;
    }

    public void setCredentialsSealed(String credentialsSealed) {
        this.credentialsSealed = credentialsSealed;
    }

    public String getFiltersJson() {
        return filtersJson;
    }

    public void setFiltersJson(String filtersJson) {
        this.filtersJson = filtersJson;
    }

    public String getRetryPolicyJson() {
        return retryPolicyJson;
    }

    public void setRetryPolicyJson(String retryPolicyJson) {
        this.retryPolicyJson = retryPolicyJson;
    }

    public int getTimeoutMs() {
        return timeoutMs;
    }

    public void setTimeoutMs(int timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public String getOrdering() {
        return ordering;
    }

    public void setOrdering(String ordering) {
        this.ordering = ordering;
    }

    public String getOptionsJson() {
        return optionsJson;
    }

    public void setOptionsJson(String optionsJson) {
        this.optionsJson = optionsJson;
    }

    public String getPresentationJson() {
        return presentationJson;
    }

    public void setPresentationJson(String presentationJson) {
        this.presentationJson = presentationJson;
    }

    public SubscriptionStatus getStatus() {
        return status;
    }

    public void setStatus(SubscriptionStatus status) {
        this.status = status;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
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

    public Instant getValidationRequestedAt() {
        return validationRequestedAt;
    }

    public int getQuotaUsed() {
        return quotaUsed;
    }

    public Instant getQuotaPeriodStart() {
        return quotaPeriodStart;
    }

    public Instant getFailingSince() {
        return failingSince;
    }

    public int getConsecutiveFailures() {
        return consecutiveFailures;
    }

    /** A fresh start for a subscription turned back on: its old failures no longer count. */
    public void clearFailures() {
        this.failingSince = null;
        this.consecutiveFailures = 0;
    }

    public void touch(Instant now) {
        this.updatedAt = now;
    }
}
