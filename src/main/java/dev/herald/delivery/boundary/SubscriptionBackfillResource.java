package dev.herald.delivery.boundary;

import dev.herald.access.boundary.PageRoom;
import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.delivery.control.Backfill;
import dev.herald.delivery.control.RedeliveryInput;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.json.Jsons;
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

/** Delivering a new subscription the history from before it existed. */
@ApplicationScoped
@Path("webhooks/{id}/backfill")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
@Needs(Scope.SUBSCRIBE)
public class SubscriptionBackfillResource {

    @Inject
    Backfill backfill;

    @Inject
    Caller caller;

    @Inject
    PageRoom pageRoom;

    @POST
    @Operation(
            summary = "Deliver the matching events recorded since a time and before the subscription existed, "
                    + "oldest first, one at a time beside live traffic (at most 10,000 per request); prunedThrough says "
                    + "when the window reaches back past the events kept")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "backfill",
                                            value =
                                                    "{\"since\": \"2026-01-01T00:00:00Z\", \"types\": [\"release.*\"]}")))
    public Response schedule(@PathParam("id") String subscriptionId, JsonObject body) {
        RedeliveryInput.BackfillRequest wanted = RedeliveryInput.backfill(body);
        long chunkChars = pageRoom.takeForBatches(ReadRoom.BATCH_CHARS);
        Backfill.Scheduled scheduled =
                backfill.schedule(caller.tenantId(), subscriptionId, wanted.since(), wanted.types(), chunkChars);
        var answer = Jsons.object().add("scheduled", scheduled.count());
        scheduled.prunedThrough().ifPresent(pruned -> answer.add("prunedThrough", pruned.toString()));
        return Response.accepted(answer.build()).build();
    }
}
