package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.delivery.entity.DeliveryStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The list AttemptLog hands to the guarded write is emptied once the write returns or throws:
 * Payara's {@code @Timeout} keeps a call's arguments for the whole bound (30 s), and a full list
 * kept the attempts, claims and payloads of 30 s of deliveries in the heap.
 */
class AttemptLogTest {

    private static FinishedAttempt finished(String delivery) {
        Claim claim = new Claim(
                delivery, "tnt_1", "token", null, new Claim.Work("sub_1", "build.finished", 0, null, "{}", null));
        return new FinishedAttempt(claim, "sub_1", null, DeliveryStatus.SUCCEEDED, null, true);
    }

    /** Records the list it was handed and how many attempts it held during the write. */
    private static final class Recording extends AttemptBatches {
        final List<List<FinishedAttempt>> handed = new ArrayList<>();
        final List<Integer> sizesDuringWrite = new ArrayList<>();
        final RuntimeException failure;

        Recording(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public List<Boolean> write(List<FinishedAttempt> batch) {
            handed.add(batch);
            sizesDuringWrite.add(batch.size());
            if (failure != null) {
                throw failure;
            }
            return batch.stream().map(attempt -> true).toList();
        }
    }

    @Test
    void theGuardedWriteSeesTheWholeBatchAndKeepsNoneOfItAfterwards() {
        AttemptLog log = new AttemptLog();
        Recording batches = new Recording(null);
        log.batches = batches;
        List<FinishedAttempt> batch = List.of(finished("dlv_1"), finished("dlv_2"));

        assertEquals(List.of(true, true), log.write(batch));

        assertEquals(List.of(2), batches.sizesDuringWrite);
        assertTrue(batches.handed.get(0).isEmpty(), "the list the guard may keep holds no attempt");
        assertEquals(2, batch.size(), "the caller's own list is untouched");
    }

    @Test
    void aWriteThatFailsKeepsNoneOfTheBatchEither() {
        AttemptLog log = new AttemptLog();
        Recording batches = new Recording(new IllegalStateException("lock conflict"));
        log.batches = batches;

        assertThrows(IllegalStateException.class, () -> log.write(List.of(finished("dlv_1"))));

        assertEquals(List.of(1), batches.sizesDuringWrite);
        assertTrue(batches.handed.get(0).isEmpty());
    }
}
