package dev.herald.egress;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.ChunkedInputStream;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.SessionInputBuffer;

/**
 * The client's connections, made as its own factory makes them, but reading an answer within
 * bounds as a whole: its head ({@link BoundedAnswerHeads}) and a chunked body's trailers, which
 * the client reads with the head's per-line and per-count bounds alone (100 lines of 8 KiB, some
 * 3 MB once parsed, that a receiver can dribble for as long as the attempt lasts) when a body of
 * up to the 4 KiB Herald reads ends. Trailers are at most {@link #MAX_TRAILER_LINES} lines.
 */
final class BoundedConnections implements HttpConnectionFactory<ManagedHttpClientConnection> {

    static final int MAX_TRAILER_LINES = 8;

    private static final AtomicLong COUNTER = new AtomicLong();

    private final Http1Config http1Config;
    private final Http1Config trailers;

    BoundedConnections(Http1Config http1Config) {
        this.http1Config = http1Config;
        this.trailers = Http1Config.copy(http1Config)
                .setMaxHeaderCount(MAX_TRAILER_LINES)
                .build();
    }

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        Connection connection = new Connection("herald-outgoing-" + COUNTER.getAndIncrement());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    private final class Connection extends DefaultManagedHttpClientConnection {

        Connection(String id) {
            super(id, null, null, http1Config, null, null, null, null, new BoundedAnswerHeads());
        }

        @Override
        protected InputStream createContentInputStream(long length, SessionInputBuffer buffer, InputStream in) {
            return length == ContentLengthStrategy.CHUNKED
                    ? new ChunkedInputStream(buffer, in, trailers)
                    : super.createContentInputStream(length, buffer, in);
        }
    }
}
