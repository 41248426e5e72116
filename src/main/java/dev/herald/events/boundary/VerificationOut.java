package dev.herald.events.boundary;

import dev.herald.events.control.HistoryAudit;

/**
 * What walking the hash chain found: {@code valid} when every event of the window holds
 * together, else {@code firstBreak} names the first event (or missing sequence) that does not.
 * An empty window is valid with nothing checked.
 */
public record VerificationOut(boolean valid, long checked, Long firstSequence, Long lastSequence, String lastHash,
        BreakOut firstBreak) {

    /** Where the chain broke: the sequence, the event there (null when it is missing) and why. */
    public record BreakOut(long sequence, String eventId, String reason) {
    }

    static VerificationOut of(HistoryAudit.Verification verification) {
        var stretch = verification.stretch();
        var broken = verification.firstBreak();
        return new VerificationOut(verification.valid(), verification.checked(),
                stretch == null ? null : stretch.first(), stretch == null ? null : stretch.last(),
                verification.lastHash(),
                broken == null ? null : new BreakOut(broken.sequence(), broken.eventId(), broken.reason()));
    }
}
