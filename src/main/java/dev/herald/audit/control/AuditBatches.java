package dev.herald.audit.control;

import dev.herald.audit.entity.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.util.Collections;
import java.util.List;

/** Writes a batch of audit entries in one transaction; a bean of its own so the transaction wraps each batch. */
@ApplicationScoped
public class AuditBatches {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Transactional
    public List<Boolean> write(List<AuditEntry> entries) {
        AuditRows.insert(em.unwrap(Connection.class), entries);
        return Collections.nCopies(entries.size(), Boolean.TRUE);
    }
}
