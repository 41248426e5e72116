package dev.herald.platform.memo;

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
 * <p>Entries given an owner (a tenant) hold at most a quarter of each bound per owner: beyond it
 * an owner's new entries are worked out at each use and not kept. Without it, one tenant with
 * more entries than the memo holds (16,384 subscriptions) made it start afresh at each of its
 * reads, and every other tenant worked its own entries out again after each.
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
    /** What each owner's entries hold: how many, and what they weigh. Approximate likewise. */
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    private record Held(AtomicLong entries, AtomicLong weight) {}

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
     * The value kept for the key, or the one {@code workOut} answers now: kept if light enough and
     * if its owner's entries hold less than their share.
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
        if (owner != null && !hasRoom(owner, entryWeight)) {
            return value;
        }
        if (entries.size() >= mostEntries || weight.get() + entryWeight > mostWeight) {
            entries.clear();
            weight.set(0);
            held.clear();
        }
        if (entries.putIfAbsent(key, value) == null) {
            weight.addAndGet(entryWeight);
            if (owner != null) {
                Held ownersEntries = held.computeIfAbsent(owner, o -> new Held(new AtomicLong(), new AtomicLong()));
                ownersEntries.entries().incrementAndGet();
                ownersEntries.weight().addAndGet(entryWeight);
            }
        }
        return value;
    }

    /** Whether the owner's entries leave room in its share for one more of this weight. */
    private boolean hasRoom(String owner, long entryWeight) {
        Held ownersEntries = held.get(owner);
        return ownersEntries == null
                || (ownersEntries.entries().get() < mostEntries / OWNERS_SHARE
                        && ownersEntries.weight().get() + entryWeight <= mostWeight / OWNERS_SHARE);
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
