package dev.herald.inbound.entity;

import dev.herald.platform.text.Texts;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One authenticated call of a sender and what became of it: {@code processing} until the
 * work after the answer is done, then {@code processed}, {@code ignored}, {@code duplicate}
 * or {@code failed}, with the reason. The raw body is kept for the retention period.
 */
@Entity
@Table(name = "inbound_receipts")
public class Receipt {

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "integration_id", nullable = false)
    private String integrationId;

    @Column(name = "delivery_key", nullable = false)
    private String deliveryKey;

    @Column(name = "event_name")
    private String eventName;

    @Convert(converter = ReceiptOutcome.Column.class)
    @Column(nullable = false)
    private ReceiptOutcome outcome;

    private String reason;

    @Column(name = "normalized_json")
    private String normalizedJson;

    private String body;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "processed_at")
    private Instant processedAt;

    protected Receipt() {}

    public Receipt(
            String id,
            String tenantId,
            String integrationId,
            String deliveryKey,
            String eventName,
            String body,
            Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.integrationId = integrationId;
        this.deliveryKey = deliveryKey;
        this.eventName = Texts.storable(eventName, 100);
        this.body = body;
        this.outcome = ReceiptOutcome.PROCESSING;
        this.receivedAt = now;
    }

    public void normalized(String json) {
        this.normalizedJson = json;
    }

    public void conclude(ReceiptOutcome newOutcome, String why, Instant now) {
        this.outcome = newOutcome;
        this.reason = Texts.storable(why, 2000);
        this.processedAt = now;
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String integrationId() {
        return integrationId;
    }

    public String deliveryKey() {
        return deliveryKey;
    }

    public String eventName() {
        return eventName;
    }

    public ReceiptOutcome outcome() {
        return outcome;
    }

    public String reason() {
        return reason;
    }

    public String normalizedJson() {
        return normalizedJson;
    }

    public String body() {
        return body;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant processedAt() {
        return processedAt;
    }
}
