package dev.herald.subscriptions.boundary;

import dev.herald.platform.TenantTasks;
import dev.herald.platform.logging.LogIds;
import dev.herald.subscriptions.control.EndpointValidator;
import dev.herald.subscriptions.control.ValidationRequested;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the validation handshake once the subscription is committed, off the request's thread:
 * two of a tenant's at once, each bounded to 10 s, so a tenant's endpoints that hold them up
 * hold up only that tenant's next ones.
 */
@ApplicationScoped
public class EndpointHandshake {

    private static final Logger LOG = Logger.getLogger(EndpointHandshake.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    EndpointValidator validator;

    private TenantTasks handshakes;

    @PostConstruct
    void lines() {
        handshakes = new TenantTasks(executor, 2, 1_024, 4_096);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ValidationRequested request) {
        if (!handshakes.submit(request.tenantId(), () -> validator.handshake(request))) {
            LogIds.tenant(request.tenantId())
                    .log(
                            LOG,
                            Level.INFO,
                            "The handshake of subscription " + request.subscriptionId() + " is not sent: its"
                                    + " tenant has 1,024 waiting already; the one-time link confirms it");
        }
    }
}
