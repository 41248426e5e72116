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
    private static final int AT_ONCE_PER_TENANT = 2;
    private static final int WAITING_PER_TENANT = 1_024;
    private static final int WAITING_IN_ALL = 4 * WAITING_PER_TENANT;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    EndpointValidator validator;

    private TenantTasks handshakes;

    @PostConstruct
    void lines() {
        handshakes = new TenantTasks(executor, AT_ONCE_PER_TENANT, WAITING_PER_TENANT, WAITING_IN_ALL);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ValidationRequested request) {
        if (!handshakes.submit(request.tenantId(), () -> validator.handshake(request))) {
            LogIds.tenant(request.tenantId())
                    .log(
                            LOG,
                            Level.INFO,
                            "The handshake of subscription " + request.subscriptionId() + " is not sent: "
                                    + WAITING_PER_TENANT + " of its tenant's (or " + WAITING_IN_ALL
                                    + " of all) wait already; the one-time link confirms it");
        }
    }
}
