package dev.herald.inbound.control;

/** Decides whether a call really comes from the integration's sender. */
public interface Verifier {

    /** Null when the call is authentic; otherwise why not, as the 401 says it (never a secret). */
    String refuse(InboundCall call);
}
