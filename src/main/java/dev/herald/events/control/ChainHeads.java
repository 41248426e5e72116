package dev.herald.events.control;

import dev.herald.access.control.TenantCreated;
import dev.herald.events.entity.ChainHead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** Starts a tenant's chain, committed on its own so that the first appends can lock it. */
@ApplicationScoped
public class ChainHeads {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /**
     * A new tenant's chain starts with the tenant, so its first events never race to start it
     * (concurrent first appends each tried, and some failed).
     */
    void onTenantCreated(@Observes TenantCreated created) {
        em.persist(new ChainHead(created.tenantId()));
    }

    /** For a tenant that has no chain yet (one whose creation predates this), committed on its own. */
    @Transactional(TxType.REQUIRES_NEW)
    public void start(String tenantId) {
        em.persist(new ChainHead(tenantId));
    }
}
