package dev.herald.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The benchmark's publishing client: JSON {@code POST}s over HTTP/1.1 on kept-alive sockets,
 * one a caller at a time, and nothing else. The load generator shares the two cores with the
 * server it measures; the JDK's {@code HttpClient} spent three to five times the CPU a request
 * (a selector thread, a chain of futures, its own copies), and the benchmark JVM's optimising
 * compiler was busy with it through the first phases (docs/benchmarks.md, 2026-12-06). Both
 * Herald and the ceiling are published to through it.
 */
final class LoadClient implements AutoCloseable {

    /** Idle longer than this, a connection may have been closed by the server: it is not reused. */
    private static final long STALE_NANOS = 5_000_000_000L;

    private final String host;
    private final int port;
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    /** An answer: its status and its body as text. */
    record Answer(int status, String body) {}

    LoadClient(URI server) {
        this.host = server.getHost();
        this.port = server.getPort();
    }

    /** POSTs {@code body} as JSON to {@code uri} (on this client's server), with a bearer token. */
    Answer post(URI uri, String token, String body) throws IOException {
        Connection connection = idle.poll();
        while (connection != null && System.nanoTime() - connection.lastUsed > STALE_NANOS) {
            connection.close();
            connection = idle.poll();
        }
        if (connection == null) {
            connection = new Connection(new Socket(host, port));
        }
        try {
            Answer answer = connection.exchange(uri.getRawPath(), token, body.getBytes(StandardCharsets.UTF_8));
            if (connection.keepAlive) {
                idle.add(connection);
            } else {
                connection.close();
            }
            return answer;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() {
        open.forEach(Connection::close);
    }

    private final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean keepAlive = true;
        private long lastUsed = System.nanoTime();

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
            open.add(this);
        }

        Answer exchange(String path, String token, byte[] body) throws IOException {
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer "
                            + token + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
            out.flush();

            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("Not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            keepAlive = parts[0].equals("HTTP/1.1");
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
                    default -> {
                        // not needed
                    }
                }
            }
            String text;
            if (chunked) {
                text = chunkedBody();
            } else if (length >= 0) {
                byte[] bytes = in.readNBytes((int) length);
                if (bytes.length < length) {
                    throw new EOFException("The server closed the connection mid-answer");
                }
                text = new String(bytes, StandardCharsets.UTF_8);
            } else {
                keepAlive = false; // the body ends with the connection
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            lastUsed = System.nanoTime();
            return new Answer(status, text);
        }

        private String chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (chunk == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return body.toString(StandardCharsets.UTF_8);
                }
                body.write(in.readNBytes(chunk));
                line(); // the CRLF after the chunk
            }
        }

        /** One line of the head, without its CRLF. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("The server closed the connection mid-answer");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            open.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
