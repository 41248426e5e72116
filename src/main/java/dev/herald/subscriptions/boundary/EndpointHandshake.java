package dev.herald.subscriptions.boundary;

import dev.herald.subscriptions.control.EndpointValidator;
import dev.herald.subscriptions.control.ValidationRequested;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Sends the validation handshake once the subscription is committed, off the request's thread. */
@ApplicationScoped
public class EndpointHandshake {

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    EndpointValidator validator;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ValidationRequested request) {
        executor.execute(() -> validator.handshake(request));
    }
}
