package dev.herald.access.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.RequestBodyRoom;
import dev.herald.access.control.RequestBodyRoom.Holder;
import java.util.function.Function;

/** Whose share of {@link RequestBodyRoom} a call's body and pages count against. */
final class RoomHolders {

    private static final Holder PLATFORM_ADMIN = new Holder("platform admin", "the platform admin token");

    private RoomHolders() {}

    /**
     * A tenant's calls count against the tenant. A call to an open path of a tenant's (an inbound
     * webhook to its integration) counts against a share of that tenant's for that path
     * ({@link CallAdmission} found it): anyone who knows the URL can send such calls, and they
     * must take no other tenant's room, nor the tenant's own API calls'. Other unauthenticated
     * calls all count against one share, never more of the instance's room than one tenant's.
     */
    static Holder of(Function<String, Object> requestProperty, Caller caller) {
        if (requestProperty.apply(CallAdmission.OPEN_PATH_HOLDER) instanceof Holder openPath) {
            return openPath;
        }
        return of(caller);
    }

    /** Whose share a call with a bearer token counts against; the one of unauthenticated calls without. */
    static Holder of(Caller caller) {
        if (!caller.isAuthenticated()) {
            return RequestBodyRoom.UNAUTHENTICATED;
        }
        String tenantId = caller.current().orElseThrow().tenantId();
        return tenantId == null ? PLATFORM_ADMIN : new Holder(tenantId, "this tenant");
    }
}
