package dev.herald.access.boundary;

import dev.herald.platform.TenantShares;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives back the room {@link RequestBodyGate} took for a request's body when the request ends,
 * however it ends, if {@link RoomBackWithTheAnswer} has not (no JAX-RS answer was written: a
 * servlet filter answered, or the client went away): room never given back would shrink its
 * tenant's share for good. A request answered later, from another thread (a publish waiting for
 * its batch), ends when that answer is written, not when its request thread lets go of it: its
 * body is still in memory until then.
 */
@WebFilter(
        urlPatterns = "/api/*",
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC}) // a call let in after waiting (CallAdmission)
public class RequestBodyRelease extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(RequestBodyGate.ROOM) instanceof TenantShares.Place room) {
                releaseAtEnd(request, room);
            }
        }
    }

    private static void releaseAtEnd(HttpServletRequest request, TenantShares.Place room) {
        if (request.isAsyncStarted()) {
            try {
                request.getAsyncContext().addListener(new ReleaseWhenAnswered(room));
                return;
            } catch (IllegalStateException answeredMeanwhile) {
                // Its answer was written before the listener could be added: nothing holds the body now.
            }
        }
        room.close();
    }

    private record ReleaseWhenAnswered(TenantShares.Place room) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            room.close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            room.close();
        }

        @Override
        public void onError(AsyncEvent event) {
            room.close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // The same request, still holding its body.
        }
    }
}
