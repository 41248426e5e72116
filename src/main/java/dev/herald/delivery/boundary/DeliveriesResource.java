package dev.herald.delivery.boundary;

import dev.herald.access.control.Caller;
import dev.herald.delivery.control.DeliveryQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import dev.herald.delivery.control.Claim;
import dev.herald.delivery.control.DeliveryLedger;
import dev.herald.delivery.control.Dispatcher;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Single deliveries. */
@Path("deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
public class DeliveriesResource {

    @Inject
    DeliveryQueries deliveries;

    @Inject
    DeliveryLedger ledger;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Caller caller;

    @GET
    @Path("{id}")
    @Operation(summary = "Read a delivery with every attempt: request as sent (secrets masked) and answer")
    public DeliveryOut get(@PathParam("id") String id) {
        return DeliveryOut.of(deliveries.get(caller.tenantId(), id));
    }

    @POST
    @Path("{id}/redeliver")
    @Operation(summary = "Make one more attempt of a delivery now, under the same webhook-id; its attempts list grows")
    public Response redeliver(@PathParam("id") String id) {
        Claim claim = ledger.redeliver(caller.tenantId(), id);
        dispatcher.submit(claim);
        return Response.accepted(DeliveryOut.of(deliveries.get(caller.tenantId(), id))).build();
    }
}
