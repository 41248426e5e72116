package dev.herald.inbound.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A sender's delivery id already received by an integration, and its first receipt. */
@Entity
@Table(name = "inbound_seen")
@IdClass(SeenDelivery.Key.class)
public class SeenDelivery {

    /** The primary key: integration and delivery id. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String integrationId;
        private String deliveryKey;

        public Key() {}

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(integrationId, key.integrationId)
                    && Objects.equals(deliveryKey, key.deliveryKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(integrationId, deliveryKey);
        }
    }

    @Id
    @Column(name = "integration_id")
    private String integrationId;

    @Id
    @Column(name = "delivery_key")
    private String deliveryKey;

    @Column(name = "receipt_id", nullable = false)
    private String receiptId;

    /** When the id was first received; it is forgotten after herald.retention.seen-inbound-ids. */
    @Column(name = "seen_at", nullable = false)
    private Instant seenAt;

    protected SeenDelivery() {}

    public SeenDelivery(String integrationId, String deliveryKey, String receiptId, Instant seenAt) {
        this.integrationId = integrationId;
        this.deliveryKey = deliveryKey;
        this.receiptId = receiptId;
        this.seenAt = seenAt;
    }

    public String receiptId() {
        return receiptId;
    }
}
