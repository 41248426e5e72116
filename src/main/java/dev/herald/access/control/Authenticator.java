package dev.herald.access.control;

import dev.herald.access.entity.ApiToken;
import dev.herald.access.entity.Role;
import dev.herald.access.entity.Scope;
import dev.herald.platform.Times;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the stored token a presented bearer token hashes to. A token found is remembered for
 * {@code herald.auth.token-cache} (5 s by default), so a busy client costs one query per
 * period instead of one per call. Revoking a token forgets it at once on the instance that
 * revoked it; on other instances it lives at most that long. Unknown tokens are not
 * remembered (someone guessing tokens must not fill the memory). An expired token is refused
 * from its expiry on, remembered or not.
 */
@ApplicationScoped
public class Authenticator {

    /** Tokens remembered at most; beyond, the cache starts afresh. */
    static final int MAX_REMEMBERED = 10_000;

    /** Who a valid token acts for, and what it may do. */
    public record Authenticated(
            String tokenId, String tenantId, Role role, String actor, Set<Scope> scopes, Instant expiresAt) {

        static Authenticated of(ApiToken token) {
            return new Authenticated(
                    token.id(), token.tenantId(), token.role(), token.actor(), token.scopes(), token.expiresAt());
        }

        /** Valid, or expired from its expiry on. */
        Outcome outcome() {
            return expiresAt != null && !Times.now().isBefore(expiresAt) ? new Expired(expiresAt) : new Valid(this);
        }
    }

    /** What a presented token turned out to be. */
    public sealed interface Outcome {}

    public record Valid(Authenticated who) implements Outcome {}

    public record Expired(Instant expiredAt) implements Outcome {}

    public record Unknown() implements Outcome {}

    private record Remembered(Authenticated who, long untilNanos) {}

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    TokenUse tokenUse;

    @Inject
    AccessSettings settings;

    private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());

    private long rememberNanos;
    private final Map<String, Remembered> byHash = new ConcurrentHashMap<>();

    @PostConstruct
    void readSettings() {
        rememberNanos = settings.tokenCache().toNanos();
    }

    public Outcome authenticate(String presentedToken) {
        String hash = TokenCodec.hash(presentedToken);
        long now = System.nanoTime();
        Remembered remembered = byHash.get(hash);
        Authenticated who;
        if (remembered != null && remembered.untilNanos() - now > 0) {
            who = remembered.who();
        } else {
            Optional<ApiToken> stored = em.createQuery(
                            "SELECT t FROM ApiToken t WHERE t.tokenHash = :hash", ApiToken.class)
                    .setParameter("hash", hash)
                    .getResultStream()
                    .findFirst();
            if (stored.isEmpty()) {
                byHash.remove(hash);
                return new Unknown();
            }
            ApiToken token = stored.get();
            who = Authenticated.of(token);
            if (TokenUse.isStale(token.lastUsedAt())) {
                try {
                    tokenUse.noteUse(token.id());
                } catch (RuntimeException e) { // a lock conflict: another request is noting the same use
                    LOG.log(Level.FINE, "Could not note the use of token " + token.id(), e);
                }
            }
            if (rememberNanos > 0) {
                if (byHash.size() >= MAX_REMEMBERED) {
                    byHash.clear();
                }
                byHash.put(hash, new Remembered(who, now + rememberNanos));
            }
        }
        return who.outcome();
    }

    /**
     * The token of that id as it is now, for the console, whose session keeps only the id: a
     * token revoked (or expired) since the person signed in ends their session at once.
     */
    public Outcome current(String tokenId) {
        ApiToken token = em.find(ApiToken.class, tokenId);
        return token == null ? new Unknown() : Authenticated.of(token).outcome();
    }

    /** Forgets a revoked token on this instance, once its removal has committed. */
    public void forget(String tokenId) {
        byHash.values().removeIf(remembered -> remembered.who().tokenId().equals(tokenId));
    }
}
