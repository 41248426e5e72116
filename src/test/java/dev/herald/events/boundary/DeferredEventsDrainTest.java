package dev.herald.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.events.control.DeferredEvents;
import dev.herald.events.control.EventsDeferred;
import dev.herald.platform.GroupCommitThreads;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class DeferredEventsDrainTest {

    /** The tenants drained, in turn, and what each drain answers (or throws) next. */
    private final List<String> drained = new ArrayList<>();

    private final Deque<Object> answers = new ArrayDeque<>();

    /** Tasks submitted to the drains' threads, run when the test says. */
    private final Deque<Runnable> submitted = new ArrayDeque<>();

    @Test
    void aCommittedDeferralIsDrainedUntilABatchComesBackShort() {
        DeferredEventsDrain drain = drain();
        answers.addAll(List.of(DeferredEvents.BATCH, DeferredEvents.BATCH, 3));

        drain.afterCommit(new EventsDeferred("ten_a"));
        runSubmitted();

        assertEquals(List.of("ten_a", "ten_a", "ten_a"), drained);
    }

    @Test
    void deferralsWhileADrainWaitsToStartJoinItAndOneAfterItStartsGetsItsOwn() {
        DeferredEventsDrain drain = drain();
        answers.addAll(List.of(1, 1));

        drain.afterCommit(new EventsDeferred("ten_a"));
        drain.afterCommit(new EventsDeferred("ten_a"));
        assertEquals(1, submitted.size(), "the second finds the first about to start");
        submitted.poll().run();
        drain.afterCommit(new EventsDeferred("ten_a"));
        runSubmitted();

        assertEquals(List.of("ten_a", "ten_a"), drained);
    }

    @Test
    void aDrainThatFailsLeavesTheRowsToTheNextAndEndsQuietly() {
        DeferredEventsDrain drain = drain();
        answers.addAll(List.of(new IllegalStateException("the database went away"), 2));

        drain.afterCommit(new EventsDeferred("ten_a"));
        runSubmitted();
        drain.drain("ten_a"); // as the upkeep does
        runSubmitted();

        assertEquals(List.of("ten_a", "ten_a"), drained);
    }

    private DeferredEventsDrain drain() {
        DeferredEventsDrain drain = new DeferredEventsDrain();
        drain.threads = new GroupCommitThreads() {
            @Override
            public Executor deferredEvents() {
                return submitted::add;
            }
        };
        drain.deferred = new DeferredEvents() {
            @Override
            public int recordSome(String tenantId) {
                drained.add(tenantId);
                Object answer = answers.poll();
                if (answer instanceof RuntimeException failure) {
                    throw failure;
                }
                return (Integer) answer;
            }
        };
        drain.lines();
        return drain;
    }

    private void runSubmitted() {
        while (!submitted.isEmpty()) {
            submitted.poll().run();
        }
    }
}
