package dev.herald.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Where a tenant's kept history starts once events were pruned: the last pruned event's
 * sequence, hash and time. The first kept event's prevHash is this hash, so the rest of the
 * chain is proved from here. Written by the retention sweep, which prunes in order.
 */
@Entity
@Table(name = "chain_anchors")
public class ChainAnchor {

    @Id
    @Column(name = "tenant_id")
    private String tenantId;

    @Column(nullable = false)
    private long sequence;

    @Column(nullable = false)
    private String hash;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "pruned_at", nullable = false)
    private Instant prunedAt;

    protected ChainAnchor() {}

    public long sequence() {
        return sequence;
    }

    public String hash() {
        return hash;
    }

    /** When the last pruned event was recorded: the history kept starts after it. */
    public Instant recordedAt() {
        return recordedAt;
    }

    public Instant prunedAt() {
        return prunedAt;
    }
}
