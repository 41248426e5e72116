package dev.herald.events.control;

import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

/**
 * The tenants whose chain head this transaction has locked: a batch of events chains its
 * second and later events on the head it already holds, without flushing and locking again.
 */
@TransactionScoped
public class HeldChainHeads implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Set<String> tenants = new HashSet<>();

    boolean holds(String tenantId) {
        return tenants.contains(tenantId);
    }

    void hold(String tenantId) {
        tenants.add(tenantId);
    }
}
