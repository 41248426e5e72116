package dev.herald.events.control;

import dev.herald.platform.TransactionLocals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;

/**
 * The tenants whose chain head this transaction has locked: a batch of events chains its
 * second and later events on the head it already holds, without flushing and locking again.
 */
@ApplicationScoped
public class HeldChainHeads {

    private static final Object TENANTS = new Object();

    @Inject
    TransactionLocals transaction;

    boolean holds(String tenantId) {
        return tenants().contains(tenantId);
    }

    void hold(String tenantId) {
        tenants().add(tenantId);
    }

    private Set<String> tenants() {
        return transaction.get(TENANTS, HashSet::new);
    }
}
