package dev.herald.delivery.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.catalog.control.GovernedCategories;
import dev.herald.delivery.control.TestDeliveries;
import dev.herald.platform.json.JsonBodies;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sending a test delivery to a subscription and answering what came of it. */
@ApplicationScoped
@Path("webhooks/{id}/test")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
@Needs(Scope.SUBSCRIBE)
public class SubscriptionTestResource {

    @Inject
    TestDeliveries tests;

    @Inject
    JsonBodies bodies;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Send a webhook.ping (or a sample of the named event type) now, once, and answer the result")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(name = "ping", value = "{}"),
                                @ExampleObject(name = "sample", value = "{\"event\": \"deployment.completed\"}")
                            }))
    public TestDeliveries.Result test(@PathParam("id") String subscriptionId, InputStream rawBody) throws IOException {
        JsonObject body = bodies.readOptional(rawBody);
        InputErrors errors = new InputErrors();
        String event = JsonFields.of(body, errors).allowOnly(Set.of("event")).string("event");
        errors.throwIfAny();
        if (event != null) {
            // The sample is recorded in the history like any event of its type.
            GovernedCategories.requireScopeFor(event, caller, "Sending a sample of");
        }
        return tests.sendAndReport(caller.tenantId(), subscriptionId, event);
    }
}
