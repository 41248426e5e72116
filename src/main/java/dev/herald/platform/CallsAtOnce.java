package dev.herald.platform;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Admission for calls, per key (a tenant): at most {@code running} of a key's calls run at once
 * on an instance; the next ones wait in line without a thread, up to {@code waitingPerKey} of a
 * key and {@code waitingInAll} of all keys together, and each call that ends hands its place to
 * the first in its key's line. A key's calls can so take at most {@code running} of the
 * instance's threads, whatever they wait for, while nobody is refused for a burst.
 *
 * @param <W> a call waiting in line (whatever resumes it)
 */
public final class CallsAtOnce<W> {

    /** What became of a call that asked to run. */
    public enum Entry {
        /** It runs now, in a place of its key's. */
        RUN,
        /** It waits in line; {@link #leave} hands it a place later. */
        WAITING,
        /** Its key's line, or all lines together, are full: refuse it. */
        FULL
    }

    private final int running;
    private final int waitingPerKey;
    private final int waitingInAll;
    private final Map<String, Line<W>> lines = new HashMap<>();
    private int waiting;

    public CallsAtOnce(int running, int waitingPerKey, int waitingInAll) {
        this.running = running;
        this.waitingPerKey = waitingPerKey;
        this.waitingInAll = waitingInAll;
    }

    private static final class Line<W> {
        int running;
        final ArrayDeque<W> waiting = new ArrayDeque<>();
    }

    /**
     * A call of {@code key} asks to run: it runs now if its key has a place free, else it waits
     * in line as what {@code toWait} makes (asked for only then, under this object's lock), or is
     * refused when the lines are full.
     */
    public synchronized Entry enter(String key, Supplier<W> toWait) {
        Line<W> line = lines.computeIfAbsent(key, k -> new Line<>());
        if (line.running < running) {
            line.running++;
            return Entry.RUN;
        }
        if (line.waiting.size() >= waitingPerKey || waiting >= waitingInAll) {
            return Entry.FULL;
        }
        line.waiting.add(toWait.get());
        waiting++;
        return Entry.WAITING;
    }

    /**
     * A call of {@code key} that ran has ended: answers the waiting call its place passes to (to
     * be resumed by the caller), or null when none waits and the place is free again.
     */
    public synchronized W leave(String key) {
        Line<W> line = lines.get(key);
        if (line == null) {
            throw new IllegalStateException("No call of " + key + " is running");
        }
        W next = line.waiting.poll();
        if (next != null) {
            waiting--;
            return next;
        }
        if (--line.running == 0) {
            lines.remove(key);
        }
        return null;
    }

    /** Calls of that key waiting in line now. */
    synchronized int waiting(String key) {
        Line<W> line = lines.get(key);
        return line == null ? 0 : line.waiting.size();
    }
}
