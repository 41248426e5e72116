package dev.herald.events.control;

import dev.herald.events.entity.ChainHead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** Starts a tenant's chain, committed on its own so that the first appends can lock it. */
@ApplicationScoped
public class ChainHeads {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Transactional(TxType.REQUIRES_NEW)
    public void start(String tenantId) {
        em.persist(new ChainHead(tenantId));
    }
}
