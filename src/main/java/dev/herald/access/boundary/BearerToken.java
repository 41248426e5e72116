package dev.herald.access.boundary;

import java.util.Optional;

/**
 * The token an {@code Authorization: Bearer <token>} header carries, read the same way by
 * {@link CallAdmission} (to know whose line a call waits in) and {@link AccessFilter} (to let it in):
 * the one reuses the other's check only for the same token, which one reading makes a fair test.
 */
final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private BearerToken() {}

    /** The token, trimmed; empty when there is no header or it is not of the Bearer scheme (in any case). */
    static Optional<String> of(String header) {
        return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                ? Optional.of(header.substring(SCHEME.length()).trim())
                : Optional.empty();
    }
}
