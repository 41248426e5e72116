package dev.herald.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A recorded fact of a tenant's history. Never updated, never deleted. */
@Entity
@Table(name = "events")
public class Event {

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(nullable = false)
    private String type;

    private String subject;

    @Column(name = "data_json", nullable = false)
    private String dataJson;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Place in the tenant's hash chain: 1, 2, 3, … without gaps. */
    @Column(nullable = false)
    private long sequence;

    @Column(name = "prev_hash", nullable = false)
    private String prevHash;

    @Column(nullable = false)
    private String hash;

    protected Event() {
    }

    public Event(String id, String tenantId, String type, String subject, String dataJson, Instant createdAt,
            long sequence, String prevHash, String hash) {
        this.id = id;
        this.tenantId = tenantId;
        this.type = type;
        this.subject = subject;
        this.dataJson = dataJson;
        this.createdAt = createdAt;
        this.sequence = sequence;
        this.prevHash = prevHash;
        this.hash = hash;
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
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

    public Instant createdAt() {
        return createdAt;
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
