package dev.herald.inbound.boundary;

import dev.herald.inbound.control.ReceiptAccepted;
import dev.herald.inbound.control.ReceiptProcessor;
import dev.herald.platform.TenantTasks;
import dev.herald.platform.logging.LogIds;
import dev.herald.problems.ProblemMapper;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a receipt's processing once the sender's answer is on its way (after commit), on the
 * default managed executor, four of a tenant's at once, so one tenant's burst of webhooks
 * holds up only its own; {@link InboundUpkeep} takes up any an instance died with, or that
 * found the tenant's 1,024 waiting already, through {@link #takeUp}.
 */
@ApplicationScoped
public class ReceiptDispatch {

    private static final Logger LOG = Logger.getLogger(ReceiptDispatch.class.getName());
    private static final int AT_ONCE_PER_TENANT = 4;
    private static final int WAITING_PER_TENANT = 1_024;
    private static final int WAITING_IN_ALL = 4 * WAITING_PER_TENANT;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    ReceiptProcessor processor;

    private TenantTasks processing;

    /** Receipts waiting in a tenant's line on this instance, or being processed here. */
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void lines() {
        processing = new TenantTasks(executor, AT_ONCE_PER_TENANT, WAITING_PER_TENANT, WAITING_IN_ALL);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReceiptAccepted accepted) {
        if (!submit(accepted.receiptId(), accepted.tenantId())) {
            LogIds.receipt(accepted.receiptId())
                    .log(
                            LOG,
                            Level.INFO,
                            "Receipt " + accepted.receiptId() + " waits for the inbound upkeep: "
                                    + WAITING_PER_TENANT + " of its tenant's receipts (or " + WAITING_IN_ALL
                                    + " of all) wait to be processed already");
        }
    }

    /**
     * Takes up a receipt left processing, in its tenant's line like any other, unless this
     * instance has it in hand already (waiting in that line, or being processed): the upkeep
     * processed them on its own timer thread, one after another, so a busy tenant's line, whose
     * receipts looked stuck by their age, held up other tenants' recovery and the bodies' sweep.
     */
    public void takeUp(String receiptId, String tenantId) {
        if (!inHand.contains(receiptId)) {
            submit(receiptId, tenantId); // a full line: the next sweep tries again
        }
    }

    private boolean submit(String receiptId, String tenantId) {
        if (!inHand.add(receiptId)) {
            return true;
        }
        boolean taken = processing.submit(tenantId, () -> {
            try {
                process(processor, receiptId);
            } finally {
                inHand.remove(receiptId);
            }
        });
        if (!taken) {
            inHand.remove(receiptId);
        }
        return taken;
    }

    private static void process(ReceiptProcessor processor, String receiptId) {
        try {
            processor.process(receiptId);
        } catch (RuntimeException e) {
            if (ProblemMapper.isTransient(e)) { // a lock wait ran out, the database was away: not the receipt's fault
                LogIds.receipt(receiptId)
                        .log(
                                LOG,
                                Level.INFO,
                                "Processing receipt " + receiptId
                                        + " met a lock conflict or an outage; the inbound upkeep takes it up again",
                                e);
                return;
            }
            LogIds.receipt(receiptId).log(LOG, Level.INFO, "Processing receipt " + receiptId + " failed", e);
            processor.fail(receiptId, failure(ProblemMapper.meaningfulCause(e)));
        }
    }

    /**
     * What a failed receipt says: Herald's own refusal as it reads (a release that exists, a
     * field too long); the database's or the runtime's words, which name tables and constraints,
     * stay in the log, where the receipt's id finds them.
     */
    static String failure(Throwable cause) {
        boolean herald = cause.getClass().getName().startsWith("dev.herald.") && cause.getMessage() != null;
        return "Processing failed: "
                + (herald
                        ? cause.getMessage()
                        : "an unexpected " + cause.getClass().getSimpleName()
                                + " (the server's log has it under this receipt's id)");
    }
}
