package dev.herald.events.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.platform.TenantShares;
import dev.herald.problems.TooManyRequestsProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchPublishGateTest {

    private static final long LARGEST = 8 * 1024 * 1024;

    private final BatchPublishGate gate = new BatchPublishGate();

    @BeforeEach
    void shareTheLargestBatch() {
        gate.createShares(LARGEST);
    }

    @Test
    void aTenantHasOneLargestBatchInProgressAtATimeAndItsSmallerOnesWithinThat() {
        TenantShares.Place largest = gate.enter("t1", OptionalLong.of(LARGEST));
        assertThrows(TooManyRequestsProblem.class, () -> gate.enter("t1", OptionalLong.of(1)));
        gate.enter("t2", OptionalLong.of(LARGEST)).close(); // another tenant is not held back
        largest.close();

        List<TenantShares.Place> small = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            small.add(gate.enter("t1", OptionalLong.of(LARGEST / 64)));
        }
        assertThrows(TooManyRequestsProblem.class, () -> gate.enter("t1", OptionalLong.of(1)));
        small.forEach(TenantShares.Place::close);
        gate.enter("t1", OptionalLong.of(LARGEST)).close();
    }

    @Test
    void theInstanceTakesFourTenantsShareAtOnceAndGivesItBack() {
        List<TenantShares.Place> places = new ArrayList<>();
        for (int tenant = 0; tenant < BatchPublishGate.TENANT_SHARES_AT_ONCE; tenant++) {
            places.add(gate.enter("t" + tenant, OptionalLong.of(LARGEST)));
        }
        var refused = assertThrows(TooManyRequestsProblem.class, () -> gate.enter("t9", OptionalLong.of(1024)));
        assertEquals(1, refused.retryAfterSeconds());

        places.remove(0).close();
        gate.enter("t9", OptionalLong.of(LARGEST)).close();
        // The refused attempt gave its tenant's share back: t9 could take all of it just now.
        places.forEach(TenantShares.Place::close);
    }

    @Test
    void aBodyOfUnknownOrExcessiveLengthCountsAsTheLargestAllowed() {
        try (TenantShares.Place unknown = gate.enter("t1", OptionalLong.empty())) {
            assertThrows(TooManyRequestsProblem.class, () -> gate.enter("t1", OptionalLong.of(1)));
        }
        try (TenantShares.Place excessive = gate.enter("t1", OptionalLong.of(Long.MAX_VALUE))) {
            assertThrows(TooManyRequestsProblem.class, () -> gate.enter("t1", OptionalLong.of(1)));
        }
        gate.enter("t1", OptionalLong.of(LARGEST)).close();
    }
}
