package dev.herald.delivery.boundary;

import dev.herald.access.boundary.PageRoom;
import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.delivery.control.DeliveryQueries;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.problems.InvalidInputException;
import dev.herald.subscriptions.control.Subscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log of one subscription. */
@ApplicationScoped
@Path("webhooks/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
@Needs(Scope.SUBSCRIBE)
public class SubscriptionDeliveriesResource {

    @Inject
    DeliveryQueries deliveries;

    @Inject
    Subscriptions subscriptions;

    @Inject
    Caller caller;

    @Inject
    PageRoom pageRoom;

    @GET
    @Operation(summary = "List a subscription's deliveries with their attempts, newest first")
    public Page<DeliveryOut> list(
            @PathParam("id") String subscriptionId,
            @QueryParam("status") String status,
            @QueryParam("page") String page,
            @QueryParam("pageSize") String pageSize) {
        PageRequest request = PageRequest.of(page, pageSize);
        subscriptions.get(caller.tenantId(), subscriptionId);
        return deliveries
                .forSubscription(caller.tenantId(), subscriptionId, parseStatus(status), request, pageRoom)
                .map(DeliveryOut::of);
    }

    private static DeliveryStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return Arrays.stream(DeliveryStatus.values())
                .filter(s -> s.wireName().equals(status))
                .findFirst()
                .orElseThrow(() -> InvalidInputException.of(
                        "status", "must be one of pending, succeeded, failed, not '" + status + "'"));
    }
}
