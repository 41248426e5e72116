package dev.herald.inbound.control;

import dev.herald.inbound.entity.ReceiptOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Senders' calls by the answer they got, for {@code /metrics} (docs/operations.md). */
@ApplicationScoped
public class InboundMetrics {

    /** A call whose signature or token did not verify: answered 401, no receipt kept. */
    public static final String REFUSED = "refused";

    private static final Metadata RECEIPTS = Metadata.builder()
            .withName("inbound_receipts")
            .withDescription("Senders' calls by outcome: processed, ignored, duplicate, failed (its body was no "
                    + "JSON) or refused (it did not verify)")
            .build();

    @Inject
    MetricRegistry registry;

    /** Every outcome's series exists from the start, at 0, so that a rate over it is never empty. */
    void register(@Observes Startup startup) {
        Stream.of(ReceiptOutcome.values())
                .filter(outcome -> outcome != ReceiptOutcome.PROCESSING)
                .forEach(outcome -> counter(outcome.wireName()));
        counter(REFUSED);
    }

    public void answered(String outcome) {
        counter(outcome).inc();
    }

    private Counter counter(String outcome) {
        return registry.counter(RECEIPTS, new Tag("outcome", outcome));
    }
}
