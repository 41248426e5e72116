package dev.herald.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A bearer token, kept only as its SHA-256 hash. */
@Entity
@Table(name = "api_tokens")
public class ApiToken {

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    /** True for the one token that {@code herald.admin-token} (or the first start) defines. */
    @Column(nullable = false)
    private boolean bootstrap;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ApiToken() {
    }

    public ApiToken(String id, String tenantId, String tokenHash, Role role, boolean bootstrap, Instant createdAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.tokenHash = tokenHash;
        this.role = role;
        this.bootstrap = bootstrap;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
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

    public Instant createdAt() {
        return createdAt;
    }
}
