package dev.herald.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body is still arriving: it declares {@code length} bytes and sends only the
 * first few, so the server holds it in progress until {@link #finish()} sends the rest (a valid
 * body, padded with whitespace to the declared length).
 */
public final class HeldUpload implements AutoCloseable {

    private static final String BATCH_HEAD = "{\"events\":[";
    private static final String BATCH_REST = "{\"type\":\"build.started\",\"data\":{\"build_id\":\"slow\"}}]}";

    private final Socket socket;
    private final int length;
    private final String rest;
    private boolean finished;

    private HeldUpload(Socket socket, int length, String rest) {
        this.socket = socket;
        this.length = length;
        this.rest = rest;
    }

    /** A one-event {@code POST /events/batch} of the token's tenant, held after its first bytes. */
    public static HeldUpload batch(String token, int length) throws IOException {
        return start("api/v1/events/batch", "Authorization: Bearer " + token, length, BATCH_HEAD, BATCH_REST);
    }

    /** A generic integration's webhook authenticated by its token, held after its first bytes. */
    public static HeldUpload inbound(String integrationId, String token, int length) throws IOException {
        return inbound(HeraldServer.base(), integrationId, token, length);
    }

    /** The same, to the Herald at {@code base} (a test's own server). */
    public static HeldUpload inbound(URI base, String integrationId, String token, int length) throws IOException {
        return start(
                base,
                "api/v1/inbound/" + integrationId,
                "X-Herald-Token: " + token,
                "application/json",
                length,
                "{\"tag\":",
                "\"v1.0.0\"}");
    }

    /** A console form posted to {@code page} with the browser's {@code cookies}, held after its first bytes. */
    public static HeldUpload consoleForm(String cookies, String page, int length) throws IOException {
        return form(page, "Cookie: " + cookies, length);
    }

    /** A form-encoded POST to {@code path} with {@code header} (its caller's credential), held after its first bytes. */
    public static HeldUpload form(String path, String header, int length) throws IOException {
        return start(path, header, "application/x-www-form-urlencoded", length, "note=", "held");
    }

    /** A sign-in form of the console, without a session, held after its first bytes. */
    public static HeldUpload signInForm(int length) throws IOException {
        return start(
                "console/sign-in.xhtml",
                "Accept: text/html", // nobody's yet: no credential
                "application/x-www-form-urlencoded",
                length,
                "signIn=",
                "signIn");
    }

    private static HeldUpload start(String path, String header, int length, String head, String rest)
            throws IOException {
        return start(path, header, "application/json", length, head, rest);
    }

    private static HeldUpload start(
            String path, String header, String contentType, int length, String head, String rest) throws IOException {
        return start(HeraldServer.base(), path, header, contentType, length, head, rest);
    }

    private static HeldUpload start(
            URI base, String path, String header, String contentType, int length, String head, String rest)
            throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(60_000);
        String request = "POST " + base.getPath() + path + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + header + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + length + "\r\n"
                + "Connection: close\r\n\r\n"
                + head;
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new HeldUpload(socket, length - head.length(), rest);
    }

    /** Sends the rest of the body and answers the response's status. */
    public int finish() throws IOException {
        finished = true;
        OutputStream out = socket.getOutputStream();
        out.write((rest + " ".repeat(length - rest.length())).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return statusOf(socket);
    }

    /** Whether the server has answered already, the body still unsent (it refused the request as it arrived). */
    public boolean answered() throws IOException {
        return socket.getInputStream().available() > 0;
    }

    /** The status of an answer that came before the body was sent; the rest is not sent. */
    public int status() throws IOException {
        finished = true;
        return statusOf(socket);
    }

    private static int statusOf(Socket socket) throws IOException {
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
