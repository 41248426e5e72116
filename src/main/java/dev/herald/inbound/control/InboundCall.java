package dev.herald.inbound.control;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What a sender sent: headers (names in lower case, first value), query parameters, and the
 * raw body, which is what signatures are computed over.
 */
public record InboundCall(Map<String, String> headers, Map<String, String> query, byte[] body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as text for its receipt; NUL, which PostgreSQL text cannot hold, shows as U+FFFD. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
    }
}
