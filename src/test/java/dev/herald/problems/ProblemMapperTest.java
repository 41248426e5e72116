package dev.herald.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

    @Test
    void aLockTimeoutIsAConflictToRetryEvenWhenTheDriverPutsItsOwnExceptionBeneathIt() {
        // As H2 reports a lock held past its timeout: JPA's exception, the driver's SQLException
        // (state HYT00), and beneath that H2's storage exception, which is not an SQLException.
        var storage = new IllegalStateException("Map entry is locked by tx 11 and can not be updated by tx 12");
        var driver = new SQLException("Timeout trying to lock table \"EVENT_CHAIN_HEADS\"", "HYT00", 50200, storage);
        var thrown = new PessimisticLockException(driver);

        Problem problem = ProblemMapper.problemOf(thrown);

        assertEquals(409, problem.status());
        assertEquals("conflict", problem.slug());
    }

    @Test
    void anotherDatabaseFailureStaysAnInternalError() {
        var driver = new SQLException("General error", "HY000", 50000, new IllegalStateException("storage"));

        assertEquals(
                500,
                ProblemMapper.problemOf(new PessimisticLockException(driver)).status());
    }
}
