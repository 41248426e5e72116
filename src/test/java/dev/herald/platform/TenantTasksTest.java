package dev.herald.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantTasksTest {

    private final ExecutorService shared = Executors.newCachedThreadPool();
    private final List<String> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        shared.shutdownNow();
    }

    private Runnable task(String name, CountDownLatch release) {
        return () -> {
            started.add(name);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void aTenantsTasksBeyondItsShareWaitInItsOwnLineWhileAnotherTenantsRun() {
        TenantTasks tasks = new TenantTasks(shared, 2, 3, 100);
        CountDownLatch slowEnds = new CountDownLatch(1);
        for (int i = 0; i < 5; i++) {
            assertTrue(tasks.submit("slow", task("slow-" + i, slowEnds)));
        }
        assertFalse(tasks.submit("slow", task("slow-5", slowEnds)), "its line holds three");
        CountDownLatch otherEnds = new CountDownLatch(0);
        assertTrue(tasks.submit("other", task("other", otherEnds)));

        waitUntilStarted(3);
        assertEquals(
                List.of("other"),
                started.stream().filter(name -> !name.startsWith("slow")).toList());
        assertEquals(2, started.stream().filter(name -> name.startsWith("slow")).count(), "two of the slow ones");

        slowEnds.countDown();
        waitUntilStarted(6);
        assertEquals(
                List.of("slow-2", "slow-3", "slow-4"),
                started.subList(3, 6).stream().sorted().toList(),
                "the waiting ones, once places were free");
    }

    private void waitUntilStarted(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> started.size() >= count);
        assertEquals(count, started.size(), "started: " + started);
    }
}
