package dev.herald.events.boundary;

import dev.herald.events.control.HistoryAudit;
import java.time.Instant;

/**
 * What walking the hash chain found: {@code valid} when every event of the window holds
 * together, else {@code firstBreak} names the first event (or missing sequence) that does not.
 * An empty window is valid with nothing checked. {@code anchor}, once events were pruned,
 * says where the kept chain starts: the first kept event's prevHash is its hash.
 */
public record VerificationOut(
        boolean valid,
        long checked,
        Long firstSequence,
        Long lastSequence,
        String lastHash,
        BreakOut firstBreak,
        AnchorOut anchor) {

    /** The last pruned event: its sequence, its hash, when it was recorded and when it was pruned. */
    public record AnchorOut(long sequence, String hash, Instant recordedAt, Instant prunedAt) {}

    /** Where the chain broke: the sequence, the event there (null when it is missing) and why. */
    public record BreakOut(long sequence, String eventId, String reason) {}

    static VerificationOut of(HistoryAudit.Verification verification) {
        var stretch = verification.stretch();
        var broken = verification.firstBreak();
        var anchor = verification.anchor();
        return new VerificationOut(
                verification.valid(),
                verification.checked(),
                stretch == null ? null : stretch.first(),
                stretch == null ? null : stretch.last(),
                verification.lastHash(),
                broken == null ? null : new BreakOut(broken.sequence(), broken.eventId(), broken.reason()),
                anchor == null
                        ? null
                        : new AnchorOut(anchor.sequence(), anchor.hash(), anchor.recordedAt(), anchor.prunedAt()));
    }
}
