package dev.herald.access.entity;

import dev.herald.platform.TenantRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;

/**
 * A bearer token, kept only as its SHA-256 hash: who it acts for ({@code actor}), what it may
 * do ({@code scopes}, fixed at issue) and until when.
 */
@Entity
@Table(name = "api_tokens")
public class ApiToken extends TenantRecord {

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    /** Who acts with this token, a person or a system ({@code release-bot}); events and the audit name it. */
    @Column(nullable = false)
    private String actor;

    /** The token's scopes as {@link Scope#encode} writes them; never changed after issue. */
    @Column(nullable = false)
    private String scopes;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    /** True for the one token that {@code herald.admin-token} (or the first start) defines. */
    @Column(nullable = false)
    private boolean bootstrap;

    protected ApiToken() {}

    public ApiToken(
            String id,
            String tenantId,
            String tokenHash,
            Role role,
            boolean bootstrap,
            String actor,
            Set<Scope> scopes,
            Instant expiresAt,
            Instant createdAt) {
        super(id, tenantId, createdAt);
        this.tokenHash = tokenHash;
        this.role = role;
        this.bootstrap = bootstrap;
        this.actor = actor;
        this.scopes = Scope.encode(scopes);
        this.expiresAt = expiresAt;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public void replaceHash(String hash) {
        this.tokenHash = hash;
    }

    public Role role() {
        return role;
    }

    public boolean bootstrap() {
        return bootstrap;
    }

    public String actor() {
        return actor;
    }

    public Set<Scope> scopes() {
        return Scope.decode(scopes);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
