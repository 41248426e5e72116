package dev.herald.governance.license.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.problems.ConflictException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LicenseTest {

    private static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant EXPIRES = ISSUED.plusSeconds(3600);

    @Test
    void aLeaseWhoseTimeHasComeIsNotRevokedThoughTheTimerHasNotExpiredItYet() {
        License lease = new License("lic_1", "ten_1", "shop", "acme", EXPIRES, ISSUED);
        ConflictException refused = assertThrows(ConflictException.class, () -> lease.revoke(EXPIRES));
        assertTrue(refused.getMessage().contains("is expired (at " + EXPIRES + ")"), refused.getMessage());
        assertEquals(LicenseStatus.ACTIVE, lease.status(), "left to the timer, which raises license.expired");
        assertTrue(lease.expireIfDue(EXPIRES));
    }

    @Test
    void aLeaseIsRevokedBeforeItsTimeAndThenNeverExpires() {
        License lease = new License("lic_1", "ten_1", "shop", "acme", EXPIRES, ISSUED);
        lease.revoke(EXPIRES.minusMillis(1));
        assertEquals(LicenseStatus.REVOKED, lease.status());
        assertEquals(false, lease.expireIfDue(EXPIRES));
    }
}
