package dev.herald.delivery.control;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP request to a subscriber, complete with its real (unmasked) headers.
 *
 * @param privateHeaders the names of headers meant for the subscriber's own origin only (its
 *                       credentials and custom headers): a redirect to another origin drops them
 * @param body           the body in UTF-8: the very bytes its signatures were computed over
 * @param timeout        the time the whole attempt may take, every redirect hop included
 */
public record OutboundRequest(
        String url,
        String method,
        Map<String, String> headers,
        Set<String> privateHeaders,
        byte[] body,
        Duration timeout) {}
