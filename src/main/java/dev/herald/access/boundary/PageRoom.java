package dev.herald.access.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.RequestBodyRoom;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.TenantShares;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;

/**
 * An API call's room for what it works on: a body about to be parsed, a page of large rows, the
 * batches of an export, a verification or a backfill. Taken from {@link RequestBodyRoom}'s
 * working room against the holder {@link RequestBodyGate} found, and given back once the call's
 * answer is written ({@link RoomBackWithTheAnswer}, which finds it in the request's {@link #TAKEN}
 * attribute), or else when the call's request scope ends. The console passes
 * {@link ReadRoom#NONE} instead (a console user is a person paging, not a client in a loop, and a
 * page refused would be a broken page).
 */
@RequestScoped
public class PageRoom implements ReadRoom {

    /** The request attribute that holds the room this call's pages took. */
    static final String TAKEN = PageRoom.class.getName() + ".taken";

    @Inject
    Caller caller;

    @Inject
    RequestBodyRoom room;

    private final List<TenantShares.Place> taken = new CopyOnWriteArrayList<>();

    /** Whose share the call's room is, as {@link RequestBodyGate} found it; null before. */
    private RequestBodyRoom.Holder holder;

    /**
     * Ties this call's room to its holder, as {@link RequestBodyGate} found it (an inbound
     * webhook's is its integration's share); answers the list of what it takes, for the request to
     * hold ({@link #TAKEN}). Set by the gate because a call let in after waiting runs where the
     * servlet request cannot be injected.
     */
    List<TenantShares.Place> attach(RequestBodyRoom.Holder holder) {
        this.holder = holder;
        return taken;
    }

    @Override
    public void take(long chars, LongFunction<RuntimeException> tooLarge) {
        RequestBodyRoom.Holder whose = holder != null ? holder : RoomHolders.of(caller);
        room.takeForRead(whose, chars, tooLarge).ifPresent(taken::add);
    }

    @Override
    public long batchChars() {
        return room.readBatchChars();
    }

    @Override
    public long takeForBatches(long chars) {
        long batch = Math.min(chars, batchChars());
        take(batch, most -> new IllegalStateException("A batch of " + batch + " characters is more than " + most));
        return batch;
    }

    @PreDestroy
    void giveBack() {
        taken.forEach(TenantShares.Place::close);
    }
}
