package dev.herald.delivery.control;

import dev.herald.platform.TenantShares;
import dev.herald.problems.TooManyRequestsProblem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * The small pool test sends run in, apart from the delivery workers: a test runs on the
 * request's thread and waits for the receiver, so without bounds a burst of tests at a slow
 * endpoint would hold every request thread. Each tenant gets a few at a time and a number per
 * minute; beyond that, or when the pool is full, a test is refused with 429 at once.
 */
@ApplicationScoped
public class TestSendGate {

    @Inject
    DeliverySettings settings;

    @Inject
    TestSendRate rate;

    private TenantShares places;

    @PostConstruct
    void createPlaces() {
        places = new TenantShares(settings.testTenantConcurrency(), settings.testConcurrency());
    }

    /**
     * A place for one test send of the tenant: close it when the test is done. The rate is the
     * tenant's on the whole deployment (kept in the database); the places are this instance's.
     */
    public TenantShares.Place enter(String tenantId) {
        Optional<Duration> wait = rate.take(tenantId); // committed before a place is taken: none can leak
        if (wait.isPresent()) {
            throw new TooManyRequestsProblem(
                    "This tenant may start " + settings.testsPerMinute()
                            + " test sends a minute; try again after Retry-After",
                    wait.get());
        }
        return places.take(
                tenantId,
                1,
                () -> new TooManyRequestsProblem(
                        "This tenant already has " + settings.testTenantConcurrency()
                                + " test sends waiting for their receivers; try again when one has answered",
                        Duration.ofSeconds(1)),
                () -> new TooManyRequestsProblem(
                        "Herald is running as many test sends as it allows at once; " + "try again shortly",
                        Duration.ofSeconds(1)));
    }
}
