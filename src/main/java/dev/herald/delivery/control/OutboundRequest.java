package dev.herald.delivery.control;

import java.time.Duration;
import java.util.Map;

/** An HTTP request to a subscriber, complete with its real (unmasked) headers. */
public record OutboundRequest(String url, String method, Map<String, String> headers, String body, Duration timeout) {
}
