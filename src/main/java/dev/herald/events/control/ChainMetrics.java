package dev.herald.events.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Hash chain verifications by result, for {@code /metrics}: a broken one is worth an alert. */
@ApplicationScoped
public class ChainMetrics {

    private static final Metadata VERIFICATIONS = Metadata.builder()
            .withName("chain_verifications")
            .withDescription("Walks of a tenant's hash chain (API and console), by result: valid or broken")
            .build();

    @Inject
    MetricRegistry registry;

    /** Both series exist from the start, at 0, so that a rate over them is never empty. */
    void register(@Observes Startup startup) {
        counter(true);
        counter(false);
    }

    void verified(boolean valid) {
        counter(valid).inc();
    }

    private Counter counter(boolean valid) {
        return registry.counter(VERIFICATIONS, new Tag("result", valid ? "valid" : "broken"));
    }
}
