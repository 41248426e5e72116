package dev.herald.access.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.RequestBodyRoom;
import dev.herald.access.control.RequestBodyRoom.Holder;
import dev.herald.platform.TenantShares;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.function.Function;

/**
 * Takes room for a request's body ({@link RequestBodyRoom}) once the caller is known and before
 * any of the body is read. The room is given back once the answer is written
 * ({@link RoomBackWithTheAnswer}), or else when the request ends ({@link RequestBodyRelease}): a
 * request's properties are its servlet request's attributes.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 10) // after the scope check: a 403 needs no room
@ApplicationScoped
public class RequestBodyGate implements ContainerRequestFilter {

    /** The request attribute that holds the body's room until the answer is written. */
    static final String ROOM = RequestBodyGate.class.getName() + ".room";

    private static final Holder PLATFORM_ADMIN = new Holder("platform admin", "the platform admin token");

    @Inject
    Caller caller;

    @Inject
    RequestBodyRoom room;

    @Inject
    PageRoom pageRoom;

    @Override
    public void filter(ContainerRequestContext request) {
        Holder holder = holder(request::getProperty, caller);
        request.setProperty(PageRoom.TAKEN, pageRoom.attach(holder));
        String header = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        // A chunked body is read as chunked whatever length it declares beside it: such a length
        // is not the body's and must not let a large body pass as a small one.
        boolean chunked = request.getHeaderString("Transfer-Encoding") != null;
        long declared = chunked ? -1 : declaredLength(header);
        if (declared > RequestBodyRoom.UNCOUNTED_BYTES) {
            room.takeDeclared(holder, declared).ifPresent(place -> request.setProperty(ROOM, place));
        } else if (declared < 0 && (header != null || chunked)) {
            TenantShares.Place place = room.emptyRoom(holder);
            request.setProperty(ROOM, place);
            request.setEntityStream(room.metered(holder, request.getEntityStream(), place));
        }
    }

    /** The declared length, or -1 when there is none or it is not a number (then the body is metered). */
    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    /**
     * A tenant's calls count against the tenant. A call to an open path of a tenant's (an inbound
     * webhook to its integration) counts against a share of that tenant's for that path
     * ({@link CallAdmission} found it): anyone who knows the URL can send such calls, and they
     * must take no other tenant's room, nor the tenant's own API calls'. Other unauthenticated
     * calls all count against one share, never more of the instance's room than one tenant's.
     */
    static Holder holder(Function<String, Object> requestProperty, Caller caller) {
        if (requestProperty.apply(CallAdmission.OPEN_PATH_HOLDER) instanceof Holder openPath) {
            return openPath;
        }
        return holder(caller);
    }

    /** Whose share a call with a bearer token counts against; the one of unauthenticated calls without. */
    static Holder holder(Caller caller) {
        if (!caller.isAuthenticated()) {
            return RequestBodyRoom.UNAUTHENTICATED;
        }
        String tenantId = caller.current().orElseThrow().tenantId();
        return tenantId == null ? PLATFORM_ADMIN : new Holder(tenantId, "this tenant");
    }
}
