package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClaimTest {

    private static final Instant NOW = Instant.parse("2026-12-03T17:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(3);

    private static Claim leasedUntil(Instant until, String payload) {
        return new Claim("dlv_1", "tnt_1", "token", until, new Claim.Work("sub_1", "build.finished", 0, null, payload));
    }

    @Test
    void aClaimIsYoungWhileTheLongestAttemptStillFitsInWhatIsLeftOfItsLease() {
        // Three minutes of lease: the longest attempt is 120 s, and 5 s go to taking it up and logging it.
        assertTrue(leasedUntil(NOW.plus(LEASE), "{}").isYoung(NOW, LEASE));
        assertTrue(leasedUntil(NOW.plusSeconds(126), "{}").isYoung(NOW, LEASE));
        assertFalse(leasedUntil(NOW.plusSeconds(125), "{}").isYoung(NOW, LEASE));
        assertFalse(leasedUntil(NOW.plusSeconds(91), "{}").isYoung(NOW, LEASE), "a 120 s attempt would outlast it");
        assertFalse(leasedUntil(NOW.minusSeconds(1), "{}").isYoung(NOW, LEASE));
    }

    @Test
    void underAShortLeaseAClaimIsYoungOnlyWhileItsShortenedAttemptFits() {
        Duration shortLease = Duration.ofSeconds(10); // attempts are cut to 5 s, plus a second to take one up
        assertTrue(leasedUntil(NOW.plusSeconds(7), "{}").isYoung(NOW, shortLease));
        assertFalse(leasedUntil(NOW.plusSeconds(6), "{}").isYoung(NOW, shortLease));
        // A long lease keeps half of it as the bound: what was read with the claim must still stand.
        Duration longLease = Duration.ofMinutes(30);
        assertFalse(leasedUntil(NOW.plus(longLease.dividedBy(2)), "{}").isYoung(NOW, longLease));
        assertTrue(leasedUntil(NOW.plus(longLease.dividedBy(2)).plusSeconds(1), "{}")
                .isYoung(NOW, longLease));
    }

    @Test
    void anAttemptIsBegunUnrenewedOnlyWhileItsLeaseOutlastsItsTimeoutWithHalfTheMarginToSpare() {
        Duration thirtySeconds = Duration.ofSeconds(30);
        assertTrue(leasedUntil(NOW.plusSeconds(33), "{}").outlasts(NOW, thirtySeconds, LEASE), "2.5 s to spare");
        assertFalse(leasedUntil(NOW.plusSeconds(32), "{}").outlasts(NOW, thirtySeconds, LEASE));
        assertFalse(
                leasedUntil(NOW.plusSeconds(126), "{}").outlasts(NOW.plusSeconds(10), Duration.ofSeconds(120), LEASE),
                "young when taken up, but ten seconds of statements later a 120 s attempt no longer fits");
        assertFalse(new Claim("dlv_1", "tnt_1", "token").outlasts(NOW, thirtySeconds, LEASE), "a lease not known");
        Claim renewed = new Claim("dlv_1", "tnt_1", "token").renewedUntil(NOW.plus(LEASE));
        assertTrue(renewed.outlasts(NOW, Duration.ofSeconds(120), LEASE));
    }

    @Test
    void aClaimWithNothingReadWithItIsNeverYoung() {
        assertFalse(new Claim("dlv_1", "tnt_1", "token").isYoung(NOW, LEASE));
        assertFalse(new Claim("dlv_1", "tnt_1", "token", NOW.plus(LEASE), null).isYoung(NOW, LEASE));
    }

    @Test
    void droppingThePayloadKeepsEverythingElse() {
        Claim carrying = leasedUntil(NOW.plus(LEASE), "{\"type\":\"build.finished\"}");

        Claim dropped = carrying.withoutPayload();

        assertNull(dropped.work().payload());
        assertEquals(
                new Claim(
                        "dlv_1", "tnt_1", "token", NOW.plus(LEASE), new Claim.Work("sub_1", "build.finished", 0, null)),
                dropped);
        Claim without = leasedUntil(NOW.plus(LEASE), null);
        assertSame(without, without.withoutPayload());
    }
}
