package dev.herald.delivery.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The dispatch pump's settings, read and checked once. */
@ApplicationScoped
public class DeliverySettings {

    /** The most delivery workers an instance can be given (its executor's size). */
    public static final int MAX_WORKERS = 512;

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

    @Inject
    @ConfigProperty(name = "herald.delivery.workers", defaultValue = "128")
    int workers;

    @Inject
    @ConfigProperty(name = "herald.delivery.tenant-concurrency", defaultValue = "32")
    int tenantConcurrency;

    @Inject
    @ConfigProperty(name = "herald.delivery.endpoint-concurrency", defaultValue = "16")
    int endpointConcurrency;

    @Inject
    @ConfigProperty(name = "herald.delivery.tenant-backlog", defaultValue = "2000")
    int tenantBacklog;

    @Inject
    @ConfigProperty(name = "herald.delivery.busy-hold", defaultValue = "PT1S")
    String busyHoldText;

    @Inject
    @ConfigProperty(name = "herald.delivery.test.concurrency", defaultValue = "8")
    int testConcurrency;

    @Inject
    @ConfigProperty(name = "herald.delivery.test.tenant-concurrency", defaultValue = "2")
    int testTenantConcurrency;

    @Inject
    @ConfigProperty(name = "herald.delivery.test.per-minute", defaultValue = "30")
    int testsPerMinute;

    private Duration lease;
    private Duration pollInterval;
    private Duration holdInterval;
    private Duration busyHold;

    @PostConstruct
    void parse() {
        lease = duration("herald.delivery.lease", leaseText);
        pollInterval = duration("herald.delivery.poll-interval", pollIntervalText);
        holdInterval = duration("herald.delivery.hold-interval", holdIntervalText);
        busyHold = duration("herald.delivery.busy-hold", busyHoldText);
        if (lease.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalStateException("herald.delivery.lease must be at least PT10S");
        }
        atLeastOne("herald.delivery.batch-size", batchSize);
        atLeastOne("herald.delivery.tenant-concurrency", tenantConcurrency);
        atLeastOne("herald.delivery.endpoint-concurrency", endpointConcurrency);
        atLeastOne("herald.delivery.tenant-backlog", tenantBacklog);
        atLeastOne("herald.delivery.test.concurrency", testConcurrency);
        atLeastOne("herald.delivery.test.tenant-concurrency", testTenantConcurrency);
        atLeastOne("herald.delivery.test.per-minute", testsPerMinute);
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalStateException(
                    "herald.delivery.workers must be between 1 and " + MAX_WORKERS + ", not " + workers);
        }
    }

    private static Duration duration(String key, String text) {
        try {
            Duration value = Duration.parse(text);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalStateException(key + " must be a positive ISO-8601 duration, not " + text);
            }
            return value;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException(key + " must be an ISO-8601 duration such as PT30S, not " + text, e);
        }
    }

    private static void atLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalStateException(key + " must be at least 1, not " + value);
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

    /** Worker threads, and so deliveries in flight at once on this instance. */
    public int workers() {
        return workers;
    }

    /** Most deliveries of one tenant in flight at once on this instance. */
    public int tenantConcurrency() {
        return tenantConcurrency;
    }

    /** Most deliveries of one tenant to one origin in flight at once on this instance. */
    public int endpointConcurrency() {
        return endpointConcurrency;
    }

    /** Most deliveries of one tenant kept waiting in memory for a free place; more wait in the database. */
    public int tenantBacklog() {
        return tenantBacklog;
    }

    /**
     * How long a delivery waits in the database, counted from the start of the pump's tick that
     * gave it back, when its tenant's caps and backlog were full or when an instance gives back
     * what it holds beyond a round of work: at least a poll interval, so that the tick that gave
     * it back (claiming for up to nine tenths of one) does not take it again.
     */
    public Duration busyHold() {
        return busyHold;
    }

    /** Test sends in flight at once on this instance, all tenants together. */
    public int testConcurrency() {
        return testConcurrency;
    }

    /** Test sends of one tenant in flight at once on this instance. */
    public int testTenantConcurrency() {
        return testTenantConcurrency;
    }

    /** Test sends one tenant may start per minute on this instance. */
    public int testsPerMinute() {
        return testsPerMinute;
    }

    /**
     * The time a whole attempt may take, every redirect hop included: the subscription's
     * timeout, but always inside the lease, so no other worker can take over a delivery while
     * its attempt is still running.
     */
    public Duration attemptTimeout(int subscriptionTimeoutMs) {
        return attemptTimeout(lease, subscriptionTimeoutMs);
    }

    static Duration attemptTimeout(Duration lease, int subscriptionTimeoutMs) {
        Duration cap = lease.minusSeconds(5);
        Duration wanted = Duration.ofMillis(subscriptionTimeoutMs);
        return wanted.compareTo(cap) < 0 ? wanted : cap;
    }
}
