package dev.herald.events.entity;

import dev.herald.platform.TenantRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A recorded fact of a tenant's history. Never updated, never deleted. */
@Entity
@Table(name = "events")
public class Event extends TenantRecord {

    @Column(nullable = false)
    private String type;

    private String subject;

    @Column(name = "data_json", nullable = false)
    private String dataJson;

    /** Place in the tenant's hash chain: 1, 2, 3, … without gaps. */
    @Column(nullable = false)
    private long sequence;

    @Column(name = "prev_hash", nullable = false)
    private String prevHash;

    @Column(nullable = false)
    private String hash;

    protected Event() {}

    public Event(
            String id,
            String tenantId,
            String type,
            String subject,
            String dataJson,
            Instant createdAt,
            long sequence,
            String prevHash,
            String hash) {
        super(id, tenantId, createdAt);
        this.type = type;
        this.subject = subject;
        this.dataJson = dataJson;
        this.sequence = sequence;
        this.prevHash = prevHash;
        this.hash = hash;
    }

    public String type() {
        return type;
    }

    public String subject() {
        return subject;
    }

    public String dataJson() {
        return dataJson;
    }

    public long sequence() {
        return sequence;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
