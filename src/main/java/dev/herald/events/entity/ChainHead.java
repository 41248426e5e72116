package dev.herald.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The newest link of a tenant's hash chain. Appending an event locks this row, so events of
 * one tenant are chained one after the other even across Herald instances.
 */
@Entity
@Table(name = "event_chain_heads")
public class ChainHead {

    /** The hash an empty chain ends in: the prevHash of a tenant's first event. */
    public static final String GENESIS = "0".repeat(64);

    @Id
    @Column(name = "tenant_id")
    private String tenantId;

    @Column(nullable = false)
    private long sequence;

    @Column(nullable = false)
    private String hash;

    /** How many times one of the tenant's subscriptions was turned on (created active, confirmed, activated). */
    @Column(name = "subscriptions_turned_on", nullable = false)
    private long subscriptionsTurnedOn;

    protected ChainHead() {}

    public ChainHead(String tenantId) {
        this.tenantId = tenantId;
        this.sequence = 0;
        this.hash = GENESIS;
    }

    public void advance(long newSequence, String newHash) {
        this.sequence = newSequence;
        this.hash = newHash;
    }

    public void countSubscriptionTurnedOn() {
        subscriptionsTurnedOn++;
    }

    public long subscriptionsTurnedOn() {
        return subscriptionsTurnedOn;
    }

    public long sequence() {
        return sequence;
    }

    public String hash() {
        return hash;
    }
}
