package dev.herald.platform.text;

/**
 * The work a tenant's filters may do on one event (or one inbound call), on cores every tenant
 * shares. A filter was bounded on its own (a pattern of 4,000 steps, 64 KiB of a value read),
 * not per event: one pattern of 25 characters, {@code [a-z]{1,1000}9}, took two seconds of a
 * core over a 64 KiB value, and every subscription of the tenant could hold twenty, so one
 * publish could cost minutes. Each comparison is charged before it runs
 * ({@link TextComparison#cost}); one that does not fit in what is left does not run, and its
 * caller says so where the tenant sees it (a delivery suppressed, a receipt ignored).
 */
public final class FilterWork {

    /**
     * Per event, in RE2 steps (a pattern's instructions times the characters it reads): measured
     * at 2 to 16 ns a step for patterns that use their whole program, a quarter of a second of one
     * core at most; 2,900 subscriptions each matching {@code ^[a-z0-9-]{1,64}$} (134 steps) on a
     * 40-character field fit.
     */
    public static final long PER_EVENT = 16_000_000;

    /**
     * Per backfill, however many events it reads (each event within {@link #PER_EVENT}): one
     * subscription's filters over up to 10,000 events could take ten minutes of a core in one call.
     */
    public static final long PER_BACKFILL = 64 * PER_EVENT;

    private final long budget;
    private long left;

    private FilterWork(long units) {
        this.budget = units;
        this.left = units;
    }

    public static FilterWork perEvent() {
        return new FilterWork(PER_EVENT);
    }

    public static FilterWork perBackfill() {
        return new FilterWork(PER_BACKFILL);
    }

    /** What the comparisons that ran have cost. */
    public long spent() {
        return budget - left;
    }

    /**
     * Whether a comparison of this cost may run: charged if it fits in what is left; refused,
     * and not charged, if not (a cheaper one may still fit).
     */
    public boolean takes(long units) {
        if (units > left) {
            return false;
        }
        left -= units;
        return true;
    }
}
