package dev.herald.inbound.control;

import jakarta.json.JsonObject;

/** Turns one kind of sender's payload into a {@link NormalizedEvent}. */
public interface Normalizer {

    /** What a call normalizes to: the event, or why there is nothing to process. */
    record Result(NormalizedEvent event, String ignoredBecause) {

        static Result of(NormalizedEvent event) {
            return new Result(event, null);
        }

        static Result ignored(String why) {
            return new Result(null, why);
        }
    }

    /** The sender's own name of the event (e.g. GitHub's X-GitHub-Event), for receipts. */
    String eventName(InboundCall call, JsonObject body);

    Result normalize(InboundCall call, JsonObject body);
}
