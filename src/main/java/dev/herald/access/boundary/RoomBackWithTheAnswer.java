package dev.herald.access.boundary;

import dev.herald.platform.TenantShares;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * Gives back the room a call took (its body's, {@link RequestBodyGate}; its pages',
 * {@link PageRoom}) once its answer is written and before the answer's end leaves: when the
 * writers return (Jersey closes the answer's stream, and so sends its end, after that), or when a
 * writer closes the stream itself, whichever comes first. Given back at the end of the request, as
 * before, the room outlived the answer by a moment, and a client that made its next call as soon
 * as it had the answer, as the 429's own detail tells it to, could be refused for the room of the
 * call it had just been answered. The end of the request still gives back whatever this did not
 * ({@link RequestBodyRelease}, {@link PageRoom}); giving back twice gives nothing.
 */
@Provider
@Priority(1) // the outermost writer: its stream is the one the answer is closed through
@ApplicationScoped
public class RoomBackWithTheAnswer implements WriterInterceptor, ContainerResponseFilter {

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        context.setOutputStream(new GiveBackOnClose(context.getOutputStream(), context::getProperty));
        try {
            context.proceed();
        } finally {
            giveBack(context::getProperty); // a writer that did not close the stream
        }
    }

    /** An answer without an entity has nothing more to write once its headers are decided. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.hasEntity()) {
            giveBack(request::getProperty);
        }
    }

    /** Gives back the room a request's body and pages hold (its properties are its servlet request's attributes). */
    static void giveBack(Function<String, Object> property) {
        if (property.apply(RequestBodyGate.ROOM) instanceof TenantShares.Place body) {
            body.close();
        }
        if (property.apply(PageRoom.TAKEN) instanceof List<?> pages) {
            pages.forEach(place -> ((TenantShares.Place) place).close());
        }
    }

    /** The answer's stream, giving the room back just before it is closed. */
    private static final class GiveBackOnClose extends FilterOutputStream {

        private final Function<String, Object> property;

        GiveBackOnClose(OutputStream answer, Function<String, Object> property) {
            super(answer);
            this.property = property;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length); // FilterOutputStream's own writes a byte at a time
        }

        @Override
        public void close() throws IOException {
            giveBack(property);
            super.close();
        }
    }
}
