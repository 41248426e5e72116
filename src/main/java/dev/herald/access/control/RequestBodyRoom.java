package dev.herald.access.control;

import dev.herald.platform.ReadRoom;
import dev.herald.platform.TenantShares;
import dev.herald.platform.json.JsonBodies;
import dev.herald.problems.TooManyRequestsProblem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Bounds the bytes of request bodies an instance reads and works on at once. A body costs many
 * times its size while it is parsed, checked and written, and a few tenants sending their largest
 * bodies at once (eight batches of 8 MiB, or 64 single events of 1 MiB) exhausted the heap; on H2
 * the embedded database then closes itself, which fails every tenant until a restart.
 *
 * <p>So each holder (a tenant; a tenant's integrations' calls; all unauthenticated calls together)
 * may have one largest batch's worth of bytes arriving, {@code herald.max-batch-body-bytes}, in
 * any number of bodies, and as much again being worked on (parsed, recorded; pages of large rows
 * read); the instance four holders' worth arriving, and as many holders' worth worked on as half
 * its heap holds (one to four); the unauthenticated share is apart from both. Beyond any of them a
 * request is refused with 429 at once: arriving, before its body is read when it declared its
 * length, as soon as it outgrows the room when it did not; worked on, before it is parsed. Bodies
 * of at most {@link #UNCOUNTED_BYTES} are not counted: ordinary calls never wait on someone's
 * upload, and 64 request threads hold at most 1 MiB of them.
 */
@ApplicationScoped
public class RequestBodyRoom {

    /** Bodies this small cost too little to count. */
    public static final int UNCOUNTED_BYTES = 16 * 1024;

    /** How many of a read's batches make a share ({@link #readBatchChars}). */
    private static final int READ_BATCH_PARTS_OF_A_SHARE = 8;

    /**
     * Every call nobody authenticated (an inbound webhook to an integration Herald does not
     * know): one share, apart from the instance's shares of the rest. Inside them, one tenant
     * held three of the four with its own calls, its own integration's, and calls to an
     * integration that does not exist, and every other tenant's large bodies shared the fourth.
     */
    public static final Holder UNAUTHENTICATED = new Holder("unauthenticated", "unauthenticated calls together");

    /** The most holders' full shares the instance reads at once, however large its heap. */
    static final int SHARES_AT_ONCE = 4;

    /**
     * What a byte of body may weigh in the heap until its answer is written: its bytes, its text,
     * the parsed tree (some 30 to 50 bytes a value, and the densest body {@code JsonShape} lets
     * through holds a value per three bytes) and what recording its events makes of it. One 8 MiB
     * batch of ordinary events went through a 320 MiB heap; two at once ran it out.
     */
    static final int HEAP_BYTES_A_BODY_BYTE = 20;

    /** A body of unknown length takes room in steps of this many KiB as it arrives. */
    private static final int STEP_KIB = 64;

    @Inject
    JsonBodies bodies;

    /** Counted in KiB, so that the largest body allowed fits a semaphore's int. */
    private int shareKib;

    /** Bodies as they arrive, as bytes: four holders' shares at once. */
    private TenantShares arriving;

    /** Bodies being parsed and worked on, and pages of large rows being read: what the heap holds. */
    private TenantShares working;

    private TenantShares unauthenticatedShare;

    @PostConstruct
    void createShares() {
        createShares(bodies.maxBatchBodyBytes(), Runtime.getRuntime().maxMemory());
    }

    /**
     * A holder's share is one largest body, as it arrives and again as it is worked on. Arriving,
     * a body is its bytes, and the instance takes {@link #SHARES_AT_ONCE} holders' at once; worked
     * on, it weighs many times that, and the instance takes what half its heap holds of bodies at
     * their heaviest, between one share and four. Both were four shares whatever the heap: four
     * tenants' 8 MiB batches at once ran a 320 MiB heap out, and H2 then closed the database for
     * every tenant until a restart. Apart, a slow upload holds no room of the heap's, and one
     * tenant's large body arriving never keeps another's from being worked on.
     */
    void createShares(long largestBodyBytes, long maxHeapBytes) {
        shareKib = kib(largestBodyBytes);
        int heapHoldsKib = kib(maxHeapBytes / 2 / HEAP_BYTES_A_BODY_BYTE);
        arriving = new TenantShares(shareKib, shareKib * SHARES_AT_ONCE);
        working = new TenantShares(shareKib, (int)
                Math.max(shareKib, Math.min((long) shareKib * SHARES_AT_ONCE, heapHoldsKib)));
        unauthenticatedShare = new TenantShares(shareKib, shareKib);
    }

    /**
     * Room for a body that declared its length (it cannot outgrow it): none for a small one,
     * else its length up to a whole share (a longer one is refused 413 while it is read).
     */
    public Optional<TenantShares.Place> takeDeclared(Holder holder, long length) {
        if (length <= UNCOUNTED_BYTES) {
            return Optional.empty();
        }
        return Optional.of(take(arriving, holder, (int) Math.min(shareKib, kib(length))));
    }

    /**
     * Room for {@code chars} of text about to be worked on (a body about to be parsed, a page of
     * large rows about to be read): none for a small one; refused with {@code tooLarge}'s problem
     * when it is more than a whole share.
     */
    public Optional<TenantShares.Place> takeForRead(
            Holder holder, long chars, LongFunction<RuntimeException> tooLarge) {
        if (chars <= UNCOUNTED_BYTES) {
            return Optional.empty();
        }
        if (chars > (long) shareKib * 1024) {
            throw tooLarge.apply((long) shareKib * 1024);
        }
        return Optional.of(take(working, holder, kib(chars)));
    }

    /** The characters of stored text a holder's share holds (a read's batches are no larger). */
    public long shareChars() {
        return (long) shareKib * 1024;
    }

    /**
     * The characters of stored text a read in batches (an export, a verification, a backfill)
     * holds at once, parsed: an eighth of a share, at most {@link ReadRoom#BATCH_CHARS}. It lasts
     * as long as its client takes to read the answer, and with the README's heap the instance
     * works on one share at once, so a slowly read export that held half of it kept every
     * tenant's batches over half a share out the while; an eighth also leaves the call's own body
     * room in its share. The console's reads take no room, but read in batches of this size too:
     * batches of 4 Mi characters, parsed, held some 40 MB each.
     */
    public long readBatchChars() {
        return Math.min(ReadRoom.BATCH_CHARS, Math.max(1, shareChars() / READ_BATCH_PARTS_OF_A_SHARE));
    }

    /**
     * A body of unknown length, taking room as it arrives; {@code room} is what it holds so far,
     * to be closed when the request ends (not when the stream is closed: the body's cost lasts
     * until its work is done).
     */
    public InputStream metered(Holder holder, InputStream body, TenantShares.Place room) {
        return new MeteredBody(holder, body, room);
    }

    /** Empty room for a body of unknown length to widen as it arrives. */
    public TenantShares.Place emptyRoom(Holder holder) {
        return emptyRoom(arriving, holder);
    }

    private TenantShares.Place emptyRoom(TenantShares shares, Holder holder) {
        return (holder.equals(UNAUTHENTICATED) ? unauthenticatedShare : shares).empty(holder.key());
    }

    private TenantShares.Place take(TenantShares shares, Holder holder, int amountKib) {
        TenantShares.Place place = emptyRoom(shares, holder);
        widen(place, holder, amountKib);
        return place;
    }

    private void widen(TenantShares.Place place, Holder holder, int amountKib) {
        place.widen(
                amountKib,
                () -> new TooManyRequestsProblem(
                        "Request bodies and pages of large rows in progress for " + holder.whose()
                                + " already hold a share of " + shareKib + " KiB (herald.max-batch-body-bytes); "
                                + "make the next call when one has been answered, or make smaller ones",
                        Duration.ofSeconds(1)),
                () -> new TooManyRequestsProblem(
                        "Herald is holding as many large request bodies and pages as it allows at once; try again shortly",
                        Duration.ofSeconds(1)));
    }

    private static int kib(long bytes) {
        long kib = bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / SHARES_AT_ONCE, kib));
    }

    /** Whose share a body counts against ({@code whose} names it in a refusal). */
    public record Holder(String key, String whose) {}

    /** Widens its room ahead of the bytes read, a step at a time, up to a whole share. */
    private final class MeteredBody extends FilterInputStream {

        private final Holder holder;
        private final TenantShares.Place room;
        private long read;
        private int heldKib;

        MeteredBody(Holder holder, InputStream body, TenantShares.Place room) {
            super(body);
            this.holder = holder;
            this.room = room;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int bytes) {
            read += bytes;
            if (read <= UNCOUNTED_BYTES || heldKib >= shareKib || read <= heldKib * 1024L) {
                return;
            }
            int step = (int) Math.min(shareKib - heldKib, Math.max(STEP_KIB, kib(read) - heldKib));
            widen(room, holder, step);
            heldKib += step;
        }
    }
}
