package dev.herald.events.control;

import dev.herald.platform.TenantShares;
import dev.herald.platform.json.JsonBodies;
import dev.herald.problems.TooManyRequestsProblem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Bounds the bytes of batch publishes an instance ingests at once. A batch body costs many times
 * its size while it is parsed, checked and written, and a few tenants sending their largest
 * batches at the same moment exhausted the heap; on H2 the embedded database then closes itself,
 * which fails every tenant until a restart. So each tenant may have one largest batch's worth of
 * bytes in ingestion (any number of smaller batches within that), and the instance four tenants'
 * worth; beyond either, a batch is refused with 429 before its body is read.
 */
@ApplicationScoped
public class BatchPublishGate {

    /** How many tenants' full shares the instance ingests at once. */
    static final int TENANT_SHARES_AT_ONCE = 4;

    @Inject
    JsonBodies bodies;

    /** Counted in KiB, so that the largest body allowed fits a semaphore's int. */
    private int tenantShareKib;

    private TenantShares shares;

    @PostConstruct
    void createShares() {
        createShares(bodies.maxBatchBodyBytes());
    }

    void createShares(long largestBatchBytes) {
        tenantShareKib = kib(largestBatchBytes);
        shares = new TenantShares(tenantShareKib, tenantShareKib * TENANT_SHARES_AT_ONCE);
    }

    /**
     * Room for a batch of the tenant that declared {@code contentLength} bytes (a body longer than
     * its declared length cannot arrive); one that declared none is counted at the largest size allowed.
     */
    public TenantShares.Place enter(String tenantId, OptionalLong contentLength) {
        return shares.take(
                tenantId,
                Math.min(tenantShareKib, kib(contentLength.orElse(Long.MAX_VALUE))),
                () -> new TooManyRequestsProblem(
                        "This tenant's batches being written already hold its share of " + tenantShareKib
                                + " KiB; send the next one when one has been answered, or send smaller batches",
                        Duration.ofSeconds(1)),
                () -> new TooManyRequestsProblem(
                        "Herald is writing as many batch publishes as it allows at once; try again shortly",
                        Duration.ofSeconds(1)));
    }

    private static int kib(long bytes) {
        long kib = bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / TENANT_SHARES_AT_ONCE, kib));
    }
}
