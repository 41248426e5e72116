package dev.herald.governance.approval.boundary;

import dev.herald.governance.approval.entity.Approval;
import java.time.Instant;

/** An approval as clients see it; {@code requestedBy}/{@code decidedBy} are the actors of the tokens that acted. */
public record ApprovalOut(
        String id,
        String releaseId,
        String status,
        Instant expiresAt,
        String requestedBy,
        String decidedBy,
        Instant decidedAt,
        String comment,
        Instant createdAt) {

    static ApprovalOut of(Approval approval) {
        return new ApprovalOut(
                approval.id(),
                approval.releaseId(),
                approval.status().wireName(),
                approval.expiresAt(),
                approval.requestedBy(),
                approval.decidedBy(),
                approval.decidedAt(),
                approval.comment(),
                approval.createdAt());
    }
}
