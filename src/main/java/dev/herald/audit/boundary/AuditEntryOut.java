package dev.herald.audit.boundary;

import dev.herald.audit.entity.AuditEntry;
import java.time.Instant;

/**
 * One audited call: {@code outcome} is {@code succeeded}, {@code denied} (401/403),
 * {@code rejected} (other 4xx) or {@code failed} (5xx); {@code detail} is the problem's detail.
 */
public record AuditEntryOut(
        String id,
        Instant recordedAt,
        String actor,
        String tokenId,
        String scope,
        String method,
        String path,
        String targetId,
        int status,
        String outcome,
        String detail) {

    static AuditEntryOut of(AuditEntry entry) {
        return new AuditEntryOut(
                entry.id(),
                entry.recordedAt(),
                entry.actor(),
                entry.tokenId(),
                entry.scope(),
                entry.method(),
                entry.path(),
                entry.targetId(),
                entry.status(),
                entry.outcome(),
                entry.detail());
    }
}
