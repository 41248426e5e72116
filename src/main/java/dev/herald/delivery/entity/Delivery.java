package dev.herald.delivery.entity;

import dev.herald.platform.TenantRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One event to one subscription: durable work with its retry schedule as data
 * ({@code status}, {@code attemptCount}, {@code nextAttemptAt}) and a lease
 * ({@code claimToken}, {@code claimedUntil}) naming the worker that owns it now.
 */
@Entity
@Table(name = "deliveries")
public class Delivery extends TenantRecord {

    /**
     * The due time of a delivery of an ordered subject set aside until its turn: no claim reaches
     * it. Left due, the subject's waiting deliveries sat at the front of the due index (they were
     * due since they were made) and every claim of every tenant read past them: an ordered
     * endpoint down for an hour at 10 events/s leaves 36,000. A delivery set aside is made due
     * when it is its subject's first pending one: at once by the worker that ends the one before
     * (the ledger's {@code claimNextInOrder}), or by its next {@code sortTurns} (a delivery ended
     * elsewhere, a claim that ran out). The API shows its creation time instead.
     */
    public static final Instant SET_ASIDE_UNTIL_ITS_TURN = Instant.parse("9999-12-31T00:00:00Z");

    @Column(name = "event_id", nullable = false)
    private String eventId;

    @Column(name = "subscription_id", nullable = false)
    private String subscriptionId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    /**
     * The exact body every attempt sends; null when it is not copied but rendered from the event
     * each time it is sent or shown ({@link #payloadForm}).
     */
    private String payload;

    /**
     * How a payload that is not copied is rendered from its event: {@code envelope} or
     * {@code data} (the subscription's presentation when the delivery was made); null when the
     * payload is stored.
     */
    @Column(name = "payload_form")
    private String payloadForm;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeliveryStatus status;

    @Column(name = "attempt_count", nullable = false)
    private int attemptCount;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    /** Subscription and subject, for subscriptions that deliver each subject in order; else null. */
    @Column(name = "ordering_key")
    private String orderingKey;

    /**
     * The event's place in its tenant's chain: the order of an ordered subject's deliveries.
     * Not the delivery's id: ids are increasing within one process only, and two instances
     * may create a subject's deliveries within one millisecond (or with clocks apart).
     */
    @Column(name = "event_sequence")
    private Long eventSequence;

    @Column(name = "claim_token")
    private String claimToken;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "last_error")
    private String lastError;

    private String subject;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "external_id")
    private String externalId;

    @Column(name = "acknowledged_status")
    private String acknowledgedStatus;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Delivery() {}

    public Delivery(
            String id,
            String tenantId,
            String eventId,
            String subscriptionId,
            String eventType,
            String payload,
            String payloadForm,
            String subject,
            String orderingKey,
            long eventSequence,
            Instant now) {
        super(id, tenantId, now);
        this.subject = subject;
        this.eventId = eventId;
        this.subscriptionId = subscriptionId;
        this.eventType = eventType;
        this.payload = payload;
        this.payloadForm = payloadForm;
        this.orderingKey = orderingKey;
        this.eventSequence = eventSequence;
        this.status = DeliveryStatus.PENDING;
        this.nextAttemptAt = now;
        this.updatedAt = now;
    }

    /** Sets a delivery aside until it is the first pending one of its ordered subject. */
    public void setAsideUntilItsTurn() {
        this.nextAttemptAt = SET_ASIDE_UNTIL_ITS_TURN;
    }

    /** Marks a delivery a oneTime subscription does not want, keeping why. */
    public void suppress(String reason) {
        this.status = DeliveryStatus.SUPPRESSED;
        this.nextAttemptAt = null;
        this.lastError = reason;
    }

    /** Records what the receiver made of the delivery (a ticket, a page). */
    public void acknowledge(Instant at, String externalId, String status) {
        this.acknowledgedAt = at;
        this.externalId = externalId;
        this.acknowledgedStatus = status;
        this.updatedAt = at;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String externalId() {
        return externalId;
    }

    public String acknowledgedStatus() {
        return acknowledgedStatus;
    }

    public String subject() {
        return subject;
    }

    public void claim(String token, Instant until) {
        this.claimToken = token;
        this.claimedUntil = until;
    }

    public String eventId() {
        return eventId;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public String eventType() {
        return eventType;
    }

    public String payload() {
        return payload;
    }

    public String payloadForm() {
        return payloadForm;
    }

    public DeliveryStatus status() {
        return status;
    }

    public int attemptCount() {
        return attemptCount;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String orderingKey() {
        return orderingKey;
    }

    public Long eventSequence() {
        return eventSequence;
    }

    public Instant claimedUntil() {
        return claimedUntil;
    }

    /** The token of the worker holding the delivery now; null while no one does. */
    public String claimToken() {
        return claimToken;
    }

    public String lastError() {
        return lastError;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
