package dev.herald.access.control;

import dev.herald.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a token's {@code lastUsedAt} to the minute: written when the token is looked up (not
 * on every call: the authenticator remembers tokens) and at most once a minute, so a busy
 * client does not turn each of its calls into a write.
 */
@ApplicationScoped
public class TokenUse {

    static final Duration PRECISION = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** Whether a use last noted then should be noted again: checked before any transaction begins. */
    static boolean isStale(Instant lastNoted) {
        return lastNoted == null || !lastNoted.plus(PRECISION).isAfter(Times.now());
    }

    /** Notes that the token is in use now, unless another request noted it less than a minute ago. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void noteUse(String tokenId) {
        Instant now = Times.now();
        em.createQuery("UPDATE ApiToken t SET t.lastUsedAt = :now WHERE t.id = :id"
                        + " AND (t.lastUsedAt IS NULL OR t.lastUsedAt < :stale)")
                .setParameter("now", now)
                .setParameter("id", tokenId)
                .setParameter("stale", now.minus(PRECISION))
                .executeUpdate();
    }
}
