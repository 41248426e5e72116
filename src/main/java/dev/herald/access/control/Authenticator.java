package dev.herald.access.control;

import dev.herald.access.entity.ApiToken;
import dev.herald.access.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds the stored token a presented bearer token hashes to. A token found is remembered for
 * {@code herald.auth.token-cache} (5 s by default), so a busy client costs one query per
 * period instead of one per call. Revoking a token forgets it at once on the instance that
 * revoked it; on other instances it lives at most that long. Unknown tokens are not
 * remembered (someone guessing tokens must not fill the memory).
 */
@ApplicationScoped
public class Authenticator {

    /** Tokens remembered at most; beyond, the cache starts afresh. */
    static final int MAX_REMEMBERED = 10_000;

    /** Who a valid token acts for. */
    public record Authenticated(String tokenId, String tenantId, Role role) {
    }

    private record Remembered(Authenticated who, long untilNanos) {
    }

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "herald.auth.token-cache", defaultValue = "PT5S")
    String tokenCache;

    private long rememberNanos;
    private final Map<String, Remembered> byHash = new ConcurrentHashMap<>();

    @PostConstruct
    void readSettings() {
        Duration remember = Duration.parse(tokenCache);
        if (remember.isNegative() || remember.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalStateException("herald.auth.token-cache must be from PT0S (off) to PT5M, not "
                    + tokenCache);
        }
        rememberNanos = remember.toNanos();
    }

    public Optional<Authenticated> authenticate(String presentedToken) {
        String hash = TokenCodec.hash(presentedToken);
        long now = System.nanoTime();
        Remembered remembered = byHash.get(hash);
        if (remembered != null && remembered.untilNanos() - now > 0) {
            return Optional.of(remembered.who());
        }
        Optional<Authenticated> found = em.createQuery(
                        "SELECT t FROM ApiToken t WHERE t.tokenHash = :hash", ApiToken.class)
                .setParameter("hash", hash).getResultStream().findFirst()
                .map(token -> new Authenticated(token.id(), token.tenantId(), token.role()));
        if (found.isEmpty()) {
            byHash.remove(hash);
        } else if (rememberNanos > 0) {
            if (byHash.size() >= MAX_REMEMBERED) {
                byHash.clear();
            }
            byHash.put(hash, new Remembered(found.get(), now + rememberNanos));
        }
        return found;
    }

    /** Forgets a revoked token on this instance, once its removal has committed. */
    public void forget(String tokenId) {
        byHash.values().removeIf(remembered -> remembered.who().tokenId().equals(tokenId));
    }
}
