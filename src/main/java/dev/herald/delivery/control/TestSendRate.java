package dev.herald.delivery.control;

import dev.herald.platform.SharedRate;
import dev.herald.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Optional;

/** The test sends a tenant may start a minute, on the whole deployment: kept on its tenant row. */
@ApplicationScoped
@Transactional
public class TestSendRate {

    private static final SharedRate.Column TEST_SENDS = new SharedRate.Column("tenants", "test_send_next_micros");

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliverySettings settings;

    /** @return empty when the tenant may start a test send now, else how long until it may */
    public Optional<Duration> take(String tenantId) {
        return SharedRate.take(
                em, TEST_SENDS, tenantId, settings.testsPerMinute() / 60.0, settings.testsPerMinute(), Times.now());
    }
}
