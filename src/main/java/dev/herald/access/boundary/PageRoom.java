package dev.herald.access.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.RequestBodyRoom;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.TenantShares;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Room for an API call's pages of large rows, taken from the same {@link RequestBodyRoom} as
 * request bodies (the memory is the same), against the caller's share, and given back when the
 * call's request scope ends, after its answer is written. The resources that list large rows
 * pass it down; the console's pages pass {@link ReadRoom#NONE} (a console user is a person
 * paging, not a client in a loop, and a page refused would be a broken page).
 */
@RequestScoped
public class PageRoom implements ReadRoom {

    @Inject
    Caller caller;

    @Inject
    RequestBodyRoom room;

    private final List<TenantShares.Place> taken = new ArrayList<>();

    @Override
    public void take(long chars, LongFunction<RuntimeException> tooLarge) {
        room.takeForRead(RequestBodyGate.holder(caller), chars, tooLarge).ifPresent(taken::add);
    }

    @PreDestroy
    void giveBack() {
        taken.forEach(TenantShares.Place::close);
    }
}
