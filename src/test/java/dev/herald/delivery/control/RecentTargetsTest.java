package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.subscriptions.control.DeliveryTarget;
import dev.herald.subscriptions.control.SubscriptionRoutes;
import dev.herald.subscriptions.entity.SubscriptionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentTargetsTest {

    /** When the deliveries were claimed: before every read the tests make. */
    private static final Instant CLAIMED = Instant.now().minusSeconds(1);

    private final List<String> reads = new ArrayList<>();
    private final RecentTargets targets = new RecentTargets();
    /** What happens while the next read is under way (another worker's failure being logged). */
    private Runnable duringRead = () -> {};

    @BeforeEach
    void wire() {
        targets.routes = new SubscriptionRoutes() {
            @Override
            public Optional<DeliveryTarget> target(String subscriptionId) {
                reads.add(subscriptionId);
                duringRead.run();
                duringRead = () -> {};
                return subscriptionId.equals("wh_deleted")
                        ? Optional.empty()
                        : Optional.of(new DeliveryTarget(
                                subscriptionId, "tnt_1", SubscriptionStatus.ACTIVE, null, List.of("whsec_1"), 0));
            }
        };
    }

    /** The subscription as read to match an event; its health tells it from the workers' own reads. */
    private static SubscriptionAsRead matched(String subscriptionId, Instant readAt) {
        return new SubscriptionAsRead(
                new DeliveryTarget(subscriptionId, "tnt_1", SubscriptionStatus.ACTIVE, null, List.of("whsec_1"), 3),
                readAt);
    }

    @Test
    void aBurstToOneSubscriptionReadsItOnceAMoment() {
        Instant now = Instant.now();
        for (int i = 0; i < 100; i++) {
            assertEquals("wh_a", targets.of("wh_a", CLAIMED, now).orElseThrow().subscriptionId());
        }
        targets.of("wh_b", CLAIMED, now);

        assertEquals(List.of("wh_a", "wh_b"), reads);
    }

    @Test
    void aSubscriptionReadLongerAgoThanItStandsForIsReadAgain() {
        Instant now = Instant.now();
        targets.of("wh_a", CLAIMED, now);
        targets.of("wh_a", CLAIMED, now.plus(RecentTargets.FRESH_FOR).minusMillis(500));
        assertEquals(1, reads.size(), "still fresh");

        targets.of("wh_a", CLAIMED, now.plus(RecentTargets.FRESH_FOR).plusMillis(500));

        assertEquals(2, reads.size(), "a change to the subscription applies to attempts made after that");
    }

    @Test
    void aFailedAttemptHasTheNextOneReadTheSubscriptionAgain() {
        Instant now = Instant.now();
        targets.of("wh_a", CLAIMED, now);

        targets.forget("wh_a");
        targets.of("wh_a", CLAIMED, now);

        assertEquals(List.of("wh_a", "wh_a"), reads);
    }

    @Test
    void aDeletedSubscriptionIsRememberedAsDeletedToo() {
        Instant now = Instant.now();

        assertTrue(targets.of("wh_deleted", CLAIMED, now).isEmpty());
        assertTrue(targets.of("wh_deleted", CLAIMED, now).isEmpty());

        assertEquals(List.of("wh_deleted"), reads);
    }

    @Test
    void aReadFromBeforeADeliveryWasClaimedDoesNotServeIt() {
        Instant now = Instant.now();
        targets.of("wh_a", CLAIMED, now);

        targets.of("wh_a", now.plusSeconds(1), now.plusSeconds(1));
        targets.of("wh_a", CLAIMED, now.plusSeconds(1));

        assertEquals(
                List.of("wh_a", "wh_a"),
                reads,
                "an event recorded after a change to its subscription is sent as the change says; one read serves"
                        + " the deliveries claimed before it");
    }

    @Test
    void aDeliveryMadeAtFanOutIsSentAsItsSubscriptionWasMatchedWithoutARead() {
        Instant now = Instant.now();
        SubscriptionAsRead matched = matched("wh_a", CLAIMED);

        assertEquals(matched.target(), targets.of("wh_a", matched, now).orElseThrow());
        targets.of("wh_a", CLAIMED.minusMillis(1), now);

        assertEquals(List.of(), reads, "the read it carries serves it, and the deliveries claimed before it");
    }

    @Test
    void aLaterReadSupersedesTheOneADeliveryCarries() {
        Instant now = Instant.now();
        targets.of("wh_a", CLAIMED, now);

        DeliveryTarget sentWith =
                targets.of("wh_a", matched("wh_a", CLAIMED), now).orElseThrow();

        assertEquals(0, sentWith.consecutiveFailures(), "the later read's, not the carried one's");
        assertEquals(List.of("wh_a"), reads);
    }

    @Test
    void aFailureLoggedSinceTheMatchHasTheSubscriptionReadAgain() {
        Instant now = Instant.now();
        targets.forget("wh_a");

        DeliveryTarget sentWith =
                targets.of("wh_a", matched("wh_a", CLAIMED), now).orElseThrow();

        assertEquals(0, sentWith.consecutiveFailures(), "its health as stored after the failure");
        assertEquals(List.of("wh_a"), reads);
    }

    @Test
    void aDeliveryThatWaitedLongerThanItsReadStandsForIsReadAgain() {
        targets.of(
                "wh_a",
                matched("wh_a", CLAIMED),
                CLAIMED.plus(RecentTargets.FRESH_FOR).plusMillis(1));

        assertEquals(List.of("wh_a"), reads);
    }

    @Test
    void aWideFanOutKeepsAThousandReadsAtMost() {
        Instant now = Instant.now();
        for (int i = 0; i < 1_500; i++) {
            targets.of("wh_" + i, CLAIMED, now);
        }
        reads.clear();

        targets.of("wh_1499", CLAIMED, now);
        targets.of("wh_0", CLAIMED, now);

        assertEquals(List.of("wh_0"), reads, "the latest thousand are kept, the oldest dropped");
    }

    @Test
    void aReadUnderWayWhenAFailureIsLoggedIsNotKept() {
        Instant now = Instant.now();
        duringRead = () -> targets.forget("wh_a");

        targets.of("wh_a", CLAIMED, now);
        targets.of("wh_a", CLAIMED, now);

        assertEquals(
                List.of("wh_a", "wh_a"),
                reads,
                "the first read may show the health as it was before the failure: the next attempt reads again");
    }
}
