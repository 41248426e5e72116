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

    @Inject
    Caller caller;

    @Inject
    RequestBodyRoom room;

    @Inject
    PageRoom pageRoom;

    @Override
    public void filter(ContainerRequestContext request) {
        Holder holder = RoomHolders.of(request::getProperty, caller);
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
}
