package dev.herald.egress;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.io.HttpMessageParser;
import org.apache.hc.core5.http.io.HttpMessageParserFactory;
import org.apache.hc.core5.http.io.HttpTransportMetrics;
import org.apache.hc.core5.http.io.SessionInputBuffer;
import org.apache.hc.core5.util.CharArrayBuffer;

/**
 * Reads an answer's status line and headers up to {@link #MAX_HEAD_CHARS} in all. The client's
 * own bounds are per line and per count: 100 lines of 8 KiB, about 3 MB of heap once parsed,
 * held for as long as the attempt waits for the body, and a tenant's receiver could so answer
 * each of its 32 deliveries in flight, four tenants every worker. Receivers' heads are a few
 * hundred bytes; proxies refuse more than 8 to 16 KiB.
 */
final class BoundedAnswerHeads implements HttpMessageParserFactory<ClassicHttpResponse> {

    static final int MAX_HEAD_CHARS = 64 * 1024;

    @Override
    public HttpMessageParser<ClassicHttpResponse> create(Http1Config http1Config) {
        return new DefaultHttpResponseParser(http1Config) {
            @Override
            public ClassicHttpResponse parse(SessionInputBuffer buffer, InputStream in)
                    throws IOException, HttpException {
                return super.parse(new Counted(buffer), in);
            }
        };
    }

    /** The connection's buffer, counting the characters of the lines read through it. */
    private static final class Counted implements SessionInputBuffer {

        private final SessionInputBuffer buffer;
        private long read;

        Counted(SessionInputBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int readLine(CharArrayBuffer line, InputStream in) throws IOException {
            int before = line.length();
            int result = buffer.readLine(line, in);
            read += line.length() - before;
            if (read > MAX_HEAD_CHARS) {
                throw new MessageConstraintException(
                        "The answer's status line and headers are longer than " + MAX_HEAD_CHARS + " characters");
            }
            return result;
        }

        @Override
        public int length() {
            return buffer.length();
        }

        @Override
        public int capacity() {
            return buffer.capacity();
        }

        @Override
        public int available() {
            return buffer.available();
        }

        @Override
        public int read(byte[] b, int off, int len, InputStream in) throws IOException {
            return buffer.read(b, off, len, in);
        }

        @Override
        public int read(byte[] b, InputStream in) throws IOException {
            return buffer.read(b, in);
        }

        @Override
        public int read(InputStream in) throws IOException {
            return buffer.read(in);
        }

        @Override
        public HttpTransportMetrics getMetrics() {
            return buffer.getMetrics();
        }
    }
}
