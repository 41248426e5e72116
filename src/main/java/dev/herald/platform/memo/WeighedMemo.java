package dev.herald.platform.memo;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;

/**
 * Values worked out once and kept for their next use, bounded by how many there are and by
 * what they weigh together (characters, or what the caller counts). A bound by count alone let
 * a tenant's large entries fill the heap: 10,000 opened subscriptions of 100,000 characters of
 * headers each. An entry heavier than {@code heaviestKept} is not kept, so whoever made it that
 * heavy pays for working it out at each use, and the others' entries stay. When either bound is
 * reached the memo starts afresh (entries are cheap to work out again; what must not happen is
 * that they pile up).
 *
 * <p>Entries given an owner (a tenant) hold at most a quarter of each bound per owner: beyond
 * it the owner's oldest entries make room for its new ones, so its versions no longer read age
 * out of its own share. Without it, one tenant with more entries than the memo holds (16,384
 * subscriptions) made it start afresh at each of its reads, and every other tenant worked its
 * own entries out again after each.
 */
public final class WeighedMemo<K, V> {

    /** The part of each bound one owner's entries may hold: a quarter. */
    private static final int OWNERS_SHARE = 4;

    private final int mostEntries;
    private final long mostWeight;
    private final long heaviestKept;
    private final ToLongBiFunction<K, V> weigher;
    private final Map<K, V> entries = new ConcurrentHashMap<>();
    /** What the entries weigh; approximate under concurrent clears, which is all a bound needs. */
    private final AtomicLong weight = new AtomicLong();
    /** Each owner's entries, the oldest first, and what they weigh. */
    private final Map<String, Owned> owned = new ConcurrentHashMap<>();

    private record Kept<K>(K key, long weight) {}

    /** An owner's entries; guarded by itself. */
    private final class Owned {
        private final ArrayDeque<Kept<K>> oldestFirst = new ArrayDeque<>();
        private long weight;
    }

    public WeighedMemo(int mostEntries, long mostWeight, long heaviestKept, ToLongBiFunction<K, V> weigher) {
        this.mostEntries = mostEntries;
        this.mostWeight = mostWeight;
        this.heaviestKept = heaviestKept;
        this.weigher = weigher;
    }

    /** The value kept for the key, or the one {@code workOut} answers now (kept if light enough). */
    public V get(K key, Function<K, V> workOut) {
        return get(key, null, workOut);
    }

    /**
     * The value kept for the key, or the one {@code workOut} answers now: kept if light enough, in
     * its owner's share.
     *
     * @param owner whose entry it is (a tenant); null for an entry no one owns
     */
    public V get(K key, String owner, Function<K, V> workOut) {
        V kept = entries.get(key);
        if (kept != null) {
            return kept;
        }
        V value = workOut.apply(key);
        long entryWeight = weigher.applyAsLong(key, value);
        if (entryWeight > heaviestKept) {
            return value;
        }
        if (entries.size() >= mostEntries || weight.get() + entryWeight > mostWeight) {
            entries.clear();
            weight.set(0);
            owned.clear();
        }
        if (owner == null) {
            if (entries.putIfAbsent(key, value) == null) {
                weight.addAndGet(entryWeight);
            }
            return value;
        }
        Owned mine = owned.computeIfAbsent(owner, o -> new Owned());
        synchronized (mine) {
            while (!mine.oldestFirst.isEmpty()
                    && (mine.oldestFirst.size() >= mostEntries / OWNERS_SHARE
                            || mine.weight + entryWeight > mostWeight / OWNERS_SHARE)) {
                Kept<K> oldest = mine.oldestFirst.removeFirst();
                mine.weight -= oldest.weight();
                if (entries.remove(oldest.key()) != null) {
                    weight.addAndGet(-oldest.weight());
                }
            }
            if (entries.putIfAbsent(key, value) == null) {
                weight.addAndGet(entryWeight);
                mine.oldestFirst.addLast(new Kept<>(key, entryWeight));
                mine.weight += entryWeight;
            }
        }
        return value;
    }

    /** The value kept for the key, or null: for a caller that works out the missing ones together. */
    public V kept(K key) {
        return entries.get(key);
    }

    /** How many entries are kept now. */
    public int size() {
        return entries.size();
    }

    /** What the kept entries weigh now. */
    public long weight() {
        return weight.get();
    }
}
