package dev.herald.inbound.entity;

import dev.herald.platform.TenantRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A sender Herald accepts webhooks from, and how it proves who it is. The secret and the
 * token are sealed (AES-GCM); they are never stored or shown in plain text.
 */
@Entity
@Table(name = "integrations")
public class Integration extends TenantRecord {

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private IntegrationType type;

    @Column(name = "secret_sealed")
    private String secretSealed;

    @Column(name = "token_sealed")
    private String tokenSealed;

    @Column(name = "signature_header")
    private String signatureHeader;

    @Column(name = "signature_algorithm")
    private String signatureAlgorithm;

    @Column(name = "timestamp_header")
    private String timestampHeader;

    @Column(name = "tolerance_seconds")
    private Integer toleranceSeconds;

    @Column(name = "filters_json", nullable = false)
    private String filtersJson;

    @Column(nullable = false)
    private boolean enabled;

    /** Set for good when the integration is created: whether its pushes may fire release triggers. */
    @Column(name = "feeds_releases", nullable = false)
    private boolean feedsReleases;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Integration() {}

    /**
     * @param feedsReleases whether its pushes may fire components' release triggers, which raise
     *     governance events: only if the caller that set it up held {@code govern}
     */
    public Integration(String id, String tenantId, boolean feedsReleases, Instant now) {
        super(id, tenantId, now);
        this.feedsReleases = feedsReleases;
        this.updatedAt = now;
    }

    /** Sets everything a client chooses; sealed values as sealed by the caller. */
    public void configure(
            String newName,
            IntegrationType newType,
            String newSecretSealed,
            String newTokenSealed,
            String newSignatureHeader,
            String newSignatureAlgorithm,
            String newTimestampHeader,
            Integer newToleranceSeconds,
            String newFiltersJson,
            boolean newEnabled,
            Instant now) {
        this.name = newName;
        this.type = newType;
        this.secretSealed = newSecretSealed;
        this.tokenSealed = newTokenSealed;
        this.signatureHeader = newSignatureHeader;
        this.signatureAlgorithm = newSignatureAlgorithm;
        this.timestampHeader = newTimestampHeader;
        this.toleranceSeconds = newToleranceSeconds;
        this.filtersJson = newFiltersJson;
        this.enabled = newEnabled;
        this.updatedAt = now;
    }

    public String name() {
        return name;
    }

    public IntegrationType type() {
        return type;
    }

    public String secretSealed() {
        return secretSealed;
    }

    public String tokenSealed() {
        return tokenSealed;
    }

    public String signatureHeader() {
        return signatureHeader;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public String timestampHeader() {
        return timestampHeader;
    }

    public Integer toleranceSeconds() {
        return toleranceSeconds;
    }

    public String filtersJson() {
        return filtersJson;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean feedsReleases() {
        return feedsReleases;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
