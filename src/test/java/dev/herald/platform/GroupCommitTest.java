package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.problems.ProblemMapper;
import dev.herald.problems.UnavailableProblem;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService writers = Executors.newFixedThreadPool(2);
    private final ExecutorService callers = Executors.newFixedThreadPool(20);
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        writers.shutdownNow();
        callers.shutdownNow();
    }

    @Test
    void aLoneItemIsWrittenAtOnceInABatchOfOne() {
        GroupCommit<String, String> lane = new GroupCommit<>(
                batch -> batch.stream().map(String::toUpperCase).toList(), 10, batchSizes::add);

        assertEquals("A", lane.submit("a", writers, WAIT));
        assertEquals(List.of(1), batchSizes);
    }

    @Test
    void itemsArrivingWhileABatchIsWrittenGoTogetherInTheNextAndEachCallerGetsItsOwnResult() throws Exception {
        CountDownLatch firstBatchWriting = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupCommit<Integer, Integer> lane = new GroupCommit<>(
                batch -> {
                    firstBatchWriting.countDown();
                    await(othersQueued);
                    return batch.stream().map(i -> i * 10).toList();
                },
                100,
                batchSizes::add);

        Future<Integer> first = callers.submit(() -> lane.submit(0, writers, WAIT));
        await(firstBatchWriting);
        List<Future<Integer>> others = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            int item = i;
            others.add(callers.submit(() -> lane.submit(item, writers, WAIT)));
        }
        awaitQueued(lane, 15);
        othersQueued.countDown();

        assertEquals(0, first.get());
        for (int i = 0; i < others.size(); i++) {
            assertEquals((i + 1) * 10, others.get(i).get());
        }
        assertEquals(List.of(1, 15), batchSizes);
    }

    @Test
    void aBatchNeverExceedsItsLimit() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, Integer> lane = heldLane(4, writing, release);
        List<Future<Integer>> all = new ArrayList<>();
        all.add(callers.submit(() -> lane.submit(0, writers, WAIT)));
        await(writing);
        for (int i = 1; i < 10; i++) {
            int item = i;
            all.add(callers.submit(() -> lane.submit(item, writers, WAIT)));
        }
        awaitQueued(lane, 9);
        release.countDown();
        for (Future<Integer> each : all) {
            each.get();
        }
        assertEquals(10, batchSizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batchSizes.stream().allMatch(size -> size <= 4), batchSizes.toString());
    }

    @Test
    void theWriterSeesTheWholeBatchAndTheListItWasHandedHoldsNothingOnceItIsDone() {
        List<List<String>> handed = new ArrayList<>();
        List<Integer> sizesDuringWrite = new ArrayList<>();
        GroupCommit<String, String> lane = new GroupCommit<>(
                batch -> {
                    handed.add(batch);
                    sizesDuringWrite.add(batch.size());
                    return batch.stream().map(String::toUpperCase).toList();
                },
                10,
                batchSizes::add);

        assertEquals("A", lane.submit("a", writers, WAIT));

        assertEquals(List.of(1), sizesDuringWrite);
        assertTrue(handed.get(0).isEmpty(), "a guard that keeps the writer's arguments keeps no item");
    }

    @Test
    void aWriterThatThrowsIsLeftHoldingNothingEither() {
        List<List<String>> handed = new ArrayList<>();
        GroupCommit<String, String> lane = new GroupCommit<>(
                batch -> {
                    handed.add(batch);
                    throw new IllegalStateException("lock conflict");
                },
                10,
                batchSizes::add);

        assertThrows(IllegalStateException.class, () -> lane.submit("a", writers, WAIT));

        assertEquals(1, handed.size());
        assertTrue(handed.get(0).isEmpty());
    }

    @Test
    void aFailingBatchIsWrittenAgainItemByItemSoOnlyTheBadItemFails() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> tried = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, String> lane = new GroupCommit<>(
                batch -> {
                    tried.add(List.copyOf(batch)); // the lane empties the list it handed over afterwards
                    writing.countDown();
                    await(release);
                    if (batch.contains("bad")) {
                        throw new IllegalArgumentException("bad item");
                    }
                    return batch;
                },
                10,
                batchSizes::add);
        Future<String> blocker = callers.submit(() -> lane.submit("first", writers, WAIT));
        await(writing);
        Future<String> good = callers.submit(() -> lane.submit("good", writers, WAIT));
        Future<String> bad = callers.submit(() -> lane.submit("bad", writers, WAIT));
        awaitQueued(lane, 2);
        release.countDown();

        assertEquals("first", blocker.get());
        assertEquals("good", good.get());
        var failure = assertThrows(ExecutionException.class, bad::get);
        assertEquals("bad item", failure.getCause().getMessage());
        assertTrue(tried.contains(List.of("good", "bad")) || tried.contains(List.of("bad", "good")), tried.toString());
    }

    @Test
    void aBatchThatMeetsAnUnreachableDatabaseFailsEveryItemAtOnceInsteadOfTryingEachAlone() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> tried = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, String> lane = new GroupCommit<>(
                batch -> {
                    tried.add(List.copyOf(batch));
                    writing.countDown();
                    await(release);
                    if (batch.contains("first")) {
                        return batch;
                    }
                    throw new IllegalStateException(new SQLException("Connection refused", "08001"));
                },
                10,
                batchSizes::add);
        Future<String> blocker = callers.submit(() -> lane.submit("first", writers, WAIT));
        await(writing);
        List<Future<String>> queued = new ArrayList<>();
        for (String item : List.of("b", "c", "d")) {
            queued.add(callers.submit(() -> lane.submit(item, writers, WAIT)));
        }
        awaitQueued(lane, 3);
        release.countDown();

        assertEquals("first", blocker.get());
        for (Future<String> each : queued) {
            var failure = assertThrows(ExecutionException.class, each::get);
            assertTrue(ProblemMapper.isDatabaseUnavailable(failure.getCause()), failure.toString());
        }
        assertEquals(2, tried.size(), "the first batch and the failed one, no item alone: " + tried);
    }

    @Test
    void lanesTakeTurnsOnTheirSharedThreadsBatchByBatch() throws Exception {
        ThreadPoolExecutor oneThread = new ThreadPoolExecutor(
                1, 1, 0, TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>());
        try {
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<String> written = Collections.synchronizedList(new ArrayList<>());
            GroupCommit<String, String> busy = new GroupCommit<>(
                    batch -> {
                        writing.countDown();
                        await(release);
                        written.addAll(batch);
                        return batch;
                    },
                    1,
                    batchSizes::add);
            GroupCommit<String, String> quiet = new GroupCommit<>(
                    batch -> {
                        written.addAll(batch);
                        return batch;
                    },
                    1,
                    batchSizes::add);
            List<Future<String>> calls = new ArrayList<>();
            calls.add(callers.submit(() -> busy.submit("a1", oneThread, WAIT)));
            await(writing);
            for (String item : List.of("a2", "a3", "a4")) {
                calls.add(callers.submit(() -> busy.submit(item, oneThread, WAIT)));
            }
            awaitQueued(busy, 3);
            calls.add(callers.submit(() -> quiet.submit("b1", oneThread, WAIT)));
            // The quiet lane's writer waits for the thread before the busy lane hands it back.
            awaitCondition(() -> oneThread.getQueue().size() == 1, "the quiet lane's writer queued");
            release.countDown();
            for (Future<String> call : calls) {
                call.get();
            }

            // a2 to a4 queued from three callers at once, in any order among themselves.
            assertEquals(List.of("a1", "b1"), written.subList(0, 2), "the quiet lane's turn came after one batch");
            assertEquals(java.util.Set.of("a2", "a3", "a4"), java.util.Set.copyOf(written.subList(2, 5)));
        } finally {
            oneThread.shutdownNow();
        }
    }

    @Test
    void aCallerWhoseItemIsNotWrittenInTimeIsToldSoAndAnItemNoBatchTookIsNeverWritten() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, String> lane = new GroupCommit<>(
                batch -> {
                    writing.countDown();
                    await(release);
                    written.addAll(batch);
                    return batch;
                },
                10,
                batchSizes::add);
        Future<String> first = callers.submit(() -> lane.submit("first", writers, WAIT));
        await(writing);

        var late = assertThrows(UnavailableProblem.class, () -> lane.submit("late", writers, Duration.ofMillis(200)));
        assertTrue(late.getMessage().startsWith("Not written"), late.getMessage());
        release.countDown();
        assertEquals("first", first.get());
        assertEquals("after", lane.submit("after", writers, WAIT));
        assertEquals(List.of("first", "after"), written);
    }

    @Test
    void anAsyncCallerHoldsNoThreadAndIsAnsweredByTheWriterOnceItsBatchHasCommitted() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, Integer> lane = heldLane(10, writing, release);
        CompletableFuture<Integer> first = lane.submitAsync(0, writers, WAIT);
        await(writing);
        CompletableFuture<String> answeredOn =
                first.thenApply(result -> Thread.currentThread().getName());
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 1; i <= 100; i++) { // from this one thread: none of them waits on it
            queued.add(lane.submitAsync(i, writers, WAIT));
        }
        CompletableFuture<Integer> late = lane.submitAsync(-1, writers, Duration.ofMillis(200));

        var notWritten = assertThrows(ExecutionException.class, () -> late.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(notWritten.getCause().getMessage().startsWith("Not written"), notWritten.getMessage());
        assertFalse(first.isDone());
        release.countDown();
        assertEquals(0, first.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        for (int i = 0; i < queued.size(); i++) {
            assertEquals(i + 1, queued.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertNotEquals(Thread.currentThread().getName(), answeredOn.get());
        assertEquals(List.of(1, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10), batchSizes); // the late item taken back
    }

    @Test
    void writersThatAreShuttingDownFinishTheBatchTheyHaveAndRefuseTheNextSoNoCallerWaitsInVain() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, String> lane = heldLane(10, writing, release);
        GroupCommit<String, String> idleLane = new GroupCommit<>(batch -> batch, 10, batchSizes::add);
        Future<String> first = callers.submit(() -> lane.submit("first", writers, WAIT));
        await(writing);
        Future<String> queued = callers.submit(() -> lane.submit("queued", writers, WAIT));
        awaitQueued(lane, 1);

        writers.shutdown();
        assertThrows(RejectedExecutionException.class, () -> idleLane.submit("refused", writers, WAIT));
        release.countDown();
        assertEquals("first", first.get());
        assertEquals("queued", queued.get());
    }

    /** A lane that writes each item as its result, each batch once it has told {@code writing} and {@code release} opens. */
    private <T> GroupCommit<T, T> heldLane(int maxBatch, CountDownLatch writing, CountDownLatch release) {
        return new GroupCommit<>(
                batch -> {
                    writing.countDown();
                    await(release);
                    return batch;
                },
                maxBatch,
                batchSizes::add);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not seen in time: " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Waits (bounded) until that many items wait in the lane's queue behind the batch being written. */
    private static void awaitQueued(GroupCommit<?, ?> lane, int queued) throws InterruptedException {
        awaitCondition(() -> lane.queued() >= queued, queued + " items queued");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited too long");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
