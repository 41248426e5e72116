package dev.herald.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Room for work in progress on one instance, shared out twice: each tenant has a share of its own
 * and all of them together the instance's. Taking room never waits: what does not fit is refused
 * at once (a 429 by the caller's choice), so a request thread is never held by someone else's load.
 */
public final class TenantShares {

    private final int perTenant;
    private final Semaphore instance;
    private final Map<String, Semaphore> tenants = new ConcurrentHashMap<>();

    public TenantShares(int perTenant, int perInstance) {
        this.perTenant = perTenant;
        this.instance = new Semaphore(perInstance);
    }

    /** Room taken, given back by {@link #close()}. */
    public interface Place extends AutoCloseable {

        @Override
        void close();
    }

    /**
     * Takes {@code amount} from the tenant's share and from the instance's, or neither: throws what
     * {@code tenantFull} or {@code instanceFull} supplies when that one has not enough left.
     */
    public Place take(
            String tenantId,
            int amount,
            Supplier<? extends RuntimeException> tenantFull,
            Supplier<? extends RuntimeException> instanceFull) {
        Semaphore tenant = tenants.computeIfAbsent(tenantId, id -> new Semaphore(perTenant));
        if (!tenant.tryAcquire(amount)) {
            throw tenantFull.get();
        }
        if (!instance.tryAcquire(amount)) {
            tenant.release(amount);
            throw instanceFull.get();
        }
        return () -> {
            instance.release(amount);
            tenant.release(amount);
        };
    }
}
