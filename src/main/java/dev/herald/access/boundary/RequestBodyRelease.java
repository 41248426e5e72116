package dev.herald.access.boundary;

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
import java.util.HashMap;
import java.util.Map;

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
            releaseAtEnd(request);
        }
    }

    private static void releaseAtEnd(HttpServletRequest request) {
        if (request.isAsyncStarted()) {
            try {
                // What the request holds now (the pages' list is the one later pages are added to):
                // a request's attributes are not to be read once it has completed.
                Map<String, Object> held = new HashMap<>();
                held.put(RequestBodyGate.ROOM, request.getAttribute(RequestBodyGate.ROOM));
                held.put(PageRoom.TAKEN, request.getAttribute(PageRoom.TAKEN));
                request.getAsyncContext().addListener(new ReleaseWhenAnswered(held));
                return;
            } catch (IllegalStateException answeredMeanwhile) {
                // Its answer was written before the listener could be added: nothing holds the body now.
            }
        }
        RoomBackWithTheAnswer.giveBack(request::getAttribute);
    }

    /** The body's room, and its working room (taken before it was parsed), once the answer is written. */
    private record ReleaseWhenAnswered(Map<String, Object> held) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            RoomBackWithTheAnswer.giveBack(held::get);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            RoomBackWithTheAnswer.giveBack(held::get);
        }

        @Override
        public void onError(AsyncEvent event) {
            RoomBackWithTheAnswer.giveBack(held::get);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // The same request, still holding its body.
        }
    }
}
