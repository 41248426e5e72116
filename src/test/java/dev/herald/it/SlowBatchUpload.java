package dev.herald.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A {@code POST /events/batch} whose body is still arriving: it declares {@code length} bytes and
 * sends only the first few, so the server holds it in progress until {@link #finish()} sends the
 * rest (a valid one-event batch, padded with whitespace to the declared length).
 */
public final class SlowBatchUpload implements AutoCloseable {

    private static final String HEAD = "{\"events\":[";
    private static final String REST = "{\"type\":\"build.started\",\"data\":{\"build_id\":\"slow\"}}]}";

    private final Socket socket;
    private final int length;
    private boolean finished;

    private SlowBatchUpload(Socket socket, int length) {
        this.socket = socket;
        this.length = length;
    }

    public static SlowBatchUpload start(String token, int length) throws IOException {
        var base = HeraldServer.base();
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(60_000);
        String request = "POST " + base.getPath() + "api/v1/events/batch HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\n"
                + "Connection: close\r\n\r\n"
                + HEAD;
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new SlowBatchUpload(socket, length);
    }

    /** Sends the rest of the body and answers the response's status. */
    public int finish() throws IOException {
        finished = true;
        String rest = REST + " ".repeat(length - HEAD.length() - REST.length());
        OutputStream out = socket.getOutputStream();
        out.write(rest.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        var statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    @Override
    public void close() throws IOException {
        try {
            if (!finished) {
                finish();
            }
        } finally {
            socket.close();
        }
    }
}
