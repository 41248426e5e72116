package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The step that writes one batch of {@link AttemptLog}, retried, each try in a transaction of
 * its own, when two instances' batches collide on a lock. (A bean of its own so that the retry
 * wraps the transaction, not the other way round.) Its time bound is the database's, each
 * statement's ({@link DeliveryLedger#recordAll}): a Fault Tolerance {@code @Timeout} here was
 * one in name only. Payara cannot interrupt a PostgreSQL statement, so the bound stopped
 * nothing, and it judged the call after it returned, after its commit: a batch that committed
 * late was reported failed and written again item by item, its attempts logged twice. It also
 * cost each batch a scan of the class path for context providers (Payara captures thread
 * context for the timer of every call), a fifth of the batch's own CPU under single publishes.
 */
@ApplicationScoped
public class AttemptBatches {

    @Inject
    DeliveryLedger ledger;

    @Retry(
            maxRetries = 2,
            delay = 50,
            jitter = 25,
            retryOn = {PersistenceException.class, TransactionalException.class})
    public List<Boolean> write(List<FinishedAttempt> batch) {
        return ledger.recordAll(batch);
    }
}
