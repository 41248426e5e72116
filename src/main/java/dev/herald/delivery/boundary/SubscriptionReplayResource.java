package dev.herald.delivery.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.delivery.control.DeliveryLedger;
import dev.herald.delivery.control.RedeliveryInput;
import dev.herald.platform.json.Jsons;
import dev.herald.subscriptions.control.Subscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sending a subscription's past deliveries again. */
@ApplicationScoped
@Path("webhooks/{id}/replay")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
@Needs(Scope.SUBSCRIBE)
public class SubscriptionReplayResource {

    @Inject
    DeliveryLedger ledger;

    @Inject
    Subscriptions subscriptions;

    @Inject
    Caller caller;

    @POST
    @Operation(
            summary = "Redeliver the subscription's deliveries created since a time (by default the failed ones), "
                    + "at most 10,000, oldest first; each keeps its webhook-id. When more are left, the answer's "
                    + "nextSince is the since to replay the rest from")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "replay",
                                            value = "{\"since\": \"2026-01-15T00:00:00Z\", \"status\": \"failed\"}")))
    public Response replay(@PathParam("id") String subscriptionId, JsonObject body) {
        RedeliveryInput.Replay replay = RedeliveryInput.replay(body);
        subscriptions.get(caller.tenantId(), subscriptionId);
        DeliveryLedger.Replayed replayed =
                ledger.replay(caller.tenantId(), subscriptionId, replay.since(), replay.status());
        var answer = Jsons.object().add("replayed", replayed.count());
        replayed.nextSince().ifPresent(next -> answer.add("nextSince", next.toString()));
        return Response.accepted(answer.build()).build();
    }
}
