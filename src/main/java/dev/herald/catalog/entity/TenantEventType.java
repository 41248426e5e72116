package dev.herald.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An event type a tenant defined for its own events, beside the built-in catalog. */
@Entity
@Table(name = "event_types")
@IdClass(TenantEventType.Key.class)
public class TenantEventType {

    @Id
    @Column(name = "tenant_id")
    private String tenantId;

    @Id
    private String name;

    @Column(nullable = false)
    private String description;

    /** The JSON Schema of the event's {@code data}, as JSON text. */
    @Column(name = "schema_json", nullable = false)
    private String schemaJson;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TenantEventType() {}

    public TenantEventType(String tenantId, String name, String description, String schemaJson, Instant createdAt) {
        this.tenantId = tenantId;
        this.name = name;
        this.description = description;
        this.schemaJson = schemaJson;
        this.createdAt = createdAt;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String schemaJson() {
        return schemaJson;
    }

    /** The composite primary key: names are unique per tenant. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String tenantId;
        private String name;

        public Key() {}

        public Key(String tenantId, String name) {
            this.tenantId = tenantId;
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(tenantId, key.tenantId) && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, name);
        }
    }
}
