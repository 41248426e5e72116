package dev.herald.delivery.boundary;

import dev.herald.delivery.control.DeliveriesScheduled;
import dev.herald.delivery.control.Dispatcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Sends new deliveries the moment their transaction commits, so latency is milliseconds,
 * not a pump tick; and never for a change that rolled back.
 */
@ApplicationScoped
public class ImmediateDispatch {

    @Inject
    Dispatcher dispatcher;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesScheduled scheduled) {
        scheduled.claims().forEach(dispatcher::submit);
        dispatcher.takeTurnsOf(scheduled.waitingSubjects());
    }
}
