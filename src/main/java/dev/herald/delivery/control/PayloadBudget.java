package dev.herald.delivery.control;

import java.util.HashMap;
import java.util.Map;

/**
 * How many payload characters the claims waiting in memory may keep, per tenant and in all: a
 * claim beyond either budget waits without its payload and its worker reads it. One tenant's
 * burst of large events can then neither fill the heap nor take another tenant's share. Not
 * thread-safe: its owner calls it under its own lock.
 */
final class PayloadBudget {

    private final long perTenant;
    private final long total;
    private final Map<String, Long> heldByTenant = new HashMap<>();
    private long held;

    PayloadBudget(long perTenant, long total) {
        this.perTenant = perTenant;
        this.total = total;
    }

    /** The claim as it may wait: with its payload, counted, while both budgets have room for it; else without. */
    Claim hold(Claim claim) {
        long chars = claim.carriedChars();
        if (chars == 0) {
            return claim;
        }
        if (heldByTenant.getOrDefault(claim.tenantId(), 0L) + chars > perTenant || held + chars > total) {
            return claim.withoutPayload();
        }
        heldByTenant.merge(claim.tenantId(), chars, Long::sum);
        held += chars;
        return claim;
    }

    /** Gives back the characters of a claim {@link #hold} answered, now that it no longer waits. */
    Claim release(Claim claim) {
        long chars = claim.carriedChars();
        if (chars > 0) {
            heldByTenant.computeIfPresent(claim.tenantId(), (tenant, kept) -> kept <= chars ? null : kept - chars);
            held -= chars;
        }
        return claim;
    }

    long held() {
        return held;
    }
}
