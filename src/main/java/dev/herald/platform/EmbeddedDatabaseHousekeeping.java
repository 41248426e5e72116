package dev.herald.platform;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * The housekeeping H2's background writer does, for an embedded H2 file that runs without it.
 *
 * <p>{@code WRITE_DELAY=0} makes every commit reach the file before Herald answers, and it also
 * stops H2's background thread (H2 starts it only for a delay above 0). That thread is what
 * rewrites half-dead chunks and moves them to the front so the file can be truncated; without
 * it a load's file space is never given back: 2.7 GiB after 90 s of 900 events/s, and still
 * 2.7 GiB an hour later. {@link #run()} is one round of that thread's work (its package-private
 * {@code writeInBackground}: store what is unsaved, then rewrite or move a bounded amount under
 * a store lock it only tries to take), so the file shrinks back once the load has passed.
 */
public final class EmbeddedDatabaseHousekeeping {

    private static final Method ONE_ROUND = oneRound();

    private final MVStore store;

    private EmbeddedDatabaseHousekeeping(MVStore store) {
        this.store = store;
    }

    /**
     * Housekeeping for the H2 file behind {@code connection}, which must stay open as long as
     * it runs. Empty when nothing needs it: not an embedded H2 file (another process serves it,
     * or it is in memory), or H2's own background writer runs ({@code WRITE_DELAY} above 0).
     */
    public static Optional<EmbeddedDatabaseHousekeeping> of(Connection connection) throws SQLException {
        if (ONE_ROUND == null
                || !connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        if (store.getFileStore() == null || store.getAutoCommitDelay() > 0) {
            return Optional.empty();
        }
        return Optional.of(new EmbeddedDatabaseHousekeeping(store));
    }

    /** One round of H2's background work; failures are H2's own to handle, as in its thread. */
    public void run() {
        if (store.isClosed()) {
            return;
        }
        try {
            ONE_ROUND.invoke(store.getFileStore());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("H2 housekeeping failed", e.getCause());
        }
    }

    /** The file's size now, in bytes. */
    public long fileBytes() {
        return store.isClosed() ? 0 : store.getFileStore().size();
    }

    /** The file's name as H2 opened it. */
    public String fileName() {
        return store.getFileStore().getFileName();
    }

    /** Null when this H2 version has no such method: then there is no housekeeping, as before. */
    private static Method oneRound() {
        try {
            Method method = FileStore.class.getDeclaredMethod("writeInBackground");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
