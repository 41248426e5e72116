package dev.herald.delivery.boundary;

import dev.herald.access.boundary.PageRoom;
import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.delivery.control.DeliveryLedger;
import dev.herald.delivery.control.DeliveryQueries;
import dev.herald.delivery.control.DeliveryView;
import dev.herald.delivery.control.Dispatcher;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.json.JsonBodies;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Single deliveries. */
@ApplicationScoped
@Path("deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
@Needs(Scope.SUBSCRIBE)
public class DeliveriesResource {

    @Inject
    DeliveryQueries deliveries;

    @Inject
    JsonBodies bodies;

    @Inject
    DeliveryLedger ledger;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Caller caller;

    /** Where a delivery's payload and attempts must fit before they are read. */
    @Inject
    PageRoom pageRoom;

    @GET
    @Path("{id}")
    @Operation(summary = "Read a delivery with every attempt: request as sent (secrets masked) and answer")
    public DeliveryOut get(@PathParam("id") String id) {
        return whole(id, pageRoom);
    }

    @POST
    @Path("{id}/callback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Let the receiver confirm what it made of a delivery (a ticket, a page); authenticated "
                    + "with a token of the subscription's tenant")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "ack",
                                            value = "{\"externalId\": \"JIRA-1234\", \"status\": \"ticket_created\"}")))
    public DeliveryOut callback(@PathParam("id") String id, InputStream rawBody) throws IOException {
        JsonObject body = bodies.readOptional(rawBody);
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(Set.of("externalId", "status"));
        String externalId = fields.string("externalId");
        String status = fields.string("status");
        if (externalId != null && (externalId.isBlank() || externalId.length() > 200)) {
            errors.add("externalId", "must be 1 to 200 characters");
        }
        if (status != null && (status.isBlank() || status.length() > 100)) {
            errors.add("status", "must be 1 to 100 characters");
        }
        errors.throwIfAny();
        deliveries.weighBeforeChange(caller.tenantId(), id, pageRoom, false);
        ledger.acknowledge(caller.tenantId(), id, externalId, status);
        return whole(id, ReadRoom.NONE);
    }

    @POST
    @Path("{id}/redeliver")
    @Operation(summary = "Make one more attempt of a delivery now, under the same webhook-id; its attempts list grows")
    public Response redeliver(@PathParam("id") String id) {
        deliveries.weighBeforeChange(caller.tenantId(), id, pageRoom, true);
        dispatcher.redeliverNow(caller.tenantId(), id);
        return Response.accepted(whole(id, ReadRoom.NONE)).build();
    }

    /**
     * The delivery with every attempt, its attempts read while the answer is written; read
     * without them first, so that one not found is a 404 before anything is written.
     */
    private DeliveryOut whole(String id, ReadRoom room) {
        DeliveryView delivery = deliveries.withoutAttempts(caller.tenantId(), id, room);
        int aTurn = DeliveryQueries.attemptsATurn(pageRoom); // as weighed, before a change too
        return DeliveryOut.of(
                delivery,
                new AttemptsInTurns(
                        delivery, (after, through) -> deliveries.attempts(delivery.id(), after, through, aTurn)));
    }
}
