package dev.herald.access.boundary;

import java.util.Optional;

/**
 * A path under the API whose calls bring a credential of their own instead of a bearer token
 * (an inbound sender's signature, an endpoint owner's one-time link). The feature that owns
 * such a path provides a bean of this type, so authentication names no feature's paths.
 */
public interface OpenPath {

    /** The first segment after /api/v1/, such as {@code inbound}; everything below it is open. */
    String segment();

    /**
     * The tenant a call to this path is for, when the path names something of a tenant's
     * ({@code rest} is what follows the segment and its slash), known before the call's own
     * credential is checked. Such calls wait in a line of that tenant's and take room from a
     * share of that tenant's ({@link CallAdmission}, {@link RequestBodyGate}), so that a burst
     * sent to one tenant's URL, by its sender or by anyone who knows it, holds up no other
     * tenant's. Empty when the path names nothing known: such calls share one line and one share
     * with every other call without a valid token.
     */
    default Optional<String> tenantOf(String rest) {
        return Optional.empty();
    }
}
