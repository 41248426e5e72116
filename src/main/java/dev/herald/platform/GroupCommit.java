package dev.herald.platform;

import dev.herald.problems.ProblemMapper;
import dev.herald.problems.UnavailableProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: what callers hand in at the same moment is written in one batch, one
 * transaction and one commit (one flush of the database's log) instead of one each. While a
 * batch is being written the next callers queue, and the next batch takes them all (up to
 * {@code maxBatch}). Nobody waits for a timer: a lone item is written at once, in a batch of
 * one. Each caller returns only once its own item has committed. A batch that fails is
 * written again item by item, so one bad item fails only its own caller; unless the database
 * could not be reached, which every item would meet again, one wait after the other.
 * <p>
 * Lanes (a tenant's, say) share their executor's threads in turns: a writer hands its thread
 * back after each batch and queues behind the other lanes' for its next one, so a tenant that
 * keeps its lane full never holds a thread while other tenants wait for one.
 *
 * @param <T> what a caller hands in
 * @param <R> what the writer answers for each item, in the order of the batch
 */
public final class GroupCommit<T, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    private final Function<List<T>, List<R>> writer;
    private final int maxBatch;
    private final IntConsumer batchSizes;
    private final Queue<Pending<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    /**
     * @param writer     writes one batch in one transaction and answers one result per item
     * @param batchSizes told the size of every batch written (a metric)
     */
    public GroupCommit(Function<List<T>, List<R>> writer, int maxBatch, IntConsumer batchSizes) {
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.batchSizes = batchSizes;
    }

    private record Pending<T, R>(T item, CompletableFuture<R> outcome) {}

    /**
     * Writes the item with whatever else arrives meanwhile, batches being written on
     * {@code executor}; answers its result once it has committed.
     *
     * @throws RuntimeException what writing the item alone threw, or what {@link #submitAsync} fails with
     */
    public R submit(T item, Executor executor, Duration wait) {
        try {
            return submitAsync(item, executor, wait).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to be written", e);
        }
    }

    /**
     * {@link #submit} without waiting: the answer completes on the thread that wrote the batch
     * (or, past {@code wait}, on the JDK's timer thread), so what a caller chains to it should be
     * short or handed to an executor of its own.
     *
     * @return the item's result once it has committed; or what writing it alone threw; or an
     *         {@link UnavailableProblem} (a 503) when it was not written within {@code wait} (then
     *         it never will be, unless a batch had already taken it, which its detail says)
     * @throws RuntimeException at once, when {@code executor} refuses to start a writer (shutting down)
     */
    public CompletableFuture<R> submitAsync(T item, Executor executor, Duration wait) {
        Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
        queue.add(pending);
        if (writing.compareAndSet(false, true)) {
            try {
                executor.execute(() -> writeInTurns(executor));
            } catch (Throwable notStarted) { // shutting down, or no thread to be had: must not stay marked as writing
                writing.set(false);
                queue.remove(pending);
                throw notStarted;
            }
        }
        return pending.outcome()
                .orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
                .handle((result, failure) -> {
                    if (failure == null) {
                        return result;
                    }
                    if (failure instanceof TimeoutException) {
                        // Taken back if no batch has taken it yet, so that "not written" stays true.
                        throw new UnavailableProblem(
                                queue.remove(pending)
                                        ? "Not written within " + wait + ", as others before it took that long;"
                                                + " nothing was changed. Try again after Retry-After"
                                        : "Still being written after " + wait + "; it may yet be recorded."
                                                + " Send it again with the same Idempotency-Key, if it had one,"
                                                + " after Retry-After",
                                failure);
                    }
                    throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
                });
    }

    /** How many items wait for a batch (not counting the one being written). */
    int queued() {
        return queue.size();
    }

    /**
     * Writes a batch, then hands the thread back to the executor and queues for the next, while
     * items are queued; the lane stays marked as writing meanwhile.
     */
    private void writeInTurns(Executor executor) {
        while (true) {
            List<Pending<T, R>> batch = drain();
            if (!batch.isEmpty()) {
                write(batch);
                if (queue.isEmpty() || !handedBack(executor)) {
                    continue;
                }
                return;
            }
            writing.set(false);
            // An item that queued after the drain but saw the flag still set is taken here.
            if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /**
     * False when the executor refuses (shutting down), or anything else goes wrong handing the
     * lane on (an out-of-memory error): this thread then writes on, so that the lane, marked as
     * writing, is never left with items and no writer.
     */
    private boolean handedBack(Executor executor) {
        try {
            executor.execute(() -> writeInTurns(executor));
            return true;
        } catch (Throwable notHandedOn) {
            return false;
        }
    }

    private List<Pending<T, R>> drain() {
        List<Pending<T, R>> batch = new ArrayList<>();
        Pending<T, R> next;
        while (batch.size() < maxBatch && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    /**
     * Writes a batch, in a list emptied once the writer is done with it and before any caller
     * hears back. A guard around the writer may keep its arguments past the call (Payara's
     * {@code @Timeout} keeps them until its bound would have passed; the attempt log had one
     * of 30 s): a list that stayed full kept every item of that time, payloads included,
     * reachable and promoted into the old generation.
     */
    private void write(List<Pending<T, R>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        batch.forEach(pending -> items.add(pending.item()));
        try {
            // Copied before the list is emptied: a writer may answer with the list it was handed.
            List<R> results = new ArrayList<>(writer.apply(items));
            items.clear();
            batchSizes.accept(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(results.get(i));
            }
        } catch (Throwable failed) { // anything: a caller must never wait for an answer that is not coming
            items.clear();
            if (batch.size() == 1 || ProblemMapper.isDatabaseUnavailable(failed)) {
                batch.forEach(pending -> pending.outcome().completeExceptionally(failed));
                return;
            }
            LOG.log(Level.FINE, "A batch failed; writing its items one by one", failed);
            for (Pending<T, R> pending : batch) {
                write(List.of(pending));
            }
        }
    }
}
