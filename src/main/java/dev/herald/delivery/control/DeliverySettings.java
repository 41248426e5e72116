package dev.herald.delivery.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The dispatch pump's settings, read and checked once. */
@ApplicationScoped
public class DeliverySettings {

    /** Worker threads, and so deliveries in flight at once on this instance. */
    public static final int WORKERS = 64;

    @Inject
    @ConfigProperty(name = "herald.delivery.lease", defaultValue = "PT3M")
    String leaseText;

    @Inject
    @ConfigProperty(name = "herald.delivery.poll-interval", defaultValue = "PT1S")
    String pollIntervalText;

    @Inject
    @ConfigProperty(name = "herald.delivery.batch-size", defaultValue = "200")
    int batchSize;

    @Inject
    @ConfigProperty(name = "herald.delivery.hold-interval", defaultValue = "PT30S")
    String holdIntervalText;

    private Duration lease;
    private Duration pollInterval;
    private Duration holdInterval;

    @PostConstruct
    void parse() {
        lease = Duration.parse(leaseText);
        pollInterval = Duration.parse(pollIntervalText);
        holdInterval = Duration.parse(holdIntervalText);
        if (lease.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalStateException("herald.delivery.lease must be at least PT10S");
        }
    }

    /** How long a claim lasts: a worker that dies is replaced once it runs out. */
    public Duration lease() {
        return lease;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public int batchSize() {
        return batchSize;
    }

    /** How long a delivery to a paused subscription waits before it is looked at again. */
    public Duration holdInterval() {
        return holdInterval;
    }

    /**
     * The timeout an attempt may use: the subscription's, but always inside the lease, so
     * no other worker can take over a delivery while its attempt is still running.
     */
    public Duration attemptTimeout(int subscriptionTimeoutMs) {
        Duration cap = lease.minusSeconds(5);
        Duration wanted = Duration.ofMillis(subscriptionTimeoutMs);
        return wanted.compareTo(cap) < 0 ? wanted : cap;
    }
}
