package dev.herald.access.control;

import dev.herald.access.entity.ApiToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Finds the stored token a presented bearer token hashes to. */
@ApplicationScoped
public class Authenticator {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    public Optional<ApiToken> authenticate(String presentedToken) {
        return em.createQuery("SELECT t FROM ApiToken t WHERE t.tokenHash = :hash", ApiToken.class)
                .setParameter("hash", TokenCodec.hash(presentedToken))
                .getResultStream().findFirst();
    }
}
