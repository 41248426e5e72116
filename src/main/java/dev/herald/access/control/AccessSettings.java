package dev.herald.access.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The access feature's settings, checked when it first starts. */
@ApplicationScoped
public class AccessSettings {

    @Inject
    @ConfigProperty(name = "herald.admin-token")
    Optional<String> adminToken;

    @Inject
    @ConfigProperty(name = "herald.auth.token-cache", defaultValue = "PT5S")
    Duration tokenCache;

    @Inject
    @ConfigProperty(name = "herald.calls-at-once-per-tenant", defaultValue = "8")
    int callsAtOncePerTenant;

    @Inject
    @ConfigProperty(name = "herald.reads-at-once-per-tenant", defaultValue = "2")
    int readsAtOncePerTenant;

    @PostConstruct
    void check() {
        if (adminToken.isPresent() && adminToken.get().isBlank()) {
            throw new IllegalStateException(
                    "herald.admin-token must not be blank; leave it unset to have one generated");
        }
        if (tokenCache.isNegative() || tokenCache.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalStateException(
                    "herald.auth.token-cache must be from PT0S (off) to PT5M, not " + tokenCache);
        }
        if (callsAtOncePerTenant < 1 || callsAtOncePerTenant > 64) {
            throw new IllegalStateException(
                    "herald.calls-at-once-per-tenant must be from 1 to 64, not " + callsAtOncePerTenant);
        }
        if (readsAtOncePerTenant < 1 || readsAtOncePerTenant > 64) {
            throw new IllegalStateException(
                    "herald.reads-at-once-per-tenant must be from 1 to 64, not " + readsAtOncePerTenant);
        }
    }

    /** The platform admin's token, when the operator chose it (otherwise one is generated at first start). */
    public Optional<String> adminToken() {
        return adminToken.map(String::trim);
    }

    /** How long an instance remembers a token it checked: the longest a revoked token still works there. */
    public Duration tokenCache() {
        return tokenCache;
    }

    /** How many of a tenant's calls an instance runs at once (its request threads); the next ones wait in line. */
    public int callsAtOncePerTenant() {
        return callsAtOncePerTenant;
    }

    /**
     * How many of a tenant's reads ({@code GET}, {@code HEAD}) an instance runs at once, apart
     * from its other calls; the next ones wait in line.
     */
    public int readsAtOncePerTenant() {
        return readsAtOncePerTenant;
    }
}
