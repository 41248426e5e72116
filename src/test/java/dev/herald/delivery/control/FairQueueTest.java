package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FairQueueTest {

    private static Claim claim(String tenant, int n) {
        return new Claim(tenant + "-" + n, tenant, "token");
    }

    @Test
    void aTenantsBurstDoesNotDelayAnotherTenantsNextClaim() throws InterruptedException {
        FairQueue queue = new FairQueue();
        for (int i = 0; i < 1000; i++) {
            queue.add(claim("noisy", i));
        }
        queue.add(claim("quiet", 0));
        assertEquals("noisy-0", queue.take().deliveryId());
        assertEquals("quiet-0", queue.take().deliveryId(), "the quiet tenant is served second, not 1001st");
        assertEquals(999, queue.size());
        assertEquals(999, queue.queued("noisy"));
        assertEquals(0, queue.queued("quiet"));
    }

    @Test
    void tenantsAreServedInTurnAndEachInItsOwnOrder() throws InterruptedException {
        FairQueue queue = new FairQueue();
        queue.add(claim("a", 1));
        queue.add(claim("a", 2));
        queue.add(claim("a", 3));
        queue.add(claim("b", 1));
        queue.add(claim("c", 1));
        queue.add(claim("c", 2));
        List<String> order = new ArrayList<>();
        while (queue.size() > 0) {
            order.add(queue.take().deliveryId());
        }
        assertEquals(List.of("a-1", "b-1", "c-1", "a-2", "c-2", "a-3"), order);
    }

    @Test
    void givingBackLeavesTheQuietTenantsClaimsAndTheNoisyTenantsOldest() throws InterruptedException {
        FairQueue queue = new FairQueue();
        for (int i = 0; i < 5; i++) {
            queue.add(claim("noisy", i));
        }
        queue.add(claim("quiet", 0));
        queue.add(claim("gone", 0));
        List<Claim> shed = queue.shed(3);
        assertEquals(
                List.of("noisy-4", "noisy-3", "noisy-2", "noisy-1"),
                shed.stream().map(Claim::deliveryId).toList());
        assertEquals(3, queue.size());
        List<String> left = new ArrayList<>();
        while (queue.size() > 0) {
            left.add(queue.take().deliveryId());
        }
        assertEquals(List.of("noisy-0", "quiet-0", "gone-0"), left);
        assertEquals(List.of(), queue.shed(0), "nothing left to give");
    }

    /** Each claim wakes one waiting worker, so none is left waiting while a claim is queued. */
    @Test
    void everyClaimReachesAWaitingWorkerWhenTheyAllWaitAtOnce() throws InterruptedException {
        FairQueue queue = new FairQueue();
        int workers = 32;
        Set<String> taken = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (int round = 0; round < 50; round++) {
                for (int w = 0; w < workers; w++) {
                    pool.execute(() -> {
                        try {
                            taken.add(queue.take().deliveryId());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
                for (int c = 0; c < workers; c++) {
                    queue.add(claim("t" + (c % 3), round * workers + c));
                }
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "a worker still waits: a wake-up was lost");
            assertEquals(50 * workers, taken.size());
            assertEquals(0, queue.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Claim carrying(String tenant, int n, int payloadChars) {
        return new Claim(
                tenant + "-" + n,
                tenant,
                "token",
                Instant.now().plusSeconds(180),
                new Claim.Work("sub_1", "build.finished", 0, null, "x".repeat(payloadChars)));
    }

    @Test
    void queuedClaimsKeepTheirPayloadsWithinTheTenantsBudgetAndGiveThemBackWhenTaken() throws InterruptedException {
        FairQueue queue = new FairQueue();
        int quarter = (int) (FairQueue.TENANT_QUEUED_CHARS / 4);
        for (int i = 0; i < 5; i++) {
            queue.add(carrying("burst", i, quarter));
        }
        queue.add(carrying("other", 0, quarter));

        assertEquals(5L * quarter, queue.carriedChars(), "four of the burst's and the other tenant's");
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Claim taken = queue.take();
            kept.add(taken.carriedChars());
        }
        assertEquals(
                List.of(quarter, quarter, quarter, quarter, quarter, 0),
                kept,
                "burst-0, other-0, burst-1..3 kept theirs; burst-4 was past its tenant's budget");
        assertEquals(0, queue.carriedChars());
        queue.add(carrying("burst", 5, quarter));
        assertEquals(quarter, queue.take().carriedChars(), "taken claims gave their characters back");
    }

    @Test
    void theQueuesBudgetBindsAcrossTenantsAndSheddingGivesItBack() {
        FairQueue queue = new FairQueue();
        int tenants = (int) (FairQueue.QUEUED_CHARS / FairQueue.TENANT_QUEUED_CHARS);
        for (int t = 0; t <= tenants; t++) {
            queue.add(carrying("t" + t, 0, (int) FairQueue.TENANT_QUEUED_CHARS));
        }
        assertEquals(FairQueue.QUEUED_CHARS, queue.carriedChars(), "the last tenant's claim waits without its payload");

        queue.shed(0);

        assertEquals(0, queue.carriedChars());
        assertEquals(0, queue.size());
    }
}
