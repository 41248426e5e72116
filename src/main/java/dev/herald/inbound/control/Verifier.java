package dev.herald.inbound.control;

import java.util.Optional;

/** Decides whether a call really comes from the integration's sender. */
public interface Verifier {

    /** Empty when the call is authentic; otherwise why not, as the 401 says it (never a secret). */
    Optional<String> refusal(InboundCall call);
}
