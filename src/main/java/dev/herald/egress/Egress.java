package dev.herald.egress;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Every HTTP call Herald makes to the outside (deliveries, tests, validation handshakes).
 * Each connection goes to an address the target policy approved in the same lookup
 * ({@link CheckedResolver}); TLS still verifies the URL's host name. One call is one
 * request: no redirects, retries, cookies or cached credentials of the client's own.
 */
@ApplicationScoped
public class Egress {

    /** The start of an answer kept for the attempt log; the rest is not read. */
    public static final int RESPONSE_BODY_LIMIT = 4096;

    /** Workers, tests and handshakes at once; the caps per tenant and endpoint are the delivery's. */
    private static final int MAX_CONNECTIONS = 1024;
    /**
     * An answer's status line and headers are the receiver's bytes as much as its body:
     * unbounded, one header line without end, or a million headers, would fill the heap before
     * the deadline came. These are httpcore 5.4's defaults, set here so they stay Herald's; the
     * whole head and a chunked body's trailers are bounded too ({@link BoundedConnections}).
     */
    static final int MAX_HEADER_LINE = 8192;

    static final int MAX_HEADER_COUNT = 100;
    /** Framing headers the client writes itself; a caller's would contradict them. */
    private static final Set<String> CLIENT_OWNED_HEADERS =
            Set.of("content-length", "host", "connection", "transfer-encoding");

    @Inject
    TargetUrlPolicy targetUrlPolicy;

    @Inject
    EgressSettings settings;

    private CloseableHttpClient client;
    /** Only cancels requests at their deadline, which touches no container service. */
    private ScheduledThreadPoolExecutor deadlines;

    @PostConstruct
    void open() {
        open(InetAddress::getAllByName);
    }

    void open(CheckedResolver.Lookup lookup) {
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver(targetUrlPolicy, lookup))
                        .setConnectionFactory(new BoundedConnections(Http1Config.custom()
                                .setMaxLineLength(MAX_HEADER_LINE)
                                .setMaxHeaderCount(MAX_HEADER_COUNT)
                                .build()))
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                // A receiver may close a kept-alive connection at any time; checking
                                // one that idled keeps that from turning into a failed attempt.
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "herald-egress-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }

    /**
     * The attempt's bounds. Each address tried gets at most its share of the timeout to connect
     * ({@link CheckedResolver#MOST_TRIED}), so that connecting ends within it: the deadline's
     * cancel closes the socket being connected, not the tries of the addresses after it. Set on
     * the request, which the client still honours (the setter is deprecated for the
     * connection's, which cannot know the attempt's timeout).
     */
    @SuppressWarnings("deprecation")
    private RequestConfig attemptConfig(Duration timeout) {
        Timeout bound = Timeout.ofMilliseconds(Math.max(1, timeout.toMillis()));
        Duration connectShare = timeout.dividedBy(CheckedResolver.MOST_TRIED);
        Duration connect =
                connectShare.compareTo(settings.connectTimeout()) < 0 ? connectShare : settings.connectTimeout();
        return RequestConfig.custom()
                .setResponseTimeout(bound)
                .setConnectionRequestTimeout(bound)
                .setConnectTimeout(Timeout.ofMilliseconds(Math.max(1, connect.toMillis())))
                .build();
    }

    /**
     * Sends one request and reads the start of its answer, all within {@code timeout}.
     *
     * @param body null for none
     * @throws BlockedTargetException the host resolves to an address Herald does not call
     * @throws HttpTimeoutException   the timeout ran out, wherever it was spent
     * @throws IOException            anything else that kept the exchange from completing
     */
    public EgressResponse exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        headers.forEach((name, value) -> {
            if (!CLIENT_OWNED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                request.addHeader(name, value);
            }
        });
        if (body != null) {
            // No content type of the entity's own: the caller's headers say what the body is.
            request.setEntity(new ByteArrayEntity(body, null));
        }
        request.setConfig(attemptConfig(timeout));
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    expired.set(true);
                    request.cancel();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return read(client.execute(request));
        } catch (IOException e) {
            // The deadline's cancel, or a socket or connect timeout; a thread interrupt is not one.
            boolean timedOut = expired.get()
                    || e instanceof InterruptedIOException
                            && !Thread.currentThread().isInterrupted();
            if (timedOut) {
                throw new HttpTimeoutException("Timed out after " + timeout.toMillis() + " ms");
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Reads the status, headers and up to the limit of the body. An answer longer than that is
     * cut off and its connection dropped instead of drained: a receiver cannot make Herald
     * read without end. A connection whose answer was read to its end goes back to the pool.
     */
    /** The start of a body, and whether the body ended within it (its connection can be used again). */
    private record Start(byte[] bytes, boolean ended) {}

    /**
     * Reads up to one byte past the limit. A chunked body's trailers beyond their bound end the
     * reading, not the answer: the receiver's status stands (a {@code 2xx} retried for them would
     * be delivered twice), and the connection is dropped.
     */
    private static Start readStart(InputStream body) throws IOException {
        byte[] buffer = new byte[RESPONSE_BODY_LIMIT + 1];
        int total = 0;
        try {
            int n;
            while (total < buffer.length && (n = body.read(buffer, total, buffer.length - total)) >= 0) {
                total += n;
            }
            return new Start(Arrays.copyOf(buffer, total), total <= RESPONSE_BODY_LIMIT);
        } catch (MessageConstraintException trailersTooLong) {
            return new Start(Arrays.copyOf(buffer, total), false);
        }
    }

    private static EgressResponse read(CloseableHttpResponse response) throws IOException {
        boolean readToEnd = false;
        try {
            Map<String, String> firstValues = new HashMap<>();
            for (Header header : response.getHeaders()) {
                firstValues.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
            }
            HttpEntity entity = response.getEntity();
            Start start = entity == null ? new Start(new byte[0], true) : readStart(entity.getContent());
            readToEnd = start.ended();
            return new EgressResponse(
                    response.getCode(),
                    firstValues,
                    new String(
                            start.bytes(),
                            0,
                            Math.min(start.bytes().length, RESPONSE_BODY_LIMIT),
                            StandardCharsets.UTF_8));
        } finally {
            if (readToEnd) {
                response.close();
            } else {
                response.close(CloseMode.IMMEDIATE);
            }
        }
    }
}
