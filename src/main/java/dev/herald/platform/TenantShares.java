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

    /**
     * Takes {@code amount} from the tenant's share and from the instance's, or neither: throws what
     * {@code tenantFull} or {@code instanceFull} supplies when that one has not enough left.
     */
    public Place take(
            String tenantId,
            int amount,
            Supplier<? extends RuntimeException> tenantFull,
            Supplier<? extends RuntimeException> instanceFull) {
        Place place = empty(tenantId);
        place.widen(amount, tenantFull, instanceFull);
        return place;
    }

    /** A place holding nothing yet, for work whose size shows as it goes ({@link Place#widen}). */
    public Place empty(String tenantId) {
        return new Place(tenants.computeIfAbsent(tenantId, id -> new Semaphore(perTenant)));
    }

    /** Room held by one piece of work (one thread's), given back by {@link #close()}. */
    public final class Place implements AutoCloseable {

        private final Semaphore tenant;
        private int held;

        private Place(Semaphore tenant) {
            this.tenant = tenant;
        }

        /** Takes {@code amount} more for the same work, or nothing, as {@link #take} does. */
        public synchronized void widen(
                int amount,
                Supplier<? extends RuntimeException> tenantFull,
                Supplier<? extends RuntimeException> instanceFull) {
            if (!tenant.tryAcquire(amount)) {
                throw tenantFull.get();
            }
            if (!instance.tryAcquire(amount)) {
                tenant.release(amount);
                throw instanceFull.get();
            }
            held += amount;
        }

        /** Gives all of it back; closing again, from any thread, gives nothing. */
        @Override
        public synchronized void close() {
            instance.release(held);
            tenant.release(held);
            held = 0;
        }
    }
}
