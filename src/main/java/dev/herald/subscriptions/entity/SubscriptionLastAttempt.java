package dev.herald.subscriptions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A subscription's latest attempt: when it was made and the HTTP status it got (null without
 * an answer). Both null until the first attempt. Written by the attempt log in batches
 * (LastAttempts), read here.
 */
@Entity
@Table(name = "subscription_last_attempts")
public class SubscriptionLastAttempt {

    @Id
    @Column(name = "subscription_id")
    private String subscriptionId;

    @Column(name = "attempted_at")
    private Instant attemptedAt;

    @Column(name = "status_code")
    private Integer statusCode;

    protected SubscriptionLastAttempt() {}

    public SubscriptionLastAttempt(String subscriptionId) {
        this.subscriptionId = subscriptionId;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public Instant attemptedAt() {
        return attemptedAt;
    }

    public Integer statusCode() {
        return statusCode;
    }
}
