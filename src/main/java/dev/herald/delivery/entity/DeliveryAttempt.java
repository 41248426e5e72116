package dev.herald.delivery.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One HTTP attempt of a delivery, as sent (secrets masked) and as answered. Its body is the
 * delivery's payload, kept there once. Read through JPA; written by the attempt log's JDBC
 * batches ({@code DeliveryLedger.recordAll}).
 */
@Entity
@Table(name = "delivery_attempts")
public class DeliveryAttempt {

    @Id
    private String id;

    @Column(name = "delivery_id", nullable = false)
    private String deliveryId;

    @Column(nullable = false)
    private int attempt;

    @Column(nullable = false)
    private String url;

    @Column(nullable = false)
    private String method;

    /** JSON object of the request headers, with secrets masked. */
    @Column(name = "request_headers", nullable = false)
    private String requestHeaders;

    /** JSON array of the redirect hops' URLs, or null when the attempt followed none. */
    private String redirects;

    @Column(name = "status_code")
    private Integer statusCode;

    @Column(name = "response_body")
    private String responseBody;

    @Column(name = "response_time_ms", nullable = false)
    private long responseTimeMs;

    private String error;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "instance_id")
    private String instanceId;

    protected DeliveryAttempt() {}

    public String deliveryId() {
        return deliveryId;
    }

    public int attempt() {
        return attempt;
    }

    public String url() {
        return url;
    }

    public String method() {
        return method;
    }

    public String requestHeaders() {
        return requestHeaders;
    }

    public String redirects() {
        return redirects;
    }

    public Integer statusCode() {
        return statusCode;
    }

    public String responseBody() {
        return responseBody;
    }

    public long responseTimeMs() {
        return responseTimeMs;
    }

    public String error() {
        return error;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String instanceId() {
        return instanceId;
    }
}
