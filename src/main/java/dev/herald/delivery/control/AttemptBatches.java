package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The step that writes one batch of {@link AttemptLog}, guarded where it does real work: a
 * time bound on the whole batch, and a retry, each try in a transaction of its own, when two
 * instances' batches collide on a lock. (A bean of its own so that the guards wrap the
 * transaction, not the other way round.)
 */
@ApplicationScoped
public class AttemptBatches {

    @Inject
    DeliveryLedger ledger;

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(
            maxRetries = 2,
            delay = 50,
            jitter = 25,
            retryOn = {PersistenceException.class, TransactionalException.class})
    public List<Boolean> write(List<FinishedAttempt> batch) {
        return ledger.recordAll(batch);
    }
}
