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

    protected Event() {
    }

    public Event(String id, String tenantId, String type, String subject, String dataJson, Instant createdAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.type = type;
        this.subject = subject;
        this.dataJson = dataJson;
        this.createdAt = createdAt;
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
}
