package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.delivery.control.InFlightLimits.Admission;
import dev.herald.delivery.control.InFlightLimits.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InFlightLimitsTest {

    private static final Endpoint SLOW = Endpoint.of("t1", "https://slow.example/hooks");
    private static final Endpoint SLOW_OTHER_PATH = Endpoint.of("t1", "https://SLOW.example:443/other");
    private static final Endpoint FAST = Endpoint.of("t1", "https://fast.example/hooks");

    private static final Duration LEASE = Duration.ofMinutes(3);
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** A sending room no test of the caps alone reaches. */
    private static final long UNBOUNDED = Long.MAX_VALUE;
    /** A large payload's weight: more than a small one's, which weighs nothing. */
    private static final long LARGE = 100_000;

    private static Claim claim(String id, String tenant) {
        return new Claim(id, tenant, "token");
    }

    @Test
    void anEndpointIsAnOriginAsOneTenantSendsToIt() {
        assertEquals(SLOW, SLOW_OTHER_PATH);
        assertTrue(!SLOW.equals(Endpoint.of("t2", "https://slow.example/hooks")));
        assertTrue(!SLOW.equals(Endpoint.of("t1", "http://slow.example/hooks")));
    }

    @Test
    void aFullEndpointParksItsDeliveriesWhileOtherEndpointsAndTenantsGoOn() {
        InFlightLimits limits = new InFlightLimits(4, 2, 10, UNBOUNDED);
        assertEquals(Admission.GO, limits.admit(SLOW, claim("s1", "t1"), 0));
        assertEquals(Admission.GO, limits.admit(SLOW_OTHER_PATH, claim("s2", "t1"), 0));
        assertEquals(Admission.PARKED, limits.admit(SLOW, claim("s3", "t1"), 0));
        assertEquals(Admission.GO, limits.admit(FAST, claim("f1", "t1"), 0));
        Endpoint otherTenant = Endpoint.of("t2", "https://slow.example/hooks");
        assertEquals(Admission.GO, limits.admit(otherTenant, claim("o1", "t2"), 0));
        assertEquals(Admission.GO, limits.admit(otherTenant, claim("o2", "t2"), 0));
        assertEquals(1, limits.parkedCount());
    }

    @Test
    void aFullTenantParksEvenForAnIdleEndpoint() {
        InFlightLimits limits = new InFlightLimits(2, 2, 10, UNBOUNDED);
        limits.admit(SLOW, claim("s1", "t1"), 0);
        limits.admit(FAST, claim("f1", "t1"), 0);
        assertEquals(Admission.PARKED, limits.admit(Endpoint.of("t1", "https://idle.example"), claim("i1", "t1"), 0));
    }

    @Test
    void aReleaseHandsBackTheOldestParkedDeliveryThatNowHasRoom() {
        InFlightLimits limits = new InFlightLimits(3, 1, 10, UNBOUNDED);
        limits.admit(SLOW, claim("s1", "t1"), 0);
        limits.admit(FAST, claim("f1", "t1"), 0);
        limits.admit(SLOW, claim("s2", "t1"), 0);
        limits.admit(FAST, claim("f2", "t1"), 0);
        assertEquals(
                Optional.of("f2"),
                limits.release(FAST, 0).map(Claim::deliveryId),
                "the slow endpoint is still full, so its older parked delivery waits");
        assertEquals(Admission.GO, limits.admit(FAST, claim("f2", "t1"), 0));
        assertEquals(Optional.of("s2"), limits.release(SLOW, 0).map(Claim::deliveryId));
        assertEquals(Optional.empty(), limits.release(FAST, 0).map(Claim::deliveryId));
        assertEquals(0, limits.parkedCount());
    }

    @Test
    void aPlaceHandedOnButNotTakenIsFilledAtTheNextSettleAsFarAsTheCapsAllow() {
        InFlightLimits limits = new InFlightLimits(2, 1, 10, UNBOUNDED);
        limits.admit(SLOW, claim("s1", "t1"), 0);
        limits.admit(SLOW, claim("s2", "t1"), 0);
        limits.admit(SLOW, claim("s3", "t1"), 0);
        limits.admit(SLOW, claim("s4", "t1"), 0);
        assertEquals(Optional.of("s2"), limits.release(SLOW, 0).map(Claim::deliveryId));
        assertEquals(
                List.of(),
                limits.settle(Instant.now(), LEASE, GRACE).withRoom(),
                "the place is s2's until a worker has taken s2 up");
        // s2 takes no place after all (its claim ran out, say): nothing is in flight, and no
        // release will ever come to hand on s3.
        var settled = limits.settle(Instant.now().plus(GRACE).plusMillis(1), LEASE, GRACE);
        assertEquals(List.of("s3"), ids(settled.withRoom()), "one place free: the oldest goes");
        assertEquals(List.of(), settled.ageing());
        assertEquals(Admission.GO, limits.admit(SLOW, claim("s3", "t1"), 0));
        assertEquals(
                List.of(),
                limits.settle(Instant.now().plus(GRACE).plusMillis(1), LEASE, GRACE)
                        .withRoom(),
                "s3 has the place now");
        assertEquals(1, limits.parkedCount());
    }

    @Test
    void aDeliveryParkedForHalfItsLeaseIsTakenOutToBeGivenBackBeforeItsClaimRunsOut() {
        InFlightLimits limits = new InFlightLimits(1, 1, 10, UNBOUNDED);
        Instant now = Instant.now();
        limits.admit(SLOW, claim("s1", "t1"), 0);
        limits.admit(SLOW, new Claim("leased", "t1", "token", now.plus(LEASE), null), 0);
        limits.admit(SLOW, new Claim("older", "t1", "token", now.plus(LEASE).minusSeconds(60), null), 0);
        limits.admit(SLOW, claim("unknown", "t1"), 0);
        assertEquals(
                List.of("older"),
                ids(limits.settle(now.plusSeconds(31), LEASE, GRACE).ageing()));
        assertEquals(List.of(), limits.settle(now.plusSeconds(80), LEASE, GRACE).ageing(), "more than half left");
        var settled = limits.settle(now.plusSeconds(95), LEASE, GRACE);
        assertEquals(List.of("leased", "unknown"), ids(settled.ageing()));
        assertEquals(List.of(), settled.withRoom(), "s1 still holds the one place");
        assertEquals(0, limits.parkedCount());
    }

    private static List<String> ids(List<Claim> claims) {
        return claims.stream().map(Claim::deliveryId).toList();
    }

    @Test
    void pastTheBacklogADeliveryIsFullAndGoesBackToTheDatabase() {
        InFlightLimits limits = new InFlightLimits(1, 1, 2, UNBOUNDED);
        limits.admit(SLOW, claim("s1", "t1"), 0);
        assertEquals(Admission.PARKED, limits.admit(SLOW, claim("s2", "t1"), 0));
        assertEquals(Admission.PARKED, limits.admit(SLOW, claim("s3", "t1"), 0));
        assertEquals(0, limits.backlogRoom("t1"));
        assertEquals(Admission.FULL, limits.admit(SLOW, claim("s4", "t1"), 0));
        assertEquals(2, limits.backlogRoom("t2"));
        limits.release(SLOW, 0);
        assertEquals(1, limits.backlogRoom("t1"), "the oldest parked delivery went on");
        assertEquals(
                Admission.GO,
                limits.admit(Endpoint.of("t2", "https://slow.example"), claim("o1", "t2"), 0),
                "another tenant's backlog is its own");
    }

    @Test
    void aTenantWithAFullBacklogParkedIsLeftOutOfClaimsEvenWithAPlaceFreeForAnotherEndpoint() {
        InFlightLimits limits = new InFlightLimits(2, 1, 1, UNBOUNDED);
        limits.admit(SLOW, claim("s1", "t1"), 0);
        assertEquals(Set.of(), limits.fullBacklogs(), "nothing parked yet");
        limits.admit(SLOW, claim("s2", "t1"), 0);
        assertFalse(limits.backlogFull("t1"), "a delivery to another endpoint could still go");
        assertEquals(Set.of("t1"), limits.fullBacklogs());
        limits.release(SLOW, 0);
        assertEquals(Set.of(), limits.fullBacklogs(), "the parked delivery went on");
    }

    @Test
    void aFullBacklogIsKnownBeforeADeliveryIsOpened() {
        InFlightLimits limits = new InFlightLimits(2, 1, 1, UNBOUNDED);
        limits.admit(SLOW, claim("s1", "t1"), 0);
        assertFalse(limits.backlogFull("t1"), "nothing parked yet");
        limits.admit(SLOW, claim("s2", "t1"), 0);
        assertFalse(limits.backlogFull("t1"), "a tenant place is free: a delivery to another endpoint can go");
        limits.admit(FAST, claim("f1", "t1"), 0);
        assertTrue(limits.backlogFull("t1"));
        assertEquals(Admission.FULL, limits.admit(Endpoint.of("t1", "https://idle.example"), claim("i1", "t1"), 0));
        assertFalse(limits.backlogFull("t2"), "another tenant's backlog is its own");
        limits.release(SLOW, 0);
        assertFalse(limits.backlogFull("t1"), "the parked delivery went on");
    }

    @Test
    void besideOtherInstancesEachKeepsItsPartOfTheCapsAndAtLeastOnePlace() {
        InFlightLimits limits = new InFlightLimits(8, 6, 10, UNBOUNDED);
        limits.share(3);
        assertEquals(Admission.GO, limits.admit(SLOW, claim("s1", "t1"), 0));
        assertEquals(Admission.GO, limits.admit(SLOW, claim("s2", "t1"), 0));
        assertEquals(Admission.PARKED, limits.admit(SLOW, claim("s3", "t1"), 0), "6 places among 3 instances: 2 here");
        limits.share(10);
        assertEquals(
                Admission.PARKED,
                limits.admit(FAST, claim("f1", "t1"), 0),
                "8 tenant places among 10 instances: still one each, and this tenant has two in flight");
        limits.share(1);
        assertEquals(Admission.GO, limits.admit(FAST, claim("f2", "t1"), 0), "alone again: all the places");
    }

    @Test
    void givingBackTakesTheNewestOfTheBiggestBacklogFirst() {
        InFlightLimits limits = new InFlightLimits(1, 1, 10, UNBOUNDED);
        limits.admit(SLOW, claim("busy", "t1"), 0);
        limits.admit(Endpoint.of("t2", "https://slow.example"), claim("other", "t2"), 0);
        for (int i = 1; i <= 4; i++) {
            limits.admit(SLOW, claim("t1-" + i, "t1"), 0);
        }
        limits.admit(Endpoint.of("t2", "https://slow.example"), claim("t2-1", "t2"), 0);
        assertEquals(
                List.of("t1-4", "t1-3", "t1-2"),
                limits.shed(2).stream().map(Claim::deliveryId).toList());
        assertEquals(2, limits.parkedCount());
        assertEquals(
                Optional.of("t1-1"),
                limits.release(SLOW, 0).map(Claim::deliveryId),
                "the oldest parked delivery stayed, next in line");
        assertEquals(List.of(), limits.shed(5));
    }

    private static Claim carrying(String id, String tenant, int payloadChars) {
        return new Claim(
                id,
                tenant,
                "token",
                Instant.now().plusSeconds(180),
                new Claim.Work("sub_1", "build.finished", 0, null, "x".repeat(payloadChars)));
    }

    @Test
    void aParkedDeliveryKeepsItsPayloadWithinTheBudgets() {
        InFlightLimits limits = new InFlightLimits(1, 1, 10, UNBOUNDED);
        int half = (int) (InFlightLimits.TENANT_PARKED_CHARS / 2);
        limits.admit(SLOW, carrying("s0", "t1", 10), 0);
        limits.admit(SLOW, carrying("s1", "t1", half), 0);
        limits.admit(SLOW, carrying("s2", "t1", half), 0);
        limits.admit(SLOW, carrying("s3", "t1", 1), 0);

        Claim first = limits.release(SLOW, 0).orElseThrow();
        assertEquals("s1", first.deliveryId());
        assertEquals(half, first.work().payload().length(), "within the tenant's budget");
        Claim second = limits.release(SLOW, 0).orElseThrow();
        assertEquals(half, second.work().payload().length(), "the budget is exactly full");
        assertNull(limits.release(SLOW, 0).orElseThrow().work().payload(), "parked past the budget: read again");

        assertEquals(Admission.GO, limits.admit(SLOW, carrying("s4", "t1", 1), 0));
        assertEquals(Admission.PARKED, limits.admit(SLOW, carrying("s5", "t1", half), 0));
        assertEquals(
                half, limits.release(SLOW, 0).orElseThrow().work().payload().length(), "released, given back");
    }

    @Test
    void theInstancesBudgetBindsAcrossTenants() {
        int tenants = (int) (InFlightLimits.PARKED_CHARS / InFlightLimits.TENANT_PARKED_CHARS);
        InFlightLimits limits = new InFlightLimits(1, 1, 10, UNBOUNDED);
        for (int t = 0; t <= tenants; t++) {
            Endpoint endpoint = Endpoint.of("t" + t, "https://slow.example");
            limits.admit(endpoint, carrying("a" + t, "t" + t, 1), 0);
            limits.admit(endpoint, carrying("p" + t, "t" + t, (int) InFlightLimits.TENANT_PARKED_CHARS), 0);
        }
        int kept = 0;
        for (int t = 0; t <= tenants; t++) {
            String payload = limits.release(Endpoint.of("t" + t, "https://slow.example"), 0)
                    .orElseThrow()
                    .work()
                    .payload();
            kept += payload == null ? 0 : 1;
        }
        assertEquals(tenants, kept, "one tenant's parked payload was over the instance's budget");
    }

    @Test
    void onlyLargePayloadsWeighAndTheReadmesHeapSendsTenOfOneMebibyteAtOnce() {
        assertEquals(0, InFlightLimits.weight(InFlightLimits.UNWEIGHED_CHARS));
        assertEquals(65_537, InFlightLimits.weight(65_537));
        long room = InFlightLimits.sendingRoomOf(320L << 20);
        assertEquals(10, room / (1 << 20));
    }

    /**
     * Large payloads in flight are bounded by the tenant's part of the sending room (a quarter)
     * and by the room in all; a place that gives room back goes to another tenant's delivery
     * that waited for it first, so tenants streaming large payloads cannot keep it out.
     */
    @Test
    void largePayloadsInFlightAreBoundedPerTenantAndInAllAndTheRoomGoesToOthersWaitingFirst() {
        InFlightLimits limits = new InFlightLimits(32, 16, 10, 8 * LARGE);
        for (int t = 1; t <= 4; t++) {
            Endpoint endpoint = Endpoint.of("t" + t, "https://slow.example");
            assertEquals(Admission.GO, limits.admit(endpoint, claim("a" + t, "t" + t), LARGE));
            assertEquals(Admission.GO, limits.admit(endpoint, claim("b" + t, "t" + t), LARGE));
        }
        Endpoint fifth = Endpoint.of("t5", "https://other.example");
        assertEquals(Admission.PARKED, limits.admit(fifth, claim("e1", "t5"), LARGE), "the instance's room is full");
        assertEquals(Admission.PARKED, limits.admit(SLOW, claim("c1", "t1"), LARGE), "the tenant's part is full");
        assertEquals(Admission.GO, limits.admit(SLOW, claim("small", "t1"), 0), "a small payload weighs nothing");

        assertEquals("e1", limits.release(SLOW, LARGE).orElseThrow().deliveryId(), "the fifth tenant's turn");
        assertEquals(Admission.GO, limits.admit(fifth, claim("e1", "t5"), LARGE));
        assertEquals(Admission.PARKED, limits.admit(SLOW, claim("c2", "t1"), LARGE), "the room is full again");
        Endpoint second = Endpoint.of("t2", "https://slow.example");
        assertEquals("c1", limits.release(second, LARGE).orElseThrow().deliveryId(), "the longest waiting");
        assertEquals(Optional.empty(), limits.release(SLOW, 0), "the room given back is kept for c1");
        assertEquals(Admission.GO, limits.admit(SLOW, claim("c1", "t1"), LARGE));
    }

    /**
     * The room given back to another tenant's delivery is kept for it until its worker has it: a
     * large delivery that reaches a worker first does not take it (the one handed on would park
     * again, at the back), unless both fit.
     */
    @Test
    void theRoomHandedOnIsKeptForItsDeliveryUntilItsWorkerHasIt() {
        InFlightLimits limits = new InFlightLimits(32, 16, 10, 8 * LARGE);
        for (int t = 1; t <= 4; t++) {
            Endpoint endpoint = Endpoint.of("t" + t, "https://slow.example");
            limits.admit(endpoint, claim("a" + t, "t" + t), LARGE);
            limits.admit(endpoint, claim("b" + t, "t" + t), LARGE);
        }
        Endpoint fifth = Endpoint.of("t5", "https://other.example");
        assertEquals(Admission.PARKED, limits.admit(fifth, claim("e1", "t5"), LARGE));
        assertEquals("e1", limits.release(SLOW, LARGE).orElseThrow().deliveryId());

        assertEquals(Admission.PARKED, limits.admit(SLOW, claim("c1", "t1"), LARGE), "the room is e1's");
        assertEquals(Admission.GO, limits.admit(SLOW, claim("small", "t1"), 0));
        assertEquals(Admission.GO, limits.admit(fifth, claim("e1", "t5"), LARGE), "its worker has it");
        assertEquals(
                "c1",
                limits.release(Endpoint.of("t2", "https://slow.example"), LARGE)
                        .orElseThrow()
                        .deliveryId());
        assertEquals(Admission.GO, limits.admit(SLOW, claim("c1", "t1"), LARGE));
    }

    /** A tick does not give the room kept for a delivery handed on to another parked one either. */
    @Test
    void aTickKeepsTheRoomHandedOnForItsDelivery() {
        InFlightLimits limits = new InFlightLimits(32, 16, 10, 8 * LARGE);
        for (int t = 1; t <= 4; t++) {
            limits.admit(Endpoint.of("t" + t, "https://a.example"), claim("a" + t, "t" + t), 2 * LARGE);
        }
        Endpoint fifth = Endpoint.of("t5", "https://a.example");
        assertEquals(Admission.PARKED, limits.admit(fifth, claim("e", "t5"), LARGE));
        assertEquals(Admission.PARKED, limits.admit(Endpoint.of("t6", "https://a.example"), claim("f", "t6"), LARGE));
        assertEquals(
                "e",
                limits.release(Endpoint.of("t1", "https://a.example"), LARGE)
                        .orElseThrow()
                        .deliveryId());

        assertEquals(List.of(), limits.settle(Instant.now(), LEASE, GRACE).withRoom(), "the room left is e's");
        assertEquals(Admission.GO, limits.admit(fifth, claim("e", "t5"), LARGE));
    }

    /** A delivery that fits the room waits behind another tenant's larger one that waits only for it. */
    @Test
    void aLargePayloadDoesNotPassAnotherTenantsLargerOneWaitingForTheRoom() {
        InFlightLimits limits = new InFlightLimits(32, 16, 10, 8 * LARGE);
        for (int t = 1; t <= 3; t++) {
            assertEquals(
                    Admission.GO,
                    limits.admit(Endpoint.of("t" + t, "https://a.example"), claim("a" + t, "t" + t), 2 * LARGE));
        }
        assertEquals(
                Admission.GO, limits.admit(Endpoint.of("t4", "https://a.example"), claim("a4", "t4"), LARGE + 20_000));
        assertEquals(Admission.PARKED, limits.admit(Endpoint.of("t5", "https://a.example"), claim("e", "t5"), LARGE));
        assertEquals(
                Admission.PARKED,
                limits.admit(Endpoint.of("t6", "https://a.example"), claim("f", "t6"), 70_000),
                "it would fit, but the fifth tenant's waits for the room");
        assertEquals(Admission.GO, limits.admit(Endpoint.of("t6", "https://a.example"), claim("g", "t6"), 0));
    }

    /** A place is handed on only to a delivery that may take it: one that parks again is read again for nothing. */
    @Test
    void aPlaceIsNotHandedToADeliveryThatMustWaitBehindAnotherTenants() {
        InFlightLimits limits = new InFlightLimits(2, 16, 10, 8 * LARGE);
        for (int t = 2; t <= 4; t++) {
            assertEquals(
                    Admission.GO,
                    limits.admit(Endpoint.of("t" + t, "https://a.example"), claim("a" + t, "t" + t), 2 * LARGE));
        }
        assertEquals(Admission.GO, limits.admit(SLOW, claim("large", "t1"), LARGE));
        assertEquals(Admission.GO, limits.admit(SLOW, claim("small", "t1"), 0));
        Endpoint fifth = Endpoint.of("t5", "https://a.example");
        assertEquals(Admission.PARKED, limits.admit(fifth, claim("e", "t5"), 2 * LARGE), "the room is full");
        assertEquals(Admission.PARKED, limits.admit(SLOW, claim("c", "t1"), LARGE), "its count is full");

        assertEquals(
                Optional.empty(), limits.release(SLOW, 0), "c fits, but the fifth tenant's waits for the room first");
        assertEquals(
                "e",
                limits.release(Endpoint.of("t2", "https://a.example"), 2 * LARGE)
                        .orElseThrow()
                        .deliveryId());
    }

    @Test
    void aPayloadLargerThanItsTenantsPartGoesWhenTheTenantSendsNoOtherLargeOne() {
        InFlightLimits limits = new InFlightLimits(32, 16, 10, 4 * LARGE);
        assertEquals(Admission.GO, limits.admit(SLOW, claim("huge", "t1"), 3 * LARGE));
        assertEquals(Admission.PARKED, limits.admit(SLOW, claim("next", "t1"), 3 * LARGE));
        assertEquals(Admission.GO, limits.admit(SLOW, claim("small", "t1"), 0));
        assertEquals("next", limits.release(SLOW, 3 * LARGE).orElseThrow().deliveryId());
        assertEquals(Admission.GO, limits.admit(SLOW, claim("next", "t1"), 3 * LARGE));
    }

    @Test
    void aTickLetsParkedLargePayloadsGoOnlyAsFarAsTheRoomHoldsThem() {
        InFlightLimits limits = new InFlightLimits(32, 16, 10, 8 * LARGE);
        assertEquals(Admission.GO, limits.admit(SLOW, claim("a", "t1"), LARGE));
        assertEquals(Admission.GO, limits.admit(SLOW, claim("b", "t1"), LARGE));
        assertEquals(Admission.PARKED, limits.admit(SLOW, claim("c", "t1"), LARGE));
        assertEquals(Admission.PARKED, limits.admit(SLOW, claim("d", "t1"), LARGE));
        Instant later = Instant.now().plusSeconds(5); // past the hand-on grace

        assertEquals(List.of(), limits.settle(later, LEASE, GRACE).withRoom(), "the part is full, its count is not");
        assertEquals("c", limits.release(SLOW, LARGE).orElseThrow().deliveryId());
        assertEquals(Admission.GO, limits.admit(SLOW, claim("c", "t1"), LARGE));
        assertEquals(List.of(), limits.settle(later, LEASE, GRACE).withRoom(), "full again");
    }
}
