package dev.herald.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * Gives an embedded H2 file's space back once the writes that took it have passed.
 *
 * <p>{@code WRITE_DELAY=0} makes every commit reach the file before Herald answers, and it also
 * stops H2's background thread (H2 starts it only for a delay above 0). That thread is what
 * rewrites half-dead chunks and moves chunks to the front so that the file can be cut short;
 * without it a load's space is never given back: 2.7 GiB after 90 s of 900 events/s, and still
 * 2.7 GiB an hour later. H2's own rounds are no substitute: they move up to twice its commit
 * buffer (38 MiB here) under the store's lock while writers wait, which cost the benchmark's
 * p99 at 200 events/s 90 -> 223 ms. These rounds work only while nothing has been written
 * since the last one, and a bounded amount each, so a writer waits for one small round at most.
 */
public final class EmbeddedDatabaseHousekeeping {

    /** Chunks and files fuller than this are left alone: H2's own default. */
    private static final int TARGET_FILL_PERCENT = 90;
    /** Live pages copied out of mostly dead chunks per round. */
    private static final int REWRITE_BYTES = 1 << 20;
    /** Chunks moved towards the front of the file per round, so that its end can be cut off. */
    private static final long MOVE_BYTES = 4L << 20;

    private final MVStore store;
    private long writesAfterLastRound = -1;

    private EmbeddedDatabaseHousekeeping(MVStore store) {
        this.store = store;
    }

    /**
     * Housekeeping for the H2 file behind {@code connection}, which must stay open as long as
     * it runs. Empty when nothing needs it: not an embedded H2 file (another process serves it,
     * or it is in memory), or H2's own background writer runs ({@code WRITE_DELAY} above 0).
     */
    public static Optional<EmbeddedDatabaseHousekeeping> of(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        if (!(store.getFileStore() instanceof RandomAccessStore) || store.getAutoCommitDelay() > 0) {
            return Optional.empty();
        }
        return Optional.of(new EmbeddedDatabaseHousekeeping(store));
    }

    /**
     * One round: if nothing was written since the last round, rewrite a little of what is
     * mostly dead and move a little towards the front, H2 cutting the file short behind it.
     * Calls must not overlap.
     */
    public void run() {
        if (store.isClosed()) {
            return;
        }
        FileStore<?> file = store.getFileStore();
        if (file.getWriteCount() == writesAfterLastRound) {
            // The rewritten pages are only marked changed: stored, they leave their old chunks dead.
            if (store.compact(TARGET_FILL_PERCENT, REWRITE_BYTES)) {
                store.tryCommit();
            }
            ((RandomAccessStore) file).compactMoveChunks(TARGET_FILL_PERCENT, MOVE_BYTES, store);
        }
        writesAfterLastRound = file.getWriteCount();
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
