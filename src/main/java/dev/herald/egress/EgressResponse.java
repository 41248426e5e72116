package dev.herald.egress;

import java.util.Map;
import java.util.Optional;

/**
 * An answer from outside: its status, the first value of each header (names in lower case)
 * and the start of its body.
 */
public record EgressResponse(int status, Map<String, String> headers, String body) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
