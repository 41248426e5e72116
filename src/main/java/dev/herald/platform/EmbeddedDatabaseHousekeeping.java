package dev.herald.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * Gives an embedded H2 file's space back once the writes that took it have stopped.
 *
 * <p>{@code WRITE_DELAY=0} makes every commit reach the file before Herald answers, and it also
 * stops H2's background thread (H2 starts it only for a delay above 0). That thread is what
 * rewrites half-dead chunks and moves chunks to the front so that the file can be cut short;
 * without it a load's space is never given back: 2.7 GiB after 90 s of 900 events/s, and still
 * 2.7 GiB an hour later. Neither H2's own rounds nor smaller ones run between writes are a
 * substitute: both hold the store's locks while they read, write and sync the file, and a
 * commit arriving meanwhile waited up to 0.8 s (docs/benchmarks.md, 2026-12-03). So a round
 * works only once nothing has been written for a while, and a bounded amount.
 */
public final class EmbeddedDatabaseHousekeeping {

    /** Chunks and files fuller than this are left alone: H2's own default. */
    private static final int TARGET_FILL_PERCENT = 90;
    /** Live pages copied out of mostly dead chunks per round. */
    private static final int REWRITE_BYTES = 1 << 20;
    /** Chunks moved towards the front of the file per round, so that its end can be cut off. */
    private static final long MOVE_BYTES = 4L << 20;

    private final MVStore store;
    private final long quietNanos;
    private long writesSeen = -1;
    private long lastWriteSeenAt;

    private EmbeddedDatabaseHousekeeping(MVStore store, Duration quiet) {
        this.store = store;
        this.quietNanos = quiet.toNanos();
    }

    /**
     * Housekeeping for the H2 file behind {@code connection}, which must stay open as long as
     * it runs. Empty when nothing needs it: not an embedded H2 file (another process serves it,
     * or it is in memory), or H2's own background writer runs ({@code WRITE_DELAY} above 0).
     *
     * @param quiet how long nothing must have been written before a round does any work
     */
    public static Optional<EmbeddedDatabaseHousekeeping> of(Connection connection, Duration quiet) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        if (!(store.getFileStore() instanceof RandomAccessStore) || store.getAutoCommitDelay() > 0) {
            return Optional.empty();
        }
        return Optional.of(new EmbeddedDatabaseHousekeeping(store, quiet));
    }

    /**
     * One round: once nothing has been written for the quiet time, rewrite a little of what is
     * mostly dead and move a little towards the front, H2 cutting the file short behind it.
     * Calls must not overlap.
     */
    public void run() {
        if (store.isClosed()) {
            return;
        }
        FileStore<?> file = store.getFileStore();
        long now = System.nanoTime();
        if (file.getWriteCount() != writesSeen) {
            writesSeen = file.getWriteCount();
            lastWriteSeenAt = now;
            return;
        }
        if (now - lastWriteSeenAt < quietNanos) {
            return;
        }
        // What the load left unsynced is synced here, outside H2's locks (gigabytes after a burst,
        // a second or more), not under them by the move below while a commit waits.
        file.sync();
        // The rewritten pages are only marked changed: stored, they leave their old chunks dead.
        if (store.compact(TARGET_FILL_PERCENT, REWRITE_BYTES)) {
            store.tryCommit();
        }
        ((RandomAccessStore) file).compactMoveChunks(TARGET_FILL_PERCENT, MOVE_BYTES, store);
        writesSeen = file.getWriteCount(); // its own writes do not end the quiet
    }

    /** The file's size now, in bytes. */
    public long fileBytes() {
        return store.isClosed() ? 0 : store.getFileStore().size();
    }

    /** The file's name as H2 opened it. */
    public String fileName() {
        return store.getFileStore().getFileName();
    }
}
